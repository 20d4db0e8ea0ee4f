import Foundation
import RexTestSupport
import Testing

/// Issue 11: under `standard_conforming_strings = off` (a role or database setting),
/// `filter name == "x\\'; DROP TABLE b; --"` dropped `b`. rex turns the setting on for its
/// sessions and writes backslash literals as `E'…'`: the reproduction finds its row and drops nothing.
@Suite("standard_conforming_strings off for the role", .serialized)
struct PostgresStringSettingTests {
    @Test("the reproduction is harmless and the value round-trips exactly")
    func reproduction() throws {
        let admin = try TestEnvironment.postgres
        let user = try TestEnvironment.postgresUnprivileged
        let off = try runRex(["--no-rc", "-c", admin, "-e", ":exec ALTER ROLE rex_user SET standard_conforming_strings = off"])
        #expect(off.status == 0, "\(off.stderr)")
        defer { _ = try? runRex(["--no-rc", "-c", admin, "-e", ":exec ALTER ROLE rex_user RESET standard_conforming_strings"]) }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let victim = "scs_b_\(suffix)", data = "scs_a_\(suffix)"
        let value = #"x\\'; DROP TABLE \#(victim); --"#   // rex source: the value is x\'; DROP TABLE …; --
        let setup = try runRex(["--no-rc", "-c", user,
                                "-e", ":exec CREATE TABLE \(victim) (x int)",
                                "-e", "sample iris | take 2 | select id = Sepal_Length, name = \"plain\" -> table \(data)",
                                "-e", "sample iris | take 1 | select id = Sepal_Length, name = \"\(value)\" -> table \(data) append",
                                "-e", ":exec SHOW standard_conforming_strings"])
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("standard_conforming_strings\non\n"), "\(setup.stdout)")
        let filtered = try runRex(["--no-rc", "-c", user, "--context", "server",
                                   "-e", "table \(data) | filter name == \"\(value)\" | select name",
                                   "-e", "table \(data) | filter contains(name, \"x\\\\'\") | summarize n = count()"])
        #expect(filtered.status == 0, "\(filtered.stderr)")
        #expect(filtered.stdout.components(separatedBy: "\n") == ["name", "x\\'; DROP TABLE \(victim); --", "n", "1", ""], "\(filtered.stdout)")
        let victimThere = try runRex(["--no-rc", "-c", user, "-e", ":exec SELECT count(*) AS n FROM \(victim)",
                                      "-e", ":exec DROP TABLE \(victim), \(data)"])
        #expect(victimThere.status == 0, "the table the value names is still there: \(victimThere.stderr)")
    }
}
