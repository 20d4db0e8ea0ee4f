import Foundation
import RexData
import RexRuntime

/// A JSON value as `rex --serve` writes it (docs/SERVE.md). Object keys keep their order,
/// so every message reads the same way each time; numbers are kept as their exact text.
enum ServeJSON: Equatable {
    case null
    case bool(Bool)
    /// A number already spelled as JSON (`42`, `0.1`, `1e-07`).
    case number(String)
    case string(String)
    case array([ServeJSON])
    case object([(String, ServeJSON)])

    static func == (left: ServeJSON, right: ServeJSON) -> Bool { left.text == right.text }

    static func int(_ value: Int) -> ServeJSON { .number(String(value)) }

    /// A float in the shortest form that reads back exactly; NaN and infinities, which JSON
    /// cannot spell, are `null` (as in `:format json`).
    static func float(_ value: Double) -> ServeJSON {
        value.isFinite ? .number(ValueText.float(value)) : .null
    }

    /// The value on one line.
    var text: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return jsonString(text)
        case .array(let items): return "[" + items.map(\.text).joined(separator: ",") + "]"
        case .object(let pairs):
            return "{" + pairs.map { jsonString($0.0) + ":" + $0.1.text }.joined(separator: ",") + "}"
        }
    }

    /// A value decoded by `JSONSerialization` (a request's `id`), written back unchanged in kind.
    init(foundation value: Any?) {
        switch value {
        case nil, is NSNull:
            self = .null
        case let text as String:
            self = .string(text)
        case let number as NSNumber:
            // Ids are strings or numbers (docs/SERVE.md); an integer comes back as written.
            if let exact = Int64(number.stringValue) {
                self = .number(String(exact))
            } else {
                self = .float(number.doubleValue)
            }
        case let items as [Any]:
            self = .array(items.map { ServeJSON(foundation: $0) })
        case let object as [String: Any]:
            self = .object(object.keys.sorted().map { ($0, ServeJSON(foundation: object[$0])) })
        default:
            self = .null
        }
    }
}

/// How one table cell is written in JSON (`:format json` and `rex --serve`): integers and
/// floats as numbers (floats exact, shortest form), booleans as `true`/`false`, NULL as
/// `null`, dates and datetimes as ISO 8601 text, bytes as hex text, text as a string.
enum JSONCell {
    static func value(_ column: Column, _ row: Int) -> ServeJSON {
        guard column.validity[row] else { return .null }
        switch column.storage {
        case .int(let values): return .number(String(values[row]))
        case .float(let values): return .float(values[row])
        case .bool(let values): return .bool(values[row])
        default: return .string(ValueText.text(column, row))
        }
    }

    /// A single `Value` (a fit statistic, a scalar result) in the same encoding.
    static func value(_ value: Value) -> ServeJSON {
        let column = Column(type: value.type ?? .text, values: [value])
        return Self.value(column, 0)
    }
}
