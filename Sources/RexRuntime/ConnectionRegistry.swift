import Foundation
import RexCompiler
import RexData
import RexODBC

/// One open connection of the session, with the name it is known by.
public struct NamedConnection {
    /// The name used by `:use`, `:disconnect` and the prompt.
    public let name: String
    public let connection: Connection
    /// Product and version, e.g. `PostgreSQL 15.18`.
    public let product: String

    /// The rex dialect word (tsql, postgres, sqlite) or `ansi`.
    public var dialect: String { connection.serverKind.dialect ?? "ansi" }

    /// Every row of `sql`, cancelled by Ctrl-C (or `:set timeout`) while it runs. `sql` may be
    /// compiled SQL: its script-variable parameter markers are bound (`SQLStatement(compiled:)`).
    func fetchAll(_ sql: String, options: FetchOptions = FetchOptions()) throws -> Table {
        let db = connection
        let statement = SQLStatement(compiled: sql)
        return try InterruptController.shared.run(cancel: { db.cancel() }) {
            try db.fetchAll(statement.text, parameters: statement.parameters, options: options)
        }
    }
}

/// A connection could not be opened (exit status 3 from the command line).
public struct ConnectFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// The session's named connections and which one is current (SPEC §5: `:connect`,
/// `:use`, `:disconnect`, `:connections`).
public final class ConnectionRegistry {
    private(set) var connections: [NamedConnection] = []
    /// The name of the current connection, if any.
    public private(set) var currentName: String?
    /// Asks for the password of a `Pwd=?` connection string when `REX_PASSWORD` is not set,
    /// given the prompt; nil asks on the terminal (`rex --serve` asks its client instead).
    public var askPassword: ((String) -> String?)?

    public init() {}

    /// The current connection, if any.
    public var current: NamedConnection? {
        currentName.flatMap { name in connections.first { $0.name == name } }
    }

    /// All connections, in the order they were opened.
    public var all: [NamedConnection] { connections }

    /// Opens a connection from a connection string or DSN (resolving `Pwd=?`) and makes
    /// it current. The name is `as NAME` if given, else the database (or DSN, or server).
    @discardableResult
    public func connect(_ text: String, name requested: String? = nil, loginTimeout: Int? = nil) throws -> NamedConnection {
        let parsed = ConnectionString(text)
        let resolved: ConnectionString
        do {
            resolved = try parsed.resolvingPassword(ask: askPassword)
        } catch {
            // Ctrl-C at the password prompt (a terminal's or a notebook's) cancels the statement.
            try InterruptController.shared.checkpoint()
            throw ConnectFailure(message: "error: could not connect: \(error)\n  = help: set REX_PASSWORD or run rex on a terminal to type the password")
        }
        let connection: Connection
        do {
            connection = try Connection(resolved, loginTimeout: loginTimeout)
        } catch let error as ODBCError {
            var message = "error: could not connect to \(parsed.masked)\n" + ConnectionString.maskPasswords(in: error.description)
            if error.diagnostics.contains(where: { $0.message.localizedCaseInsensitiveContains("certificate") }) {
                message += "\n  = help: the server's certificate is not trusted; add TrustServerCertificate=yes if you trust it"
            } else if error.sqlState == "IM002" {
                message += "\n  = help: no such DSN or driver; check odbcinst -q -d and odbcinst -q -s"
            }
            throw ConnectFailure(message: message)
        }
        let baseName = requested ?? defaultName(parsed)
        var name = baseName
        var suffix = 2
        while requested == nil, connections.contains(where: { $0.name == name }) {
            name = "\(baseName)\(suffix)"
            suffix += 1
        }
        if let existing = connections.firstIndex(where: { $0.name == name }) {
            connections[existing].connection.close()
            connections.remove(at: existing)
        }
        let version = (try? connection.dbmsVersion) ?? ""
        let product = connection.serverKind.description + (version.isEmpty ? "" : " " + version)
        let named = NamedConnection(name: name, connection: connection, product: product)
        connections.append(named)
        currentName = name
        return named
    }

    /// Makes `name` current.
    public func use(_ name: String) throws {
        guard connections.contains(where: { $0.name == name }) else {
            throw ConnectFailure(message: "error: no connection named '\(name)'\n  = help: :connections lists them")
        }
        currentName = name
    }

    /// Closes `name` (or the current connection).
    public func disconnect(_ name: String? = nil) throws -> String {
        guard let target = name ?? currentName, let index = connections.firstIndex(where: { $0.name == target }) else {
            throw ConnectFailure(message: name.map { "error: no connection named '\($0)'\n  = help: :connections lists them" }
                                 ?? "error: not connected")
        }
        connections[index].connection.close()
        connections.remove(at: index)
        if currentName == target { currentName = connections.last?.name }
        return target
    }

    private func defaultName(_ connectionString: ConnectionString) -> String {
        let candidate = connectionString.database.map { ($0 as NSString).lastPathComponent }
            ?? connectionString["DSN"] ?? connectionString.server ?? "db"
        let base = (candidate as NSString).deletingPathExtension
        let cleaned = base.filter { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        return cleaned.isEmpty ? "db" : cleaned
    }
}
