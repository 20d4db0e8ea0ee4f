import Foundation
import RexCompiler
import RexData
import RexImage
import RexLanguage
import RexODBC
import RexPython
import Synchronization

/// Everything one rex session holds: connections, context, bindings, defs, images,
/// settings. The REPL feeds it statements; it compiles and runs them where the
/// context says (SPEC §4).
public final class Session {
    /// The compute context of SPEC §4.
    public enum Context: String, Sendable {
        case local, server
    }

    /// Settings changed with `:set`.
    public struct Settings {
        public var maxRows = 40
        public var timing = false
        public var imagesInline = true
        public var timeoutSeconds: Int? = nil
        public var echo = false
        /// Most rows of local data uploaded to a temporary table in the server context (SPEC §4).
        public var uploadLimit = 1_000_000
        /// Significant digits of floats in the terminal table (`:set digits N`, SPEC §5).
        public var floatDigits = FloatDisplay.defaultDigits
        /// Results taller than the screen go through `$PAGER` on a terminal (`:set pager on|off`).
        public var pager = true
        /// `-> table` on SQL Server through the driver's bulk-copy API (docs/UPLOADS.md); on by
        /// default, `:set bulk_copy off` writes with parameter arrays instead.
        public var bulkCopy = true
    }

    /// Where relational and analytic steps run now.
    public var context: Context = .local
    public var settings = Settings()
    /// Named connections; the current one runs server work and provides tables.
    public let connections = ConnectionRegistry()
    /// `let` bindings, `def`s and the prelude.
    public let compiler: CompilerEnvironment
    /// CSV schemas found while resolving statements and for Tab completion: a `csv` source
    /// that runs right after it was resolved reads its data without inferring the types again.
    let csvSchemas = CSVSchemaCache()
    /// Data of collected `let` bindings, by name; change it with `storeLocalData`.
    private(set) var localData: [String: Table] = [:]
    /// A version per collected binding, bumped whenever its data changes.
    private(set) var localDataVersions: [String: Int] = [:]
    private static let versionCounter = Mutex(0)
    /// Images results so far (`:images`, `:save N`).
    public private(set) var images: [ImageResult] = []
    /// Called with each SQL or Python text that runs, when `:set echo on`. The default
    /// writes it to stderr with secrets masked (`SecretMasking`) and control characters
    /// other than line feeds and tabs shown as escapes (`TerminalText`).
    public var echo: (String) -> Void = {
        FileHandle.standardError.write(Data((TerminalText.message(SecretMasking.masked($0)) + "\n").utf8))
    }
    /// Called with a one-line notice about work rex did on the user's behalf (`uploaded 12,345
    /// rows (1.2 MB) of 'regions' to a temporary table`). The default writes it to stderr with
    /// control characters shown as escapes.
    public var notice: (String) -> Void = {
        FileHandle.standardError.write(Data((TerminalText.message($0) + "\n").utf8))
    }
    /// Registered sample frames in the interpreter (registered once per process).
    var registeredSamples: Set<String> = []
    /// Connections whose server Python passed the check of `ensureServerPython`.
    var checkedServerPython: Set<ObjectIdentifier> = []

    /// A session with the prelude loaded.
    public init() throws {
        do {
            compiler = try CompilerEnvironment.withPrelude()
        } catch {
            throw RuntimeError("the built-in prelude does not compile:\n\(error)")
        }
    }

    /// The current connection or an error saying how to connect.
    func requireConnection(for purpose: String) throws -> NamedConnection {
        guard let current = connections.current else {
            throw RuntimeError("\(purpose) needs a connection", help: "connect first with :connect CONNSTR (or -c / REX_CONNECT)")
        }
        return current
    }

    /// The SQL dialect of the current connection.
    func dialect(of connection: NamedConnection) -> SQLDialect {
        SQLDialect.named(connection.dialect) ?? .ansi
    }

    /// Keeps an image for `:images` / `:save`; returns its number (1-based).
    @discardableResult
    public func addImage(_ image: ImageResult) -> Int {
        images.append(image)
        return images.count
    }

    /// A description of where pipelines run now, for `:context`.
    public var contextDescription: String {
        switch context {
        case .local:
            return "context: local — pipelines run in the embedded Python (pandas)"
        case .server:
            guard let current = connections.current else { return "context: server (not connected)" }
            let python: String
            switch current.connection.serverKind {
            case .sqlServer: python = "Python steps with sp_execute_external_script"
            case .postgres: python = "Python steps with PL/Python"
            default: python = "no server Python"
            }
            let dialectName = current.dialect == "tsql" ? "T-SQL" : current.dialect == "postgres" ? "PostgreSQL SQL" : current.dialect == "sqlite" ? "SQLite SQL" : "ANSI SQL"
            return "context: server (\(current.name)) — relational steps run as \(dialectName), \(python)"
        }
    }

    /// Sets (or, with nil, forgets) the data of a collected binding; the interpreter gets
    /// the new data the next time a pipeline reads it.
    func storeLocalData(_ table: Table?, as name: String) {
        localData[name] = table
        // Process-wide: two sessions never share a version.
        localDataVersions[name] = Session.versionCounter.withLock { counter in
            counter += 1
            return counter
        }
    }

    /// The local data of a collected binding.
    func collectedData(_ name: String) throws -> Table {
        guard let table = localData[name] else { throw RuntimeError("the binding '\(name)' has no collected data") }
        return table
    }
}
