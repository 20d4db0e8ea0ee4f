import ArgumentParser
import Foundation
import RexRepl

/// The command line of SPEC §5. Argument parsing only; everything else is RexRepl.
struct Rex: ParsableCommand {
    static let version = RexVersion.current

    static let configuration = CommandConfiguration(
        commandName: "rex",
        abstract: "A dataframe language REPL for SQL Server, PostgreSQL, SQLite and pandas.",
        discussion: """
        With no FILE and no -e, rex reads statements from stdin when it is not a terminal,
        and opens the REPL otherwise. Exit status: 0 success, 1 a statement failed,
        2 bad usage, 3 could not connect or the connection was lost, 130 interrupted.
        Environment: REX_CONNECT, REX_PASSWORD, REX_HISTORY, REX_IMAGES, NO_COLOR; for the embedded
        Python, PYTHONPATH and VIRTUAL_ENV (a venv of the same Python version adds its packages after
        rex's own); PYTHONHOME is ignored.
        """,
        version: RexVersion.line
    )

    @Option(name: [.customShort("e"), .customLong("execute")], help: "Run STATEMENT (repeatable) and exit.")
    var statements: [String] = []

    @Option(name: [.short, .customLong("connect")], help: "Connect first (connection string or DSN; default $REX_CONNECT).")
    var connect: String?

    @Option(name: .customLong("context"), help: "Start in this compute context: local or server.")
    var context: String?

    @Option(name: .customLong("format"), help: "Result format: table, csv, tsv, json, markdown.")
    var format: String?

    @Option(name: [.customShort("v"), .customLong("var")], help: "Script variable NAME=VALUE, used as $(NAME).")
    var variables: [String] = []

    @Flag(name: .customLong("no-rc"), help: "Do not run the start-up file ($XDG_CONFIG_HOME/rex/rexrc).")
    var noRC = false

    @Flag(name: .customLong("keep-going"), help: "In scripts, go on after a failed statement.")
    var keepGoing = false

    @Flag(name: .customLong("serve"), help: "Answer JSON-line requests on stdin (notebooks and editors; docs/SERVE.md).")
    var serve = false

    @Flag(name: .customLong("install-kernel"), help: "Install the Jupyter kernel spec 'rex' (system-wide unless --user or --prefix).")
    var installKernel = false

    @Flag(name: .customLong("user"), help: "With --install-kernel: for the current user only.")
    var user = false

    @Option(name: .customLong("prefix"), help: "With --install-kernel: under PREFIX/share/jupyter/kernels.")
    var prefix: String?

    @Argument(help: "A rex script to run.")
    var file: String?

    func validate() throws {
        if let format, OutputFormat(rawValue: format) == nil {
            throw ValidationError("--format must be one of table, csv, tsv, json, markdown (got '\(format)')")
        }
        if let context, context != "local" && context != "server" {
            throw ValidationError("--context must be local or server (got '\(context)')")
        }
        for variable in variables where !variable.contains("=") || variable.hasPrefix("=") {
            throw ValidationError("-v needs NAME=VALUE (got '\(variable)')")
        }
        if (serve || installKernel) && (file != nil || !statements.isEmpty) {
            throw ValidationError("--serve and --install-kernel take no FILE or -e statements")
        }
        if serve && installKernel { throw ValidationError("give either --serve or --install-kernel, not both") }
        if (user || prefix != nil) && !installKernel { throw ValidationError("--user and --prefix go with --install-kernel") }
        if user && prefix != nil { throw ValidationError("give either --user or --prefix, not both") }
        if file != nil && !statements.isEmpty {
            throw ValidationError("give either a FILE or -e statements, not both")
        }
    }

    mutating func run() throws {
        if installKernel {
            let place: KernelInstaller.Place = user ? .user : prefix.map { .prefix($0) } ?? .system
            let status = KernelInstaller.run(place)
            if status != .success { throw ExitCode(status.rawValue) }
            return
        }
        let status = Launcher(
            statements: statements, connect: connect ?? ProcessInfo.processInfo.environment["REX_CONNECT"],
            context: context, format: format.flatMap(OutputFormat.init(rawValue:)), variables: variables,
            runStartupFile: !noRC, keepGoing: keepGoing, file: file, serve: serve
        ).run()
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
