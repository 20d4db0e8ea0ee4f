import CPython

/// A strong reference to a Python object, released when this goes away.
///
/// Lifetime rule: create and drop these only inside a job on the Python thread
/// (`PythonInterpreter.perform`), where the GIL is held; never let one escape a job.
final class PyRef {
    let pointer: UnsafeMutablePointer<PyObject>

    /// Takes ownership of a new reference.
    init(owning pointer: UnsafeMutablePointer<PyObject>) { self.pointer = pointer }

    /// Adds a reference to a borrowed object.
    init(borrowing pointer: UnsafeMutablePointer<PyObject>) {
        Py_IncRef(pointer)
        self.pointer = pointer
    }

    deinit { Py_DecRef(pointer) }

    /// Wraps a new reference returned by the C API; nil means a Python error is set.
    static func check(_ pointer: UnsafeMutablePointer<PyObject>?) throws -> PyRef {
        guard let pointer else { throw takePythonError() }
        return PyRef(owning: pointer)
    }

    static var none: PyRef { PyRef(borrowing: pyNone) }

    /// `self.name`.
    func attribute(_ name: String) throws -> PyRef { try .check(PyObject_GetAttrString(pointer, name)) }

    /// `self(*arguments)`.
    func call(_ arguments: [PyRef]) throws -> PyRef {
        let tuple = try PyRef.tuple(arguments)
        return try .check(PyObject_CallObject(pointer, tuple.pointer))
    }

    /// `self.name(*arguments)`.
    func callMethod(_ name: String, _ arguments: [PyRef]) throws -> PyRef {
        try attribute(name).call(arguments)
    }

    var isNone: Bool { pointer == pyNone }

    /// Item `index` of a tuple (borrowed, then retained).
    func tupleItem(_ index: Int) throws -> PyRef {
        guard let item = PyTuple_GetItem(pointer, index) else { throw takePythonError() }
        return PyRef(borrowing: item)
    }

    /// `str` as Swift text (UTF-8; lone surrogates are an error).
    func string() throws -> String {
        var size = 0
        guard let utf8 = PyUnicode_AsUTF8AndSize(pointer, &size) else { throw takePythonError() }
        return utf8.withMemoryRebound(to: UInt8.self, capacity: size) {
            String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
        }
    }

    /// An `int` as Int64 (overflow is a Python error).
    func int64() throws -> Int64 {
        let value = PyLong_AsLongLong(pointer)
        if value == -1, PyErr_Occurred() != nil { throw takePythonError() }
        return Int64(value)
    }

    /// `str(self)`.
    func description() throws -> String { try PyRef.check(PyObject_Str(pointer)).string() }

    // MARK: - Making objects

    static func string(_ text: String) throws -> PyRef {
        var text = text
        return try text.withUTF8 { bytes in
            try .check(bytes.withMemoryRebound(to: CChar.self) { PyUnicode_FromStringAndSize($0.baseAddress, $0.count) })
        }
    }

    static func int(_ value: Int) throws -> PyRef { try .check(PyLong_FromLongLong(Int64(value))) }

    /// A `bytearray` copy of raw memory (one memcpy; writable, so numpy arrays over it are too).
    static func byteArray(_ buffer: UnsafeRawBufferPointer) throws -> PyRef {
        try .check(PyByteArray_FromStringAndSize(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count))
    }

    /// A `bytes` copy of raw memory.
    static func bytes(_ buffer: UnsafeRawBufferPointer) throws -> PyRef {
        try .check(PyBytes_FromStringAndSize(buffer.baseAddress?.assumingMemoryBound(to: CChar.self), buffer.count))
    }

    static func tuple(_ items: [PyRef]) throws -> PyRef {
        let tuple = try PyRef.check(PyTuple_New(items.count))
        for (index, item) in items.enumerated() {
            Py_IncRef(item.pointer)  // PyTuple_SetItem steals a reference
            PyTuple_SetItem(tuple.pointer, index, item.pointer)
        }
        return tuple
    }

    static func list(_ items: [PyRef]) throws -> PyRef {
        let list = try PyRef.check(PyList_New(items.count))
        for (index, item) in items.enumerated() {
            Py_IncRef(item.pointer)  // PyList_SetItem steals a reference
            PyList_SetItem(list.pointer, index, item.pointer)
        }
        return list
    }

    static func dictionary(_ items: [(String, PyRef)]) throws -> PyRef {
        let dictionary = try PyRef.check(PyDict_New())
        for (key, value) in items where PyDict_SetItemString(dictionary.pointer, key, value.pointer) != 0 {
            throw takePythonError()
        }
        return dictionary
    }

    /// Copies the bytes of an object that supports the buffer protocol (a contiguous numpy array, bytes).
    func withBuffer<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        var view = Py_buffer()
        guard PyObject_GetBuffer(pointer, &view, PyBUF_SIMPLE) == 0 else { throw takePythonError() }
        defer { PyBuffer_Release(&view) }
        return try body(UnsafeRawBufferPointer(start: view.buf, count: view.len))
    }
}

/// Python's `None` (borrowed).
var pyNone: UnsafeMutablePointer<PyObject> { withUnsafeMutablePointer(to: &_Py_NoneStruct) { $0 } }

/// Takes the pending Python exception and turns it into a `PythonError` (an
/// interrupt when it is a `KeyboardInterrupt`). Needs the GIL.
func takePythonError() -> PythonError {
    var type: UnsafeMutablePointer<PyObject>?
    var value: UnsafeMutablePointer<PyObject>?
    var trace: UnsafeMutablePointer<PyObject>?
    PyErr_Fetch(&type, &value, &trace)
    guard type != nil else {
        return PythonError(typeName: "SystemError", message: "a Python call failed without an exception", traceback: "")
    }
    PyErr_NormalizeException(&type, &value, &trace)
    let typeRef = type.map { PyRef(owning: $0) }
    let valueRef = value.map { PyRef(owning: $0) }
    let traceRef = trace.map { PyRef(owning: $0) }
    let typeName = (try? typeRef?.attribute("__name__").string()) ?? "Exception"
    let message = (try? valueRef?.description()) ?? ""
    var formatted = ""
    if let module = try? PyRef.check(PyImport_ImportModule("traceback")),
       let lines = try? module.callMethod("format_exception", [typeRef ?? .none, valueRef ?? .none, traceRef ?? .none]),
       let joined = try? PyRef.string("").callMethod("join", [lines]) {
        formatted = (try? joined.string()) ?? ""
    }
    PyErr_Clear()
    let kind: PythonError.Kind
    switch typeName {
    case "KeyboardInterrupt": kind = .interrupted
    case "ConversionError": kind = .conversion
    default: kind = .exception
    }
    return PythonError(kind: kind, typeName: typeName, message: message, traceback: formatted)
}
