import Foundation
import RexRuntime

/// The version of rex.
public enum RexVersion {
    public static let current = "0.1.0"
}

/// Starts a session the way the command line asks (SPEC §5) and runs it.
public struct Launcher {
    public var statements: [String]
    public var connect: String?
    public var context: String?
    public var format: OutputFormat?
    public var variables: [String]
    public var runStartupFile: Bool
    public var keepGoing: Bool
    public var file: String?
    /// `--serve`: answer JSON-line requests on stdin instead of reading statements (docs/SERVE.md).
    public var serve: Bool

    public init(statements: [String], connect: String?, context: String?, format: OutputFormat?, variables: [String],
                runStartupFile: Bool, keepGoing: Bool, file: String?, serve: Bool = false) {
        self.serve = serve
        self.statements = statements
        self.connect = connect
        self.context = context
        self.format = format
        self.variables = variables
        self.runStartupFile = runStartupFile
        self.keepGoing = keepGoing
        self.file = file
    }

    public func run() -> ExitStatus {
        let session: Session
        do {
            session = try Session()
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return .statementFailed
        }
        InterruptController.shared.install()
        OutputFile.installSignalHandlers()
        let repl = Repl(session: session)
        repl.format = format
        // Set up first, so that the start-up file and --connect answer as messages too.
        let server = serve ? ServeLoop(repl: repl, keepGoing: keepGoing) : nil
        for variable in variables where !repl.setVariable(assignment: variable) {
            FileHandle.standardError.write(Data("error: -v needs NAME=VALUE with NAME letters, digits and _ (ASCII), not '\(variable.prefix { $0 != "=" })'\n".utf8))
            return .badUsage
        }
        if runStartupFile, let path = Self.startupFile(), FileManager.default.fileExists(atPath: path),
           let data = FileManager.default.contents(atPath: path) {
            _ = repl.runText(String(decoding: data, as: UTF8.self), fileName: path, keepGoing: true)
        }
        if let connect, !connect.isEmpty {
            do {
                let named = try session.connections.connect(connect)
                if let warning = named.connection.serverKind.warning { FileHandle.standardError.write(Data((warning + "\n").utf8)) }
            } catch {
                repl.writeError("\(error)")
                return .connectionFailed
            }
        }
        if context == "server" {
            guard session.connections.current != nil else {
                FileHandle.standardError.write(Data("error: --context server needs a connection\n  = help: add -c CONNSTR or set REX_CONNECT\n".utf8))
                return .badUsage
            }
            session.context = .server
        }
        let status: ExitStatus
        if let server {
            status = server.run()
        } else if !statements.isEmpty {
            status = repl.runText(statements.joined(separator: "\n"), keepGoing: keepGoing)
        } else if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileHandle.standardError.write(Data("error: cannot read '\(file)'\n".utf8))
                return .badUsage
            }
            status = repl.runText(String(decoding: data, as: UTF8.self), fileName: file, keepGoing: keepGoing)
        } else if isatty(STDIN_FILENO) == 1 {
            status = repl.runInteractive()
        } else {
            status = repl.runStream(FileHandle.standardInput, keepGoing: keepGoing)
        }
        return status
    }

    /// `$XDG_CONFIG_HOME/rex/rexrc` (default `~/.config/rex/rexrc`); always an absolute path
    /// (`XDGPaths`: a relative `XDG_CONFIG_HOME` is ignored).
    static func startupFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        XDGPaths.configHome(environment: environment).map { $0 + "/rex/rexrc" }
    }
}

/// Result formats of `--format` / `:format`.
public typealias OutputFormat = RexRuntime.OutputFormat
