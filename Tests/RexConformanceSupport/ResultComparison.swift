import Foundation
import RexData

/// Compares an engine's result with the expected table: same column names and
/// types, same rows (in order when `ordered`, else as a multiset), floats to
/// 1e-9 relative. Returns nil when equal, else a readable explanation.
public func compareResults(actual: Table, expected: Table, ordered: Bool) -> String? {
    if actual.schema.names != expected.schema.names {
        return "columns differ: got \(actual.schema.names), expected \(expected.schema.names)"
    }
    let actualTypes = actual.schema.fields.map(\.type)
    let expectedTypes = expected.schema.fields.map(\.type)
    if actualTypes != expectedTypes {
        return "column types differ: got \(actualTypes), expected \(expectedTypes)"
    }
    var actualRows = (0..<actual.rowCount).map { actual.row($0) }
    var expectedRows = (0..<expected.rowCount).map { expected.row($0) }
    if actualRows.count != expectedRows.count {
        return "got \(actualRows.count) rows, expected \(expectedRows.count)\n" + show(actualRows, expectedRows)
    }
    if !ordered {
        actualRows.sort(by: rowOrder)
        expectedRows.sort(by: rowOrder)
    }
    for (index, (a, e)) in zip(actualRows, expectedRows).enumerated() where !rowsMatch(a, e) {
        return "row \(index + 1) differs: got \(a), expected \(e)\n" + show(actualRows, expectedRows)
    }
    return nil
}

private func show(_ actual: [[Value]], _ expected: [[Value]]) -> String {
    "  got:      " + actual.prefix(12).map { "\($0)" }.joined(separator: " ") + "\n  expected: " + expected.prefix(12).map { "\($0)" }.joined(separator: " ")
}

private func rowsMatch(_ a: [Value], _ e: [Value]) -> Bool {
    zip(a, e).allSatisfy(valuesMatch)
}

public func valuesMatch(_ a: Value, _ e: Value) -> Bool {
    switch (a, e) {
    case (.float(let x), .float(let y)):
        if x == y { return true }
        return abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    case (.text(let x), .text(let y)):
        // Byte for byte: Swift's String equality would take "é" and "e\u{301}" as equal.
        return x.utf8.elementsEqual(y.utf8)
    default:
        return a == e
    }
}

/// A total order on rows for multiset comparison (floats rounded to 9 significant digits).
private func rowOrder(_ a: [Value], _ b: [Value]) -> Bool {
    for (x, y) in zip(a, b) {
        // Keys compared as UTF-8 bytes: Swift's String ordering, by canonical equivalence, is
        // no total order on the bytes ("é" and "e\u{301}" are equal there), so two tables
        // holding the same rows could sort differently.
        let kx = Array(sortKey(x).utf8), ky = Array(sortKey(y).utf8)
        if kx != ky { return kx.lexicographicallyPrecedes(ky) }
    }
    return false
}

private func sortKey(_ value: Value) -> String {
    switch value {
    case .null: return "0"
    // -0.0 equals 0.0 (valuesMatch), so both must sort alike.
    case .float(let v): return "1" + String(format: "%+.9e", v == 0 ? 0 : v)
    case .int(let v): return "1" + String(format: "%+.9e", Double(v)) + String(v)
    default: return "2" + value.description
    }
}
