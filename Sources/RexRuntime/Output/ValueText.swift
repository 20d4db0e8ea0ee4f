import RexData

/// How single values are spelled in rex output (SPEC §5): floats in the shortest
/// form that reads back exactly, `true`/`false`, ISO 8601 dates and datetimes,
/// bytes as hex.
public enum ValueText {
    /// The text of a non-null cell.
    public static func text(_ column: Column, _ row: Int) -> String {
        switch column.storage {
        case .int(let values): return String(values[row])
        case .float(let values): return float(values[row])
        case .bool(let values): return values[row] ? "true" : "false"
        case .date(let values): return CivilDate(daysSinceEpoch: Int64(values[row])).iso
        case .datetime(let values): return CivilDate.isoDateTime(microsecondsSinceEpoch: values[row])
        case .text(let buffer): return buffer.string(at: row)
        case .bytes(let buffer): return hex(buffer.bytes(at: row))
        }
    }

    /// Shortest round-trip form; Swift's description already is (`0.1`, `3.0`, `1e-07`).
    public static func float(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
