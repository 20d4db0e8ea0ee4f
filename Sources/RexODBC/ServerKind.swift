/// The kind of server behind a connection, from `SQL_DBMS_NAME`; picks the SQL dialect
/// and the driver-specific strategies (bulk insert method, parameter limit).
public enum ServerKind: Sendable, Equatable, CustomStringConvertible {
    case sqlServer
    case postgres
    case sqlite
    /// Anything else: rex uses a generic ANSI dialect (see `warning`).
    case other(dbmsName: String)

    /// Classifies a `SQL_DBMS_NAME` value.
    public init(dbmsName: String) {
        let name = dbmsName.lowercased()
        if name.contains("microsoft sql server") || name == "sql server" {
            self = .sqlServer
        } else if name.contains("postgresql") {
            self = .postgres
        } else if name.contains("sqlite") {
            self = .sqlite
        } else {
            self = .other(dbmsName: dbmsName)
        }
    }

    /// The rex dialect word (`tsql`, `postgres`, `sqlite`), nil for `.other` (generic ANSI).
    public var dialect: String? {
        switch self {
        case .sqlServer: return "tsql"
        case .postgres: return "postgres"
        case .sqlite: return "sqlite"
        case .other: return nil
        }
    }

    /// The warning to show when the server is not one rex knows.
    public var warning: String? {
        guard case .other(let name) = self else { return nil }
        return "warning: server '\(name)' is not SQL Server, PostgreSQL or SQLite; rex generates generic ANSI SQL, which may not run there"
    }

    /// Most parameter markers one statement may carry.
    public var parameterLimit: Int {
        switch self {
        case .sqlServer: return 2_100 - 1
        case .postgres: return 65_535
        case .sqlite: return 32_766
        case .other: return 1_000
        }
    }

    /// The bulk insert method that is fastest and correct for this driver. (`-> table` on SQL
    /// Server (unless `:set bulk_copy off`) first tries the driver's bulk-copy API into a staging
    /// table — `BulkCopy`, and RexRuntime's `StagedBulkCopy` — and inserts with this method
    /// where that is unavailable.)
    public var preferredInsertMethod: BulkInsertMethod {
        switch self {
        case .sqlServer: return .parameterArrays
        case .postgres: return .unnestArrays
        case .sqlite, .other: return .multiRowValues
        }
    }

    public var description: String {
        switch self {
        case .sqlServer: return "Microsoft SQL Server"
        case .postgres: return "PostgreSQL"
        case .sqlite: return "SQLite"
        case .other(let name): return name
        }
    }
}

/// How `Connection.insert` sends rows.
public enum BulkInsertMethod: Sendable, Equatable {
    /// One `INSERT … VALUES (?,…)` with column-wise parameter arrays (`SQL_ATTR_PARAMSET_SIZE`).
    case parameterArrays
    /// `INSERT … VALUES (?,…),(?,…),…` with many rows per statement.
    case multiRowValues
    /// PostgreSQL: `INSERT … SELECT * FROM unnest(?::bigint[], …)` with one array-literal
    /// parameter per column, up to 100,000 rows per statement (psqlODBC runs parameter arrays
    /// one row at a time and has no COPY).
    case unnestArrays
}
