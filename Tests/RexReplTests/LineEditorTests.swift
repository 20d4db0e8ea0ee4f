import Foundation
import RexRepl
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
