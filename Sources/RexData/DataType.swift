/// The seven value types of the rex language (SPEC §2). Every type admits null.
public enum DataType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case int        // 64-bit signed integer
    case float      // IEEE double
    case text       // Unicode text
    case bool
    case date       // calendar date, no time zone
    case datetime   // date and time, UTC when the source had a zone
    case bytes      // binary

    public var description: String { rawValue }

    /// True for `int` and `float`.
    public var isNumeric: Bool { self == .int || self == .float }
}

/// A named, typed column of a relation's schema.
public struct Field: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var type: DataType

    public init(_ name: String, _ type: DataType) {
        self.name = name
        self.type = type
    }

    public var description: String { "\(name): \(type)" }
}

/// The ordered columns of a relation.
public struct Schema: Sendable, Hashable, CustomStringConvertible {
    public var fields: [Field]

    public init(_ fields: [Field]) { self.fields = fields }

    public var names: [String] { fields.map(\.name) }

    /// The field called `name` (exact, case-sensitive), if any.
    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    public var description: String { "(" + fields.map(\.description).joined(separator: ", ") + ")" }
}
