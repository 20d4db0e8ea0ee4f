import ArgumentParser
import Foundation
import RexRepl

// Parse the command line; usage errors exit with status 2 (SPEC §5), not
// ArgumentParser's default 64.
do {
    var command = try Rex.parseAsRoot()
    try command.run()
} catch {
    if Rex.exitCode(for: error) == .validationFailure {
        let message = Rex.fullMessage(for: error)
        FileHandle.standardError.write(Data("rex: \(message)\n".utf8))
        exit(ExitStatus.badUsage.rawValue)
    }
    Rex.exit(withError: error)
}
