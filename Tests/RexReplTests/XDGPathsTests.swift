import Foundation
@testable import RexRepl
import Testing

@Suite("XDG paths: config and state directories are absolute")
struct XDGPathsTests {
    @Test("absolute XDG_CONFIG_HOME and XDG_STATE_HOME are used")
    func absolute() {
        #expect(Launcher.startupFile(environment: ["XDG_CONFIG_HOME": "/c", "HOME": "/home/a"]) == "/c/rex/rexrc")
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": "/s/", "HOME": "/home/a"]) == "/s/rex/history")
    }

    @Test("a relative or empty value is ignored: the default under HOME", arguments: ["rel", ".", "./x", "", "~/x"])
    func relative(value: String) {
        #expect(Launcher.startupFile(environment: ["XDG_CONFIG_HOME": value, "HOME": "/home/a"]) == "/home/a/.config/rex/rexrc")
        #expect(HistoryFile.path(environment: ["XDG_STATE_HOME": value, "HOME": "/home/a"]) == "/home/a/.local/state/rex/history")
    }

    @Test("a relative HOME falls back to the password entry's home, which is absolute")
    func relativeHome() {
        let path = Launcher.startupFile(environment: ["XDG_CONFIG_HOME": "rel", "HOME": "rel"])
        #expect(path.map { $0.hasPrefix("/") && $0.hasSuffix("/.config/rex/rexrc") } ?? true)
        #expect(HistoryFile.path(environment: ["HOME": "."]).map { $0.hasPrefix("/") } ?? true)
    }
}
