/// Text with `$(NAME)` slots and the values of the variables it names: the form in which
/// SQL passthrough (`sql "…"` sources, `:exec`) receives script variables, so that the
/// dialect's own lexer decides what each slot becomes (RexCompiler's `SQLPassthrough`).
public struct TemplateText: Sendable, Hashable {
    public enum Part: Sendable, Hashable {
        /// Text as written.
        case text(String)
        /// A `$(NAME)` reference.
        case variable(String)
    }

    public var parts: [Part]
    /// The value of each variable named in `parts` that is set.
    public var values: [String: String]

    /// Plain text without slots.
    public init(_ text: String) {
        parts = text.isEmpty ? [] : [.text(text)]
        values = [:]
    }

    public init(parts: [Part], values: [String: String]) {
        self.parts = parts
        self.values = values
    }

    /// `text` with every `$(NAME)` as a slot (no values yet).
    init(parsing text: String) {
        let scalars = Array(text.unicodeScalars)
        var parts: [Part] = []
        var pending = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            if let reference = ScriptVariables.reference(in: scalars, at: index) {
                if !pending.isEmpty { parts.append(.text(String(pending))); pending = String.UnicodeScalarView() }
                parts.append(.variable(reference.name))
                index += reference.length
            } else {
                pending.append(scalars[index])
                index += 1
            }
        }
        if !pending.isEmpty { parts.append(.text(String(pending))) }
        self.init(parts: parts, values: [:])
    }

    /// True when the text has at least one slot.
    public var hasVariables: Bool {
        parts.contains { if case .variable = $0 { return true }; return false }
    }

    /// The names of the slots, in order of first appearance.
    public var names: [String] {
        var seen: [String] = []
        for case .variable(let name) in parts where !seen.contains(name) { seen.append(name) }
        return seen
    }

    /// The text with each slot written `$(NAME)`.
    public var written: String {
        parts.map { part in
            switch part {
            case .text(let text): return text
            case .variable(let name): return "$(" + name + ")"
            }
        }.joined()
    }
}
