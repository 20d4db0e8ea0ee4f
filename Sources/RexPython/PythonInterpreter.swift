import CPython
import Foundation
import RexData
import RexPrelude
import Synchronization

/// The embedded CPython interpreter (Debian's libpython3.11), one per process.
///
/// Nothing starts until the first call that needs Python, so `rex --version`,
/// `:help` and server-only work never pay for it. The interpreter lives on one
/// dedicated thread (`rex-python`); every public method submits its work there as a
/// job and waits, so callers may use any thread. Jobs run one at a time, in order.
/// `interrupt(_:)` may be called from any thread (the Ctrl-C watcher) and stops the
/// one job it names with a `PythonError` of kind `.interrupted`, never another
/// caller's; the interpreter stays usable.
public final class PythonInterpreter: @unchecked Sendable {
    /// The one interpreter of the process.
    public static let shared = PythonInterpreter()

    private let thread = PythonThread()
    private let state = Mutex(State())

    private struct State {
        var started = false
        /// True while a job's code runs on the Python thread (a call from it runs inline).
        var running = false
        /// True when rex's own no-op SIGUSR2 handler is installed (so waking is safe).
        var wakeable = false
        /// True once `warmUp()` queued its job.
        var warming = false
    }

    // Owned by the Python thread.
    private var threadState: UnsafeMutablePointer<PyThreadState>?
    private var startError: PythonError?
    private var bridge: PyRef?

    private init() {}

    /// True once the interpreter has been started in this process.
    public var isStarted: Bool { state.withLock { $0.started } }

    /// Starts the interpreter now (it otherwise starts on first use).
    /// - Throws: `PythonError` of kind `.unavailable` when libpython cannot start.
    public func start() throws {
        try perform { _ in }
    }

    /// Starts the interpreter and imports pandas and the runtime (`_rex`) on the Python
    /// thread without waiting, so that work the caller does meanwhile (reading a CSV file)
    /// overlaps Python's start (`import pandas` alone takes about 0.4 s). Once per process;
    /// a failure is left for the next job to meet and report. Does nothing on the Python thread.
    public func warmUp() {
        guard !thread.isCurrent else { return }
        let first = state.withLock { state in
            defer { state.warming = true }
            return !state.warming
        }
        guard first else { return }
        thread.submit {
            _ = try? self.runJob(PythonJob()) { bridge in
                _ = try bridge.callMethod("import_module", [.string("_rex")])
            }
        }
    }

    /// Stops `job`, as Ctrl-C would, and nothing else:
    ///
    /// - while `job` runs, its code gets `KeyboardInterrupt` at the next bytecode and
    ///   the call running it throws a `PythonError` of kind `.interrupted`;
    /// - while `job` waits (created, queued behind other jobs, or Python is starting),
    ///   it is refused when its turn comes: the call throws `.interrupted` without
    ///   running any of its code;
    /// - after `job` finished, nothing happens. Other jobs are never affected.
    ///
    /// Safe from any thread, including a signal watcher (not from a signal handler).
    /// A blocking call (`time.sleep`, a socket read) is woken with SIGUSR2; work
    /// inside one long C call (e.g. a big pandas sort) stops when it returns.
    public func interrupt(_ job: PythonJob) {
        let wakeable = state.withLock { $0.wakeable }
        // Python's interrupt is tripped under the job's lock, so the job cannot finish
        // in between; a trip the job ends before seeing is dropped then (`runJob`). A
        // late SIGUSR2 at the next job only makes a blocking call retry (PEP 475).
        let tripped = job.requestInterrupt {
            PyErr_SetInterrupt()
            // A blocking call (time.sleep, a socket read) returns EINTR on a signal and
            // then checks Python's tripped signals (PEP 475): wake the Python thread
            // with SIGUSR2, whose handler does nothing.
            if wakeable { thread.wake(signal: SIGUSR2) }
        }
        guard tripped else { return }
        // CPython 3.11 only notices a signal tripped from another thread when the GIL
        // changes hands (the eval breaker is recomputed on the Python thread then),
        // so take and release the GIL once, on a helper thread so the caller never
        // waits for a long C call to finish.
        Thread.detachNewThread {
            let gil = PyGILState_Ensure()
            PyGILState_Release(gil)
        }
    }

    // MARK: - Jobs

    /// Runs `body` as `job` on the Python thread holding the GIL and returns its
    /// result. `body` gets the bridge module. A call from inside a job (on the Python
    /// thread) runs inline as part of that job; its own `job` is then not used.
    func perform<T>(job: PythonJob = PythonJob(), _ body: @escaping (PyRef) throws -> T) throws -> T {
        if thread.isCurrent { return try runJob(job, body) }
        var outcome: Result<T, Error>?
        let done = DispatchSemaphore(value: 0)
        thread.submit {
            outcome = Result { try self.runJob(job, body) }
            done.signal()
        }
        done.wait()
        guard let outcome else { throw PythonError(kind: .unavailable, typeName: "", message: "the Python job did not run", traceback: "") }
        return try outcome.get()
    }

    /// On the Python thread: starts Python if needed, takes the GIL, runs `body` as `job`.
    private func runJob<T>(_ job: PythonJob, _ body: (PyRef) throws -> T) throws -> T {
        if thread.isCurrent, state.withLock({ $0.running }) {
            // Called back from inside a job: the GIL is already held.
            guard let bridge else { throw startError ?? unavailable("the bridge is not loaded") }
            return try body(bridge)
        }
        if threadState == nil, startError == nil { startInterpreter() }
        guard startError == nil, let saved = threadState, let bridge else {
            job.finish()
            throw startError ?? unavailable("the interpreter did not start")
        }
        PyEval_RestoreThread(saved)
        defer { threadState = PyEval_SaveThread() }
        dropTrippedSignals()  // nothing tripped outside a job may reach this one
        try job.begin()  // throws when the job was interrupted while it waited
        state.withLock { $0.running = true }
        defer {
            state.withLock { $0.running = false }
            job.finish()
            // An interrupt that came after the job's last bytecode was never seen:
            // drop it now, so it cannot stop the next job.
            dropTrippedSignals()
        }
        return try body(bridge)
    }

    /// Forgets signals tripped for Python (`PyErr_SetInterrupt`) that no bytecode has
    /// handled yet, keeping any Python exception already set. Holds the GIL.
    private func dropTrippedSignals() {
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var trace: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &trace)
        if PyErr_CheckSignals() != 0 { PyErr_Clear() }
        PyErr_Restore(type, value, trace)
    }

    private func unavailable(_ message: String) -> PythonError {
        PythonError(kind: .unavailable, typeName: "", message: "Python is unavailable: \(message)", traceback: "")
    }

    /// Initialises CPython on this (the Python) thread, makes Ctrl-C reach it, loads
    /// the bridge and registers the prelude's runtime as module `_rex`.
    ///
    /// The interpreter uses the standard library and packages of the libpython rex
    /// loaded, whatever `python3` is first on `PATH` (see `EmbeddedPython`).
    /// `PYTHONPATH` and the other `PYTHON*` variables are read as Python reads them,
    /// except `PYTHONHOME`: the explicit `home` overrides it, so a `PYTHONHOME` left
    /// from another installation cannot load a standard library that does not match
    /// the library. `VIRTUAL_ENV` is handled by `VirtualEnvironment`.
    private func startInterpreter() {
        let embedded = EmbeddedPython.current
        Self.useTheCMathLibrary()
        var config = PyConfig()
        PyConfig_InitPythonConfig(&config)
        config.install_signal_handlers = 0  // rex owns the process's SIGINT handler
        config.parse_argv = 0
        var status = withUnsafeMutablePointer(to: &config) { Self.locate($0, at: embedded) }
        if PyStatus_Exception(status) == 0 { status = Py_InitializeFromConfig(&config) }
        PyConfig_Clear(&config)
        if PyStatus_Exception(status) != 0 {
            let reason = status.err_msg.map { String(cString: $0) } ?? "unknown error"
            let home = embedded.prefix.map { "its home \($0)" } ?? "no home found beside \(embedded.libraryPath ?? "libpython")"
            startError = unavailable("\(reason) (Python \(embedded.version), \(home); is its standard library installed?)")
            return
        }
        // PyErr_SetInterrupt does nothing unless Python has its own SIGINT handler,
        // but installing one replaces rex's OS-level handler: keep rex's, give
        // Python's table default_int_handler (which raises KeyboardInterrupt).
        installWakeHandler()
        var rexHandler = sigaction()
        sigaction(SIGINT, nil, &rexHandler)
        let installed = PyRun_SimpleStringFlags("import signal\nsignal.signal(signal.SIGINT, signal.default_int_handler)\n", nil)
        sigaction(SIGINT, &rexHandler, nil)
        do {
            if installed != 0 { throw unavailable("could not install Python's SIGINT handler") }
            switch VirtualEnvironment.current {
            case .none: break
            case .add(let sitePackages):
                // After rex's own entries: the venv adds packages, it never replaces rex's.
                _ = try PyRef.check(PyImport_ImportModule("site")).callMethod("addsitedir", [.string(sitePackages)])
            case .ignore(let warning):
                FileHandle.standardError.write(Data((warning + "\n").utf8))
            }
            bridge = try loadBridge()
            // The runtime and its modules by concern, imported as `_rex`, `_rex_linmod`.
            for (module, file) in [("_rex", "rex_runtime.py"), ("_rex_linmod", "rex_linmod.py")] {
                if let source = Prelude.text(file), let bridge {
                    _ = try bridge.callMethod("register_module", [.string(module), .string(source), .string(file)])
                }
            }
        } catch let error as PythonError {
            startError = error
        } catch {
            startError = unavailable("\(error)")
        }
        state.withLock { $0.started = true }
        threadState = PyEval_SaveThread()
    }

    /// numpy's AVX-512 code for float64 `exp` and `log`, and the SVML code for `power` and
    /// `log10`, differ from the C library's results in the last digit (`exp(-3)` is
    /// 0.04978706836786394, not 0.049787068367863944), and PostgreSQL and SQLite compute them
    /// with the C library: SPEC §2 wants one answer everywhere, whatever the CPU. numpy reads
    /// `NPY_DISABLE_CPU_FEATURES` once, when it is first imported, and then calls the C library
    /// for these (other loops keep AVX2). A value the user set is kept.
    private static func useTheCMathLibrary() {
        setenv("NPY_DISABLE_CPU_FEATURES", numpyFeaturesOff, 0)
    }

    /// The value of `NPY_DISABLE_CPU_FEATURES` rex runs numpy with (numpy 1.24's AVX-512 targets).
    public static let numpyFeaturesOff = "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"

    /// Sets `home` to the loaded libpython's installation prefix and `program_name` to
    /// its `bin/pythonX.Y` (absolute, so CPython never searches `PATH` for `python3` and
    /// never reads the `pyvenv.cfg` of a venv found there). Leaves CPython's own search
    /// alone when the prefix is unknown.
    private static func locate(_ config: UnsafeMutablePointer<PyConfig>, at embedded: EmbeddedPython) -> PyStatus {
        guard let prefix = embedded.prefix, let executable = embedded.executable else { return PyStatus_Ok() }
        let status = PyConfig_SetBytesString(config, &config.pointee.home, prefix)
        if PyStatus_Exception(status) != 0 { return status }
        return PyConfig_SetBytesString(config, &config.pointee.program_name, executable)
    }

    /// SIGUSR2 only interrupts blocking system calls of the Python thread (no
    /// SA_RESTART); its handler does nothing. Keeps a handler someone else installed.
    private func installWakeHandler() {
        var current = sigaction()
        sigaction(SIGUSR2, nil, &current)
        guard current.__sigaction_handler.sa_handler == nil else { return }  // not SIG_DFL: leave it
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGUSR2, &action, nil)
        state.withLock { $0.wakeable = true }
    }

    /// Executes the bridge source as module `_rex_bridge`.
    private func loadBridge() throws -> PyRef {
        let module = try PyRef.check(PyImport_AddModule("_rex_bridge").map { Py_IncRef($0); return $0 })
        guard let globals = PyModule_GetDict(module.pointer) else { throw takePythonError() }
        if PyDict_GetItemString(globals, "__builtins__") == nil {
            PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins())
        }
        let code = try PyRef.check(Py_CompileStringExFlags(bridgeSource, "<rex bridge>", Py_file_input, nil, -1))
        _ = try PyRef.check(PyEval_EvalCode(code.pointer, globals, globals))
        return module
    }

    // MARK: - Evaluating and modules

    /// Evaluates a Python expression (after running `setup` statements) in `__main__`
    /// and returns `str()` of it. `job` names the run for `interrupt(_:)`.
    public func evaluate(_ expression: String, setup: String = "", job: PythonJob = PythonJob()) throws -> String {
        try perform(job: job) { _ in
            guard let main = PyImport_AddModule("__main__"), let globals = PyModule_GetDict(main) else {
                throw takePythonError()
            }
            if !setup.isEmpty {
                _ = try PyRef.check(PyRun_StringFlags(setup, Py_file_input, globals, globals, nil))
            }
            return try PyRef.check(PyRun_StringFlags(expression, Py_eval_input, globals, globals, nil)).description()
        }
    }

    /// Makes `import NAME` (in code rex runs) execute `source`; nothing runs until then.
    /// Registering again replaces the module. `fileName` appears in tracebacks.
    public func registerModule(name: String, source: String, fileName: String? = nil) throws {
        try perform { bridge in
            _ = try bridge.callMethod("register_module", [.string(name), .string(source), .string(fileName ?? "<\(name)>")])
        }
    }

    /// Registers `source` as module `name` (see `registerModule`) and imports it now,
    /// so errors in it surface here. The runtime: `loadModule(name: "_rex",
    /// source: Prelude.text("rex_runtime.py") ?? "")` (done automatically at start).
    /// `job` names the run for `interrupt(_:)`.
    public func loadModule(name: String, source: String, fileName: String? = nil,
                           job: PythonJob = PythonJob()) throws {
        try perform(job: job) { bridge in
            _ = try bridge.callMethod("register_module", [.string(name), .string(source), .string(fileName ?? "<\(name)>")])
            _ = try bridge.callMethod("import_module", [.string(name)])
        }
    }
}
