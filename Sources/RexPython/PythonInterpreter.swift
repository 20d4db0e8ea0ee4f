import CPython
import Foundation
import Synchronization

/// A Python exception turned into a Swift error, with its formatted traceback.
public struct PythonError: Error, Sendable, CustomStringConvertible {
    /// The exception's type name, e.g. `ZeroDivisionError`.
    public let typeName: String
    /// `str(exception)`.
    public let message: String
    /// The full formatted traceback, as Python prints it.
    public let traceback: String

    public var description: String { traceback.isEmpty ? "\(typeName): \(message)" : traceback }
}

/// The embedded CPython interpreter (Debian's libpython3.11). Started lazily on first use.
public final class PythonInterpreter: @unchecked Sendable {
    /// The one interpreter of the process.
    public static let shared = PythonInterpreter()

    private let started = Mutex(false)

    private init() {}

    /// True once the interpreter has been started in this process.
    public var isStarted: Bool { started.withLock { $0 } }

    private func startIfNeeded(_ started: inout Bool) {
        guard !started else { return }
        var config = PyConfig()
        PyConfig_InitPythonConfig(&config)
        config.install_signal_handlers = 0   // rex owns SIGINT (ENGINES.md)
        config.parse_argv = 0
        _ = Py_InitializeFromConfig(&config)
        PyConfig_Clear(&config)
        // Initialisation leaves this thread holding the GIL; release it so any
        // thread can take it with PyGILState_Ensure.
        _ = PyEval_SaveThread()
        started = true
    }

    /// Evaluates a Python expression (after running `setup` statements) and returns `str()` of it.
    public func evaluate(_ expression: String, setup: String = "") throws -> String {
        try started.withLock { started in
            startIfNeeded(&started)
            let gil = PyGILState_Ensure()
            defer { PyGILState_Release(gil) }
            guard let main = PyImport_AddModule("__main__"), let globals = PyModule_GetDict(main) else {
                throw fetchError()
            }
            if !setup.isEmpty {
                guard let done = PyRun_StringFlags(setup, Py_file_input, globals, globals, nil) else { throw fetchError() }
                Py_DecRef(done)
            }
            guard let value = PyRun_StringFlags(expression, Py_eval_input, globals, globals, nil) else { throw fetchError() }
            defer { Py_DecRef(value) }
            guard let text = PyObject_Str(value) else { throw fetchError() }
            defer { Py_DecRef(text) }
            return String(cString: PyUnicode_AsUTF8(text))
        }
    }

    /// Takes the pending Python exception and formats it with `traceback`.
    private func fetchError() -> PythonError {
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var trace: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &trace)
        PyErr_NormalizeException(&type, &value, &trace)
        defer { Py_DecRef(type); Py_DecRef(value); Py_DecRef(trace) }
        let typeName = type.flatMap { PyObject_GetAttrString($0, "__name__") }.map { name -> String in
            defer { Py_DecRef(name) }
            return String(cString: PyUnicode_AsUTF8(name))
        } ?? "Exception"
        let message = value.flatMap { PyObject_Str($0) }.map { text -> String in
            defer { Py_DecRef(text) }
            return String(cString: PyUnicode_AsUTF8(text))
        } ?? ""
        var formatted = ""
        if let module = PyImport_ImportModule("traceback"),
           let format = PyObject_GetAttrString(module, "format_exception") {
            if let lines = call(format, [type ?? Py_None(), value ?? Py_None(), trace ?? Py_None()]),
               let empty = PyUnicode_FromString(""),
               let joined = PyUnicode_Join(empty, lines) {
                formatted = String(cString: PyUnicode_AsUTF8(joined))
                Py_DecRef(joined); Py_DecRef(empty); Py_DecRef(lines)
            }
            Py_DecRef(format); Py_DecRef(module)
        }
        PyErr_Clear()
        return PythonError(typeName: typeName, message: message, traceback: formatted)
    }
}

@inline(__always) func Py_None() -> UnsafeMutablePointer<PyObject> {
    withUnsafeMutablePointer(to: &_Py_NoneStruct) { $0 }
}

/// Calls `callable(*arguments)`; returns a new reference or nil with a Python error set.
func call(_ callable: UnsafeMutablePointer<PyObject>, _ arguments: [UnsafeMutablePointer<PyObject>]) -> UnsafeMutablePointer<PyObject>? {
    guard let tuple = PyTuple_New(arguments.count) else { return nil }
    defer { Py_DecRef(tuple) }
    for (index, argument) in arguments.enumerated() {
        Py_IncRef(argument) // PyTuple_SetItem steals a reference
        PyTuple_SetItem(tuple, index, argument)
    }
    return PyObject_CallObject(callable, tuple)
}
