/// Why a relation cannot be compiled to SQL. Each message says what, where and what to do.
public enum SQLGenerationError: Error, Equatable, CustomStringConvertible {
    /// A source that lives only in the local context (csv, sample, collected data, python).
    case localSource(String)
    /// An analytic verb (summary, linmod, plot, python) is not a SELECT.
    case analyticStep(String)
    /// A T-SQL `sql "…"` source that cannot be a derived table, followed by verbs.
    case unwrappableQuery(dialect: String)
    case identifierTooLong(name: String, bytes: Int, limit: Int, dialect: String)
    case nulCharacter(context: String)
    /// Something this dialect cannot express.
    case unsupported(feature: String, dialect: String)
    /// A broken invariant of the IR (a bug in rex).
    case invalidIR(String)

    public var description: String {
        switch self {
        case .localSource(let what):
            return "\(what) is local data and cannot run on the server; upload it first with `-> table NAME`, or use `:context local`"
        case .analyticStep(let verb):
            return "`\(verb)` is an analytic verb, not a SQL query; it runs after the SELECT of the steps before it"
        case .unwrappableQuery(let dialect):
            return "this `sql \"…\"` query starts with WITH or has ORDER BY without TOP/OFFSET, so \(dialect) cannot use it as a derived table; it can only run as written: remove the verbs after it, or move them into the SQL text"
        case .identifierTooLong(let name, let bytes, let limit, let dialect):
            return "the name \(name.debugDescription) is \(bytes) bytes long; \(dialect) allows at most \(limit) (longer names would be silently truncated): rename it"
        case .nulCharacter(let context):
            return "\(context) contains a NUL character, which SQL text cannot carry"
        case .unsupported(let feature, let dialect):
            return "\(feature) is not supported in \(dialect) SQL; run it in the local context (`:context local`)"
        case .invalidIR(let details):
            return "internal error in the SQL generator (please report): \(details)"
        }
    }
}
