import RexData

/// SQL text with `?` parameter markers and the values to bind to them, in order.
///
/// Script variables in a `sql "…"` source are bound parameters (SPEC §5). The generator
/// writes each one into the compiled SQL as a marker that no SQL text can contain (it is
/// delimited by NUL characters); `init(compiled:)` turns the markers into `?` and the list
/// of values, just before the statement runs. An unresolved marker can never run: SQL
/// text stops at a NUL, and RexODBC refuses text that contains one.
public struct SQLStatement: Sendable, Hashable {
    public var text: String
    public var parameters: [Value]

    public init(text: String, parameters: [Value] = []) {
        self.text = text
        self.parameters = parameters
    }

    /// The statement of compiled SQL (`SQLGenerator.generate`): each marker becomes `?`.
    public init(compiled: String) {
        var parameters: [Value] = []
        let text = ParameterMarker.replace(in: compiled) { value in
            parameters.append(value)
            return "?"
        }
        self.init(text: text, parameters: parameters)
    }

    /// Compiled SQL with each parameter written as a literal by `literal` (for SQL that is
    /// itself carried as a string, such as the input query of server Python).
    public static func inlining(_ compiled: String, literal: (Value) -> String) -> String {
        ParameterMarker.replace(in: compiled, with: literal)
    }

    /// What `:sql` shows: the text, then one comment line per parameter (`-- ?1 = "text"`),
    /// each value in Swift's escaped form so that it always stays on its line.
    public var display: String {
        let lines = parameters.enumerated().map { index, value -> String in
            let shown: String
            switch value {
            case .text(let text): shown = text.debugDescription
            default: shown = value.description
            }
            return "-- ?\(index + 1) = \(shown)"
        }
        return ([text] + lines).joined(separator: "\n")
    }
}

/// The in-text form of a bound parameter in compiled SQL: NUL, `i` and the decimal digits
/// of an int, or `t` and the hexadecimal UTF-8 bytes of a text, then NUL.
enum ParameterMarker {
    static func encode(_ value: Value) -> String {
        switch value {
        case .int(let number):
            return "\u{0}i\(number)\u{0}"
        default:
            let text: String
            if case .text(let t) = value { text = t } else { text = value.description }
            return "\u{0}t" + SQLQuoting.hex(Array(text.utf8)) + "\u{0}"
        }
    }

    /// `text` with each marker replaced by `replacement(value)`.
    static func replace(in text: String, with replacement: (Value) -> String) -> String {
        guard text.unicodeScalars.contains("\u{0}") else { return text }
        var output = String.UnicodeScalarView()
        var marker: String.UnicodeScalarView?
        for scalar in text.unicodeScalars {
            if scalar == "\u{0}" {
                if let body = marker {
                    output.append(contentsOf: replacement(decode(String(body))).unicodeScalars)
                    marker = nil
                } else {
                    marker = String.UnicodeScalarView()
                }
            } else if marker != nil {
                marker?.append(scalar)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    private static func decode(_ body: String) -> Value {
        let payload = body.dropFirst()
        if body.hasPrefix("i"), let number = Int64(payload) { return .int(number) }
        var bytes: [UInt8] = []
        var pending: UInt8?
        for c in payload.unicodeScalars {
            guard let digit = UInt8(String(c), radix: 16) else { continue }
            if let high = pending { bytes.append(high << 4 | digit); pending = nil } else { pending = digit }
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}
