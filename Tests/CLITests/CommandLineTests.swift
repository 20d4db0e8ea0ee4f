import Foundation
import RexTestSupport
import Testing

@Suite("rex command line")
struct CommandLineTests {
    @Test("--version prints the version")
    func version() throws {
        let result = try runRex(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("rex "))
    }

    @Test("--help describes the flags")
    func help() throws {
        let result = try runRex(["--help"])
        #expect(result.status == 0)
        for flag in ["--connect", "--context", "--format", "--no-rc", "--keep-going", "-e"] {
            #expect(result.stdout.contains(flag), "missing \(flag)")
        }
    }

    @Test("-e ':help' and piped ':help' run without a prompt")
    func helpCommand() throws {
        let viaFlag = try runRex(["-e", ":help"])
        #expect(viaFlag.status == 0)
        #expect(viaFlag.stdout.contains(":connect"))
        #expect(!viaFlag.stdout.contains("rex> "))
        let viaStdin = try runRex([], input: ":help\n:quit\n")
        #expect(viaStdin.status == 0)
        #expect(viaStdin.stdout == viaFlag.stdout)
    }

    @Test(":quit stops reading further statements")
    func quit() throws {
        let result = try runRex([], input: ":quit\n:nonsense\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test("an unknown flag is bad usage: exit status 2")
    func badUsage() throws {
        let result = try runRex(["--no-such-flag"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--no-such-flag"))
    }
}
