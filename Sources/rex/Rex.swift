import ArgumentParser
import Foundation
import RexRepl

/// The command line of SPEC §5. Argument parsing only; everything else is RexRepl.
struct Rex: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "rex",
        abstract: "A dataframe language REPL for SQL Server, PostgreSQL, SQLite and pandas.",
        discussion: """
        With no FILE and no -e, rex reads statements from stdin when it is not a terminal,
        and opens the REPL otherwise. Exit status: 0 success, 1 a statement failed,
        2 bad usage, 3 could not connect or the connection was lost, 130 interrupted.
        """,
        version: "rex \(version)"
    )

    @Option(name: [.customShort("e"), .customLong("execute")], help: "Run STATEMENT (repeatable) and exit.")
    var statements: [String] = []

    @Option(name: [.short, .customLong("connect")], help: "Connect first (connection string or DSN).")
    var connect: String?

    @Option(name: .customLong("context"), help: "Start in this compute context: local or server.")
    var context: String?

    @Option(name: .customLong("format"), help: "Result format: table, csv, tsv, json, markdown.")
    var format: String?

    @Option(name: [.customShort("v"), .customLong("var")], help: "Script variable NAME=VALUE, used as $(NAME).")
    var variables: [String] = []

    @Flag(name: .customLong("no-rc"), help: "Do not run the start-up file.")
    var noRC = false

    @Flag(name: .customLong("keep-going"), help: "In scripts, go on after a failed statement.")
    var keepGoing = false

    @Argument(help: "A rex script to run.")
    var file: String?

    mutating func run() throws {
        let repl = Repl()
        let status: ExitStatus
        if !statements.isEmpty {
            status = repl.runText(statements.joined(separator: "\n"), keepGoing: keepGoing)
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
                throw ExitCode(ExitStatus.badUsage.rawValue)
            }
            status = repl.runText(String(decoding: data, as: UTF8.self), keepGoing: keepGoing)
        } else if isatty(STDIN_FILENO) == 1 {
            status = repl.runInteractive()
        } else {
            status = repl.runStream(FileHandle.standardInput, keepGoing: keepGoing)
        }
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
