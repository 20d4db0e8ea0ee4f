import Foundation
import RexTestSupport
import Testing

/// The start-up file is found only through absolute paths (XDG rules): a relative
/// `XDG_CONFIG_HOME` used to run `./rex/rexrc` from whatever directory rex started in.
@Suite("Start-up file paths")
struct StartupFileTests {
    /// Runs rex in `directory` with `environment` and an `-e` statement.
    static func rex(in directory: URL, environment: [String: String?]) throws -> ProcessResult {
        try runRex(["-e", "sample iris | take 1 | select Species"], environment: environment, directory: directory)
    }

    @Test("a relative XDG_CONFIG_HOME is ignored; the same directory given absolutely is used")
    func relativeConfigHome() throws {
        let work = TestEnvironment.temporaryDirectory()
        let home = TestEnvironment.temporaryDirectory()
        let rc = work.appendingPathComponent("cfg/rex")
        try FileManager.default.createDirectory(at: rc, withIntermediateDirectories: true)
        try "sample iris | filter Species == \"unterminated\n".write(to: rc.appendingPathComponent("rexrc"), atomically: true, encoding: .utf8)
        let relative = try Self.rex(in: work, environment: ["XDG_CONFIG_HOME": "cfg", "HOME": home.path])
        #expect(relative.status == 0)
        #expect(relative.stdout == "Species\nsetosa\n")
        #expect(!relative.stderr.contains("rexrc"), "the relative rexrc ran: \(relative.stderr)")
        // The control: given absolutely, the same file runs (its syntax error names the file).
        let absolute = try Self.rex(in: work, environment: ["XDG_CONFIG_HOME": work.appendingPathComponent("cfg").path, "HOME": home.path])
        #expect(absolute.stderr.contains("rexrc"), "\(absolute.stderr)")
    }
}
