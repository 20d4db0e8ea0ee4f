import Foundation
@testable import RexRepl
import Testing

@Suite("libedit line editor")
struct LineEditorTests {
    @Test("initialises without a terminal and reads lines from a stream")
    func readsLines() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rex-editline-\(UUID().uuidString)")
        try Data(":help\nsample iris\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let input = try #require(fopen(url.path, "r"))
        let output = try #require(fopen("/dev/null", "w"))
        defer { fclose(input); fclose(output) }
        let editor = try #require(LineEditor(input: input, output: output, errors: output))
        editor.prompt = "rex> "
        #expect(editor.readLine() == ":help")
        editor.addHistory(":help")
        #expect(editor.readLine() == "sample iris")
        #expect(editor.readLine() == nil)
    }
}

@Suite("History")
struct HistoryTests {
    @Test("REX_HISTORY overrides, empty disables, XDG_STATE_HOME is the default place")
    func paths() {
        #expect(HistoryFile.path(environment: ["REX_HISTORY": "/tmp/h"]) == "/tmp/h")
        #expect(HistoryFile.path(environment: ["REX_HISTORY": ""]) == nil)
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/home/a"]) == "/s/rex/history")
        #expect(HistoryFile.path(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/rex/history")
    }

    @Test("statements with passwords are never stored; Pwd=? is fine", arguments: [
        (":connect Driver={X};Server=s;Uid=a;Pwd=hunter2", false),
        (":connect DSN=x;PASSWORD = hunter2;", false),
        (":connect DSN=x;Uid=a;Pwd=?", true),
        (":connect DSN=x;Uid=a;Pwd=?;Database=d", true),
        ("sample iris | take 3", true),
    ])
    func passwords(statement: String, stored: Bool) {
        #expect(HistoryFile.mayStore(statement) == stored)
    }

    @Test("history round-trips through the file, multi-line entries included")
    func file() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rex-hist-\(UUID().uuidString)/history").path
        let input = try #require(fopen("/dev/null", "r"))
        defer { fclose(input) }
        let editor = try #require(LineEditor(input: input, output: input, errors: input))
        editor.addHistory("sample iris\n| take 3")
        editor.addHistory(":help")
        editor.saveHistory(to: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(":help"))
        var attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        attributes = [:]
        let second = try #require(LineEditor(input: input, output: input, errors: input))
        second.loadHistory(from: path)
        second.saveHistory(to: path + ".2")
        #expect(try String(contentsOfFile: path + ".2", encoding: .utf8) == text)
    }
}
