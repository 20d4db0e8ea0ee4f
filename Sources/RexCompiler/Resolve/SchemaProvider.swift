import RexData
import RexLanguage

/// What the resolver asks the outside world about sources (the runtime implements it
/// over the current connection and the CSV reader).
///
/// Errors thrown by a provider (a database error, an unreadable file) propagate out of
/// `CompilerEnvironment.resolve` unchanged, so the runtime can show them in full.
public protocol SchemaProvider {
    /// The schema of `table NAME` / `table schema.NAME` (name parts as written), or nil
    /// when there is no such table.
    func tableSchema(_ nameParts: [String]) throws -> Schema?
    /// Every table name the user could mean (for `did you mean` suggestions).
    func tableNames() -> [String]
    /// The schema of the result of a `sql "…"` query in the server's own SQL.
    func sqlSchema(_ query: String) throws -> Schema
    /// The schema of a `sql "…"` query with script variables (`$(NAME)` slots), which
    /// the runtime binds; the default asks `sqlSchema(_:)` with the text as written.
    func sqlSchema(_ query: TemplateText) throws -> Schema
    /// The schema of a CSV file as the runtime's inference reads it (SPEC §2).
    func csvSchema(path: String, separator: String) throws -> Schema
}

extension SchemaProvider {
    public func sqlSchema(_ query: TemplateText) throws -> Schema {
        try sqlSchema(query.written)
    }
}

/// The schemas of the bundled sample data sets (SPEC §2), fixed in the compiler.
public enum SampleSchemas {
    /// Fisher's iris.
    public static let iris = Schema([
        Field("Sepal_Length", .float), Field("Sepal_Width", .float),
        Field("Petal_Length", .float), Field("Petal_Width", .float),
        Field("Species", .text),
    ])

    /// The shape of revoscalepy's AirlineDemoSmall.
    public static let airline = Schema([
        Field("ArrDelay", .int), Field("CRSDepTime", .float), Field("DayOfWeek", .text),
    ])

    /// Every sample name, sorted.
    public static let names = ["airline", "iris"]

    /// The schema of sample `name`, if there is one.
    public static func schema(named name: String) -> Schema? {
        switch name {
        case "iris": return iris
        case "airline": return airline
        default: return nil
        }
    }
}
