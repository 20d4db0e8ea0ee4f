import RexData

/// Script variables (SPEC §5): `-v NAME=VALUE` on the command line or `:setvar NAME VALUE`.
///
/// A `$(NAME)` reference is always a value, never code. Where it stands decides what it
/// becomes, and each place takes it after its own text was split into tokens:
/// - in rex source, a literal token (`literal(_:)`: an int for an integer literal, else text);
///   inside a rex string, its value is part of the string's value;
/// - in SQL passthrough (`:exec`, `sql "…"`), a bound parameter, or escaped into the string
///   literal around it (RexCompiler's `SQLPassthrough`);
/// - in a Python block, the expression `rexvars["NAME"]` (`PythonBlock.runnableCode`);
/// - in a command argument, the whole value inside one already split word (`expand(_:)`).
public struct ScriptVariables: Sendable, Hashable {
    /// The value of each variable, by name.
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values
    }

    /// The value of `name`, if it is set.
    public subscript(name: String) -> String? { values[name] }

    /// Sets `name` (which must be a valid name, see `isValidName`).
    public mutating func set(_ name: String, _ value: String) throws {
        guard Self.isValidName(name) else { throw InvalidVariableName(name: name) }
        values[name] = value
    }

    /// Parses and sets `NAME=VALUE` from the command line; false when malformed.
    public mutating func set(assignment: String) -> Bool {
        guard let equals = assignment.firstIndex(of: "=") else { return false }
        let name = String(assignment[..<equals])
        guard Self.isValidName(name) else { return false }
        values[name] = String(assignment[assignment.index(after: equals)...])
        return true
    }

    /// Runs `:setvar NAME VALUE`: the value is the rest of the argument after the name,
    /// trimmed, with its own `$(…)` references expanded whole.
    public mutating func apply(setvarArgument argument: String) throws {
        let trimmed = argument.trimmingSpaces
        let name = String(trimmed.prefix { $0 != " " && $0 != "\t" })
        guard !name.isEmpty else { throw InvalidVariableName(name: "") }
        let rest = String(trimmed.dropFirst(name.count)).trimmingSpaces
        try set(name, try expand(rest))
    }

    /// True for an ASCII identifier: a letter or `_`, then letters, digits and `_`.
    /// (Names go into generated code such as `rexvars["NAME"]`, so nothing else is allowed.)
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isNameStart(first) else { return false }
        return name.unicodeScalars.allSatisfy(isNamePart)
    }

    /// The rex value of a variable's text: an int when it is an integer literal that reads
    /// back as the same text (`42`, `-7`; not `+1`, `007`, `-0`, nor beyond 64 bits), else
    /// text. So every value round-trips exactly.
    public static func literal(_ text: String) -> Value {
        guard let number = Int64(text), String(number) == text else { return .text(text) }
        return .int(number)
    }

    /// The text of `word` (one already split word of a command argument) with every
    /// `$(NAME)` replaced by the whole value; values are never scanned again.
    public func expand(_ word: String) throws -> String {
        var output = String.UnicodeScalarView()
        for part in TemplateText(parsing: word).parts {
            switch part {
            case .text(let text): output.append(contentsOf: text.unicodeScalars)
            case .variable(let name): output.append(contentsOf: try value(of: name).unicodeScalars)
            }
        }
        return String(output)
    }

    /// `text` (raw SQL of `:exec`) as a template: every `$(NAME)` a slot, with the values of
    /// the names that are set (an unset one is an error only where SQL passthrough needs it).
    public func template(_ text: String) -> TemplateText {
        var template = TemplateText(parsing: text)
        for name in template.names { template.values[name] = values[name] }
        return template
    }

    /// The value of `name`, or an error naming it and what is set.
    public func value(of name: String) throws -> String {
        guard let value = values[name] else { throw UnsetVariable(name: name, known: values.keys.sorted()) }
        return value
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || scalar == "_"
    }

    static func isNamePart(_ scalar: Unicode.Scalar) -> Bool {
        isNameStart(scalar) || (scalar >= "0" && scalar <= "9")
    }

    /// The name and length in scalars of a `$(NAME)` reference starting at `index`, if there is one.
    static func reference(in scalars: [Unicode.Scalar], at index: Int) -> (name: String, length: Int)? {
        guard index + 3 < scalars.count, scalars[index] == "$", scalars[index + 1] == "(",
              isNameStart(scalars[index + 2]) else { return nil }
        var end = index + 3
        while end < scalars.count, isNamePart(scalars[end]) { end += 1 }
        guard end < scalars.count, scalars[end] == ")" else { return nil }
        var name = ""
        name.unicodeScalars.append(contentsOf: scalars[(index + 2)..<end])
        return (name, end + 1 - index)
    }
}

/// A `$(NAME)` whose variable is not set.
public struct UnsetVariable: Error, CustomStringConvertible, Equatable {
    public let name: String
    /// The names that are set, sorted.
    public let known: [String]

    public init(name: String, known: [String]) {
        self.name = name
        self.known = known
    }

    public var description: String {
        "error: the variable '\(name)' is not set\n  = help: set it with -v \(name)=VALUE or :setvar \(name) VALUE"
            + (known.isEmpty ? "" : " (set: \(known.joined(separator: ", ")))")
    }
}

/// A variable name that is not an ASCII identifier.
public struct InvalidVariableName: Error, CustomStringConvertible, Equatable {
    public let name: String

    public var description: String {
        name.isEmpty
            ? "error: :setvar needs NAME VALUE"
            : "error: '\(name)' is not a variable name\n  = help: a name is letters, digits and _ (ASCII), not starting with a digit"
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
        return String(scalars[first...last])
    }
}
