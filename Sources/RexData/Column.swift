/// One column of values in columnar form: typed storage plus a validity mask.
///
/// This is the format every part of rex exchanges data in: ODBC fetches into it,
/// the Python bridge turns it into pandas columns (numbers as whole buffers),
/// the formatter prints it, bulk insert binds it.
public struct Column: Sendable, Equatable {
    /// Typed values. Slots whose validity is false hold an unspecified value (0, "").
    public enum Storage: Sendable, Equatable {
        case int([Int64])
        case float([Double])
        case bool([Bool])
        /// Days since 1970-01-01 (proleptic Gregorian); covers 0001-01-01 … 9999-12-31.
        case date([Int32])
        /// Microseconds since 1970-01-01T00:00:00 UTC; covers years 0001 … 9999.
        case datetime([Int64])
        /// UTF-8 text, all values back to back; value i is bytes[offsets[i]..<offsets[i+1]].
        case text(VarBuffer)
        /// Binary values, same layout as text.
        case bytes(VarBuffer)
    }

    public var storage: Storage
    /// One entry per row: true when the value is present, false for NULL.
    public var validity: [Bool]

    public init(storage: Storage, validity: [Bool]) {
        precondition(storage.count == validity.count, "storage and validity must have the same length")
        self.storage = storage
        self.validity = validity
    }

    public var type: DataType {
        switch storage {
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .date: return .date
        case .datetime: return .datetime
        case .text: return .text
        case .bytes: return .bytes
        }
    }

    public var count: Int { validity.count }

    public var nullCount: Int { validity.reduce(0) { $0 + ($1 ? 0 : 1) } }

    /// The value at `row` as a `Value` (`.null` when invalid).
    public subscript(row: Int) -> Value {
        guard validity[row] else { return .null }
        switch storage {
        case .int(let values): return .int(values[row])
        case .float(let values): return .float(values[row])
        case .bool(let values): return .bool(values[row])
        case .date(let values): return .date(values[row])
        case .datetime(let values): return .datetime(values[row])
        case .text(let buffer): return .text(buffer.string(at: row))
        case .bytes(let buffer): return .bytes(buffer.bytes(at: row))
        }
    }

    /// Builds a column of `type` from values (each `.null` or matching the type).
    public init(type: DataType, values: [Value]) {
        let validity = values.map { !$0.isNull }
        switch type {
        case .int: self.init(storage: .int(values.map { $0.intValue ?? 0 }), validity: validity)
        case .float: self.init(storage: .float(values.map { $0.floatValue ?? 0 }), validity: validity)
        case .bool: self.init(storage: .bool(values.map { $0.boolValue ?? false }), validity: validity)
        case .date: self.init(storage: .date(values.map { if case .date(let d) = $0 { return d }; return 0 }), validity: validity)
        case .datetime: self.init(storage: .datetime(values.map { if case .datetime(let t) = $0 { return t }; return 0 }), validity: validity)
        case .text:
            var buffer = VarBuffer()
            for value in values { if case .text(let s) = value { buffer.append(s) } else { buffer.append([UInt8]()) } }
            self.init(storage: .text(buffer), validity: validity)
        case .bytes:
            var buffer = VarBuffer()
            for value in values { if case .bytes(let b) = value { buffer.append(b) } else { buffer.append([UInt8]()) } }
            self.init(storage: .bytes(buffer), validity: validity)
        }
    }
}

extension Column.Storage {
    public var count: Int {
        switch self {
        case .int(let v): return v.count
        case .float(let v): return v.count
        case .bool(let v): return v.count
        case .date(let v): return v.count
        case .datetime(let v): return v.count
        case .text(let b), .bytes(let b): return b.count
        }
    }
}

/// Variable-length values (UTF-8 text or binary) stored back to back.
public struct VarBuffer: Sendable, Equatable {
    /// All values' bytes, concatenated.
    public var bytes: [UInt8]
    /// `count + 1` offsets into `bytes`; value i spans offsets[i]..<offsets[i+1].
    public var offsets: [Int]

    public init() {
        bytes = []
        offsets = [0]
    }

    public init(bytes: [UInt8], offsets: [Int]) {
        precondition(!offsets.isEmpty, "offsets start with 0")
        self.bytes = bytes
        self.offsets = offsets
    }

    public var count: Int { offsets.count - 1 }

    public mutating func append(_ value: [UInt8]) {
        bytes.append(contentsOf: value)
        offsets.append(bytes.count)
    }

    public mutating func append(_ value: String) {
        bytes.append(contentsOf: value.utf8)
        offsets.append(bytes.count)
    }

    public func bytes(at index: Int) -> [UInt8] { Array(bytes[offsets[index]..<offsets[index + 1]]) }

    public func string(at index: Int) -> String {
        String(decoding: bytes[offsets[index]..<offsets[index + 1]], as: UTF8.self)
    }
}
