import CPython
import Foundation

/// The libpython this process loaded and the installation it belongs to, found
/// without starting the interpreter (for `rex --version` and for the start-up
/// configuration of `PythonInterpreter`).
///
/// Left to itself, an embedded CPython computes `sys.prefix` from the `python3` it
/// finds on `PATH`: with pyenv's, conda's or a venv's `python3` first there, Debian's
/// libpython3.11 loads that installation's standard library and site-packages
/// (`No module named 'numpy'`). rex therefore sets `PyConfig.home` and an absolute
/// `program_name` itself.
///
/// The prefix is found at run time from the loaded library, not fixed at build
/// time: `dladdr` of memory inside libpython names its file (Debian:
/// `/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0`), and the nearest folder above
/// it holding `lib/pythonX.Y/os.py` — CPython's own landmark — is the prefix
/// (`/usr`; `$prefix/lib/libpython3.11.so` of a pyenv or conda build gives
/// `$prefix`). This is the library actually running, so the standard library always
/// matches it even when `LD_LIBRARY_PATH` or a moved install swaps it, and it
/// needs no generated source in the build (`pkg-config --variable=prefix
/// python3-embed` names the build machine's prefix, right only while nothing moves).
/// When no landmark is found (a statically linked libpython), CPython's own search
/// is left alone.
public struct EmbeddedPython: Sendable, Equatable {
    /// The loaded libpython's version, e.g. `3.11.2` (`Py_GetVersion`, safe before initialisation).
    public let version: String
    /// Its `major.minor`, e.g. `3.11`: the folder name of its standard library and of venvs it can use.
    public let majorMinor: String
    /// The loaded shared library, symbolic links resolved; nil when it is not a separate file.
    public let libraryPath: String?
    /// The installation the library belongs to (`/usr` on Debian): `lib/pythonX.Y` holds its standard library.
    public let prefix: String?

    /// The libpython of this process.
    public static let current = EmbeddedPython.find()

    /// The `program_name` rex gives CPython: `PREFIX/bin/pythonX.Y`, so that
    /// `sys.executable` is that installation's interpreter and no `pyvenv.cfg` of a
    /// `python3` found on `PATH` changes `sys.prefix`.
    public var executable: String? { prefix.map { ($0 as NSString).appendingPathComponent("bin/python\(majorMinor)") } }

    /// `Python 3.11.2 (/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)`, for `rex --version`.
    public var summary: String {
        "Python \(version)" + (libraryPath.map { " (\($0))" } ?? "")
    }

    private static func find() -> EmbeddedPython {
        // Py_GetVersion returns libpython's own static buffer: dladdr of it names the
        // library's file (a function's address could be a PLT stub in the executable).
        guard let versionText = Py_GetVersion() else {
            return EmbeddedPython(version: "?", majorMinor: "?", libraryPath: nil, prefix: nil)
        }
        let full = String(cString: versionText)
        let version = String(full.prefix { $0 != " " })
        let majorMinor = version.split(separator: ".").prefix(2).joined(separator: ".")
        var info = RexDlInfo()
        var library: String?
        if rex_dladdr(versionText, &info) != 0, let name = info.dli_fname {
            let path = URL(fileURLWithPath: String(cString: name)).resolvingSymlinksInPath().path
            // A statically linked libpython is inside rex's own executable: no library file then.
            if (path as NSString).lastPathComponent.lowercased().contains("python") { library = path }
        }
        return EmbeddedPython(version: version, majorMinor: majorMinor, libraryPath: library,
                              prefix: library.flatMap { installationPrefix(libraryPath: $0, majorMinor: majorMinor) })
    }

    /// The nearest folder at or above the library's folder that holds
    /// `lib/pythonX.Y/os.py` (or `lib64/…`, where the platform library folder is lib64).
    static func installationPrefix(libraryPath: String, majorMinor: String) -> String? {
        var folder = URL(fileURLWithPath: libraryPath).deletingLastPathComponent()
        while true {
            for libraryFolder in ["lib", "lib64"] {
                let landmark = folder.appendingPathComponent("\(libraryFolder)/python\(majorMinor)/os.py").path
                if FileManager.default.fileExists(atPath: landmark) { return folder.path }
            }
            if folder.path == "/" { return nil }
            folder.deleteLastPathComponent()
        }
    }
}

/// What rex makes of `VIRTUAL_ENV` (an activated virtual environment).
///
/// rex's own standard library and packages always come first on `sys.path`; a venv
/// made from the same Python `major.minor` only adds its site-packages after them
/// (with `site.addsitedir`, so its `.pth` files work): it can add packages but never
/// replace the pandas, numpy and matplotlib rex was built with (a numpy 2 mixed into
/// pandas 1.5 fails with `_ARRAY_API not found`). A venv of another version cannot
/// load into this interpreter at all and is ignored with a warning.
public enum VirtualEnvironment: Sendable, Equatable {
    /// No `VIRTUAL_ENV`.
    case none
    /// Add this site-packages folder after rex's own entries.
    case add(sitePackages: String)
    /// Ignore the venv; `warning` is the one line rex prints on stderr.
    case ignore(warning: String)

    /// The choice for this process's environment and rex's libpython.
    public static let current = choose(
        environment: ProcessInfo.processInfo.environment, embeddedVersion: EmbeddedPython.current.majorMinor)

    /// The choice for `VIRTUAL_ENV` in `environment` when rex embeds Python `embeddedVersion` (`3.11`).
    /// The venv's version comes from `pyvenv.cfg` (`version_info`, else `version`),
    /// else from its `lib/pythonX.Y` folder.
    public static func choose(environment: [String: String], embeddedVersion: String) -> VirtualEnvironment {
        guard let root = environment["VIRTUAL_ENV"], !root.isEmpty else { return .none }
        func ignore(_ reason: String) -> VirtualEnvironment {
            .ignore(warning: "rex: ignoring VIRTUAL_ENV=\(root) (\(reason))")
        }
        guard let venvVersion = version(ofVenv: root) else {
            return ignore("no pyvenv.cfg version and no lib/pythonX.Y folder; rex embeds \(embeddedVersion)")
        }
        guard venvVersion == embeddedVersion else {
            return ignore("Python \(venvVersion); rex embeds \(embeddedVersion)")
        }
        let sitePackages = (root as NSString).appendingPathComponent("lib/python\(embeddedVersion)/site-packages")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sitePackages, isDirectory: &isFolder), isFolder.boolValue else {
            return ignore("no lib/python\(embeddedVersion)/site-packages")
        }
        return .add(sitePackages: sitePackages)
    }

    /// `major.minor` of the Python a venv was made from.
    static func version(ofVenv root: String) -> String? {
        let config = (root as NSString).appendingPathComponent("pyvenv.cfg")
        if let text = try? String(contentsOfFile: config, encoding: .utf8) {
            var values: [String: String] = [:]
            for line in text.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: "=", maxSplits: 1)
                guard parts.count == 2 else { continue }
                values[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] =
                    parts[1].trimmingCharacters(in: .whitespaces)
            }
            for key in ["version_info", "version"] {
                let numbers = (values[key] ?? "").split(separator: ".")
                if numbers.count >= 2, Int(numbers[0]) != nil, Int(numbers[1]) != nil {
                    return "\(numbers[0]).\(numbers[1])"
                }
            }
        }
        let folders = (try? FileManager.default.contentsOfDirectory(
            atPath: (root as NSString).appendingPathComponent("lib"))) ?? []
        let versions = folders.filter { $0.hasPrefix("python") }.map { String($0.dropFirst("python".count)) }
        return versions.count == 1 ? versions[0] : nil
    }
}

extension PythonInterpreter {
    /// The interpreter in use, for `:help python`: its version, library, executable and
    /// prefix, the virtual environment it added (or ignored), the pandas, numpy and
    /// matplotlib it imports and `sys.path`. Starts Python.
    public func environmentReport() throws -> String {
        let report = try perform { _ -> String in
            guard let globals = PyDict_New() else { throw takePythonError() }
            let namespace = PyRef(owning: globals)
            PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins())
            _ = try PyRef.check(PyRun_StringFlags(Self.environmentReportSource, Py_file_input, globals, globals, nil))
            guard let text = PyDict_GetItemString(namespace.pointer, "report") else { throw takePythonError() }
            return try PyRef(borrowing: text).string()
        }
        let embedded = EmbeddedPython.current
        var lines = ["Python \(embedded.version), embedded (\(embedded.libraryPath ?? "libpython linked into rex"))"]
        switch VirtualEnvironment.current {
        case .none: break
        case .add(let sitePackages): lines.append("  venv        \(sitePackages) (after rex's own packages)")
        case .ignore(let warning): lines.append("  venv        \(warning.replacingOccurrences(of: "rex: ", with: ""))")
        }
        return (lines + [report]).joined(separator: "\n")
    }

    private static let environmentReportSource = """
        import os, sys
        def _package(name):
            try:
                module = __import__(name)
            except Exception as error:
                return f"not importable ({type(error).__name__}: {error})"
            where = os.path.dirname(getattr(module, "__file__", None) or "?")
            return f"{getattr(module, '__version__', '?')} ({where})"
        rows = [("executable", sys.executable), ("prefix", sys.prefix)]
        if sys.exec_prefix != sys.prefix:
            rows.append(("exec prefix", sys.exec_prefix))
        rows += [(name, _package(name)) for name in ("pandas", "numpy", "matplotlib")]
        report = "\\n".join(f"  {label:<11} {value}" for label, value in rows)
        report += "\\nsys.path\\n" + "\\n".join(f"  {entry or '(current folder)'}" for entry in sys.path)
        """
}
