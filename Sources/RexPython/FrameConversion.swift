import CPython
import RexData

/// Columns ↔ pandas. Numbers, bools, dates and validity cross as whole buffers
/// (one copy into a `bytearray`, then `numpy.frombuffer` in the bridge); text and
/// bytes cross as lists of Python objects made in C (`PythonValueList`). Runs on the
/// Python thread with the GIL.
enum FrameConversion {
    // MARK: - Swift → pandas

    /// A pandas DataFrame holding `table` (nullable dtypes: Int64, Float64, boolean,
    /// string, object bytes; dates as Int32 days and datetimes as Int64 microseconds since
    /// 1970-01-01, the local runtime's representation over 0001-01-01 … 9999-12-31, which
    /// `datetime64[ns]` cannot hold; `_rex.user_frame` makes them datetime64 for user code).
    static func frame(from table: Table, bridge: PyRef) throws -> PyRef {
        var copy = table
        return try frame(taking: &copy, bridge: bridge)
    }

    /// `frame(from:)` that empties `table` column by column as it goes: a column the caller
    /// holds no other reference to is freed once pandas has its values, so the whole table
    /// and the whole frame are never in memory at once.
    static func frame(taking table: inout Table, bridge: PyRef) throws -> PyRef {
        let rowCount = table.rowCount
        var arrays: [PyRef] = []
        for index in table.columns.indices {
            arrays.append(try array(from: table.columns[index], bridge: bridge))
            table.columns[index] = Column(storage: .int([]), validity: [])
        }
        let names = try table.schema.names.map { try PyRef.string($0) }
        return try bridge.callMethod("make_frame", [.list(names), .list(arrays), .int(rowCount)])
    }

    private static func array(from column: Column, bridge: PyRef) throws -> PyRef {
        let valid = try column.validity.withUnsafeBytes { try PyRef.bytes($0) }
        switch column.storage {
        case .int(let values):
            return try bridge.callMethod("column_int", [values.withUnsafeBytes { try .byteArray($0) }, valid])
        case .float(let values):
            return try bridge.callMethod("column_float", [values.withUnsafeBytes { try .byteArray($0) }, valid])
        case .bool(let values):
            return try bridge.callMethod("column_bool", [values.withUnsafeBytes { try .byteArray($0) }, valid])
        case .date(let values):
            return try bridge.callMethod("column_date", [values.withUnsafeBytes { try .byteArray($0) }, valid])
        case .datetime(let values):
            return try bridge.callMethod("column_datetime", [values.withUnsafeBytes { try .byteArray($0) }, valid])
        case .text(let buffer):
            return try bridge.callMethod("column_text", [PythonValueList.make(buffer, validity: column.validity, text: true)])
        case .bytes(let buffer):
            return try bridge.callMethod("column_bytes", [PythonValueList.make(buffer, validity: column.validity, text: false)])
        }
    }

    // MARK: - pandas → Swift

    /// The columns of a DataFrame. A named or multi-level index becomes leading
    /// columns. `hints` gives the rex type the caller expects for some columns
    /// (a datetime64 column hinted `date` becomes a date column; an all-null
    /// object column takes its hinted type).
    /// - Throws: `PythonError` of kind `.conversion` naming a column rex cannot read.
    static func table(from frame: PyRef, hints: [String: DataType], bridge: PyRef) throws -> Table {
        let hintItems = try hints.map { ($0.key, try PyRef.string($0.value.rawValue)) }
        let described = try bridge.callMethod("frame_columns", [frame, .dictionary(hintItems)])
        let count = PyList_Size(described.pointer)
        guard count >= 0 else { throw takePythonError() }
        var fields: [Field] = []
        var columns: [Column] = []
        for index in 0..<count {
            guard let borrowed = PyList_GetItem(described.pointer, index) else { throw takePythonError() }
            let entry = PyRef(borrowing: borrowed)
            let name = try entry.tupleItem(0).string()
            let kind = try entry.tupleItem(1).string()
            let values = try entry.tupleItem(2)
            let valid = try entry.tupleItem(3)
            guard let type = DataType(rawValue: kind) else {
                throw PythonError(kind: .conversion, typeName: "ConversionError", message: "column '\(name)': unknown kind \(kind)", traceback: "")
            }
            fields.append(Field(name, type))
            columns.append(try column(type: type, name: name, values: values, valid: valid))
        }
        let lengths = Set(columns.map(\.count))
        guard lengths.count <= 1 else {
            throw PythonError(kind: .conversion, typeName: "ConversionError", message: "the frame's columns have different lengths", traceback: "")
        }
        return Table(schema: Schema(fields), columns: columns)
    }

    private static func column(type: DataType, name: String, values: PyRef, valid: PyRef) throws -> Column {
        switch type {
        case .int: return try fixed(values, valid, Int64.self) { .int($0) }
        case .float: return try fixed(values, valid, Double.self) { .float($0) }
        case .bool: return try fixed(values, valid, Bool.self) { .bool($0) }
        case .date: return try fixed(values, valid, Int32.self) { .date($0) }
        case .datetime: return try fixed(values, valid, Int64.self) { .datetime($0) }
        case .text, .bytes: return try variable(values, text: type == .text, name: name)
        }
    }

    /// A column from a contiguous numpy array of `T` and a numpy bool validity array: two memcpys.
    private static func fixed<T>(_ values: PyRef, _ valid: PyRef, _: T.Type, _ storage: ([T]) -> Column.Storage) throws -> Column {
        let data: [T] = try copy(values)
        let validity: [Bool] = try copy(valid)
        guard data.count == validity.count else {
            throw PythonError(kind: .conversion, typeName: "ConversionError", message: "values and validity differ in length", traceback: "")
        }
        return Column(storage: storage(data), validity: validity)
    }

    private static func copy<T>(_ object: PyRef) throws -> [T] {
        try object.withBuffer { raw in
            let count = raw.count / MemoryLayout<T>.stride
            return [T](unsafeUninitializedCapacity: count) { target, initialized in
                if count > 0, let base = raw.baseAddress, let destination = target.baseAddress {
                    UnsafeMutableRawPointer(destination).copyMemory(from: base, byteCount: count * MemoryLayout<T>.stride)
                }
                initialized = count
            }
        }
    }

    /// A text or bytes column from a list of `str`/`bytes` with None for null.
    private static func variable(_ list: PyRef, text: Bool, name: String) throws -> Column {
        let count = PyList_Size(list.pointer)
        guard count >= 0 else { throw takePythonError() }
        var buffer = VarBuffer()
        buffer.offsets.reserveCapacity(count + 1)
        var validity = [Bool](repeating: true, count: count)
        for index in 0..<count {
            guard let item = PyList_GetItem(list.pointer, index) else { throw takePythonError() }
            if item == pyNone {
                validity[index] = false
                buffer.offsets.append(buffer.bytes.count)
                continue
            }
            var size = 0
            var pointer: UnsafeMutablePointer<CChar>?
            if text {
                pointer = PyUnicode_AsUTF8AndSize(item, &size).map { UnsafeMutablePointer(mutating: $0) }
            } else if PyBytes_AsStringAndSize(item, &pointer, &size) != 0 {
                pointer = nil
            }
            guard let pointer else {
                let cause = takePythonError()
                throw PythonError(kind: .conversion, typeName: "ConversionError",
                                  message: "column '\(name)', row \(index + 1): \(cause.typeName): \(cause.message)", traceback: "")
            }
            pointer.withMemoryRebound(to: UInt8.self, capacity: size) {
                buffer.bytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: size))
            }
            buffer.offsets.append(buffer.bytes.count)
        }
        return Column(storage: text ? .text(buffer) : .bytes(buffer), validity: validity)
    }

    // MARK: - Values

    /// A scalar the bridge described as (kind, plain Python value).
    static func value(kind: String, object: PyRef) throws -> Value {
        switch kind {
        case "null": return .null
        case "int": return .int(try object.int64())
        case "float":
            let number = PyFloat_AsDouble(object.pointer)
            if number == -1, PyErr_Occurred() != nil { throw takePythonError() }
            return number.isNaN ? .null : .float(number)
        case "text": return .text(try object.string())
        case "bool": return .bool(PyObject_IsTrue(object.pointer) == 1)
        case "date":
            let days = try object.int64()
            guard let small = Int32(exactly: days) else {
                throw PythonError(kind: .conversion, typeName: "ConversionError", message: "result date is out of range", traceback: "")
            }
            return .date(small)
        case "datetime": return .datetime(try object.int64())
        case "bytes":
            let column = try variable(try PyRef.list([object]), text: false, name: "result")
            return column[0]
        default:
            throw PythonError(kind: .conversion, typeName: "ConversionError", message: "result has unknown kind \(kind)", traceback: "")
        }
    }
}
