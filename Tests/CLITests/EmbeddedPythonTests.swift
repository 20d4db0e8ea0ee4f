import Foundation
import RexTestSupport
import Testing

/// Which Python rex embeds, whatever the environment says (SPEC §5 "Embedded Python").
/// Each test runs the built `rex` in a subprocess: the interpreter is process-wide.
@Suite("Embedded Python environment")
struct EmbeddedPythonTests {
    /// Debian's packages, which rex is built with.
    static let distPackages = "/usr/lib/python3/dist-packages/"

    /// A `python` block whose result is one row of facts about the running interpreter.
    static func probe(_ extra: String = "") -> String {
        """
        sample iris | take 1 | python \"\"\"
        import sys, pandas, numpy
        import pandas as pd
        \(extra)
        result = pd.DataFrame({"prefix": [sys.prefix], "pandas": [pandas.__file__], "numpy": [numpy.__file__]})
        \"\"\"
        """
    }

    /// The environment of a test: no venv, no PYTHONPATH of the machine running the tests.
    static func environment(_ values: [String: String?]) -> [String: String?] {
        var environment: [String: String?] = ["VIRTUAL_ENV": nil, "PYTHONPATH": nil, "PYTHONHOME": nil]
        environment.merge(values) { $1 }
        return environment
    }

    /// A file with `text`, creating its folders.
    static func write(_ text: String, to url: URL, executable: Bool = false) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path) }
    }

    /// Another Python 3.11 installation (as pyenv or conda would have): `bin/python3`
    /// beside a standard library whose `os.py` raises, so loading it breaks Python.
    static func otherInstallation() throws -> URL {
        let root = TestEnvironment.temporaryDirectory().appendingPathComponent("versions/3.11.7")
        try write("#!/bin/sh\necho 'not this python' >&2\nexit 1\n", to: root.appendingPathComponent("bin/python3"), executable: true)
        try write("#!/bin/sh\nexit 1\n", to: root.appendingPathComponent("bin/python3.11"), executable: true)
        try write("raise ImportError('the standard library of another Python was loaded')\n",
                  to: root.appendingPathComponent("lib/python3.11/os.py"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lib/python3.11/lib-dynload"),
                                                withIntermediateDirectories: true)
        try write("raise ImportError('the numpy of another Python was loaded')\n",
                  to: root.appendingPathComponent("lib/python3.11/site-packages/numpy/__init__.py"))
        return root
    }

    @Test("another Python first on PATH (pyenv variables, a stray PYTHONHOME) does not change rex's Python")
    func otherPythonFirstOnPath() throws {
        let other = try Self.otherInstallation()
        let path = other.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = Self.environment([
            "PATH": path, "PYENV_VERSION": "3.11.7", "PYENV_ROOT": other.deletingLastPathComponent().deletingLastPathComponent().path,
            "PYTHONHOME": other.path,
        ])
        let count = try runRex(["-e", "sample iris | summarize n = count()"], environment: environment)
        #expect(count.status == 0, "\(count.stderr)")
        #expect(count.stdout == "n\n150\n")
        let facts = try runRex(["--format", "csv", "-e", Self.probe()], environment: environment)
        #expect(facts.status == 0, "\(facts.stderr)")
        #expect(facts.stdout == "prefix,pandas,numpy\n/usr,\(Self.distPackages)pandas/__init__.py,\(Self.distPackages)numpy/__init__.py\n")
    }

    @Test("a venv first on PATH but not activated does not change rex's Python either")
    func venvOnPathNotActivated() throws {
        // A venv of the other installation: CPython reads the pyvenv.cfg beside a
        // `python3` it finds on PATH, which would make the venv sys.prefix.
        let other = try Self.otherInstallation()
        let venv = TestEnvironment.temporaryDirectory().appendingPathComponent("venv")
        try Self.write("home = \(other.path)/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n",
                       to: venv.appendingPathComponent("pyvenv.cfg"))
        try Self.write("#!/bin/sh\nexit 1\n", to: venv.appendingPathComponent("bin/python3"), executable: true)
        try Self.write("raise ImportError('the venv numpy was loaded')\n",
                       to: venv.appendingPathComponent("lib/python3.11/site-packages/numpy/__init__.py"))
        let path = venv.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let facts = try runRex(["--format", "csv", "-e", Self.probe()], environment: Self.environment(["PATH": path]))
        #expect(facts.status == 0, "\(facts.stderr)")
        #expect(facts.stdout.hasPrefix("prefix,pandas,numpy\n/usr,\(Self.distPackages)pandas/"))
    }

    @Test("an activated --system-site-packages venv adds its modules after rex's own; pandas stays Debian's")
    func sameVersionVenv() throws {
        let venv = TestEnvironment.temporaryDirectory().appendingPathComponent("venv")
        let made = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"),
                                  ["-m", "venv", "--system-site-packages", "--without-pip", venv.path])
        try #require(made.status == 0, "\(made.stderr)")
        let sitePackages = venv.appendingPathComponent("lib/python3.11/site-packages")
        try Self.write("VALUE = 'from the venv'\n", to: sitePackages.appendingPathComponent("rexvenvprobe.py"))
        // A numpy in the venv must not replace rex's (numpy 2 under pandas 1.5 fails).
        try Self.write("raise ImportError('the venv numpy replaced rex numpy')\n",
                       to: sitePackages.appendingPathComponent("numpy/__init__.py"))
        let path = venv.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = Self.environment(["VIRTUAL_ENV": venv.path, "PATH": path])

        let statement = """
            sample iris | take 1 | python \"\"\"
            import rexvenvprobe, pandas, numpy
            import pandas as pd
            result = pd.DataFrame({"probe": [rexvenvprobe.VALUE], "pandas": [pandas.__file__], "numpy": [numpy.__file__]})
            \"\"\"
            """
        let result = try runRex(["--format", "csv", "-e", statement], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(result.stdout == "probe,pandas,numpy\nfrom the venv,\(Self.distPackages)pandas/__init__.py,\(Self.distPackages)numpy/__init__.py\n")

        // :help python lists the venv's site-packages after Debian's dist-packages.
        let help = try runRex(["-e", ":help python"], environment: environment)
        #expect(help.status == 0, "\(help.stderr)")
        let lines = help.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let rexPackages = try #require(lines.firstIndex(of: "/usr/lib/python3/dist-packages"), "\(help.stdout)")
        let venvPackages = try #require(lines.lastIndex(of: sitePackages.path), "\(help.stdout)")
        #expect(rexPackages < venvPackages)
    }

    @Test("a venv of another Python version is ignored with a one-line warning")
    func otherVersionVenv() throws {
        let venv = TestEnvironment.temporaryDirectory().appendingPathComponent("venv39")
        try Self.write("home = /opt/python3.9/bin\ninclude-system-site-packages = false\nversion = 3.9.18\n",
                       to: venv.appendingPathComponent("pyvenv.cfg"))
        try Self.write("VALUE = 'from the 3.9 venv'\n",
                       to: venv.appendingPathComponent("lib/python3.9/site-packages/rexvenvprobe.py"))
        let statement = Self.probe("import importlib.util\nassert importlib.util.find_spec('rexvenvprobe') is None")
        let result = try runRex(["--format", "csv", "-e", statement], environment: Self.environment(["VIRTUAL_ENV": venv.path]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "rex: ignoring VIRTUAL_ENV=\(venv.path) (Python 3.9; rex embeds 3.11)\n")
        #expect(result.stdout.hasPrefix("prefix,pandas,numpy\n/usr,\(Self.distPackages)pandas/"))
    }

    @Test("PYTHONPATH entries are importable")
    func pythonPath() throws {
        let folder = TestEnvironment.temporaryDirectory()
        try Self.write("VALUE = 41 + 1\n", to: folder.appendingPathComponent("rexpathprobe.py"))
        let statement = """
            sample iris | take 1 | python \"\"\"
            import rexpathprobe
            import pandas as pd
            result = pd.DataFrame({"value": [rexpathprobe.VALUE]})
            \"\"\"
            """
        let result = try runRex(["--format", "csv", "-e", statement], environment: Self.environment(["PYTHONPATH": folder.path]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "value\n42\n")
    }

    @Test("--version names the embedded libpython without starting Python")
    func version() throws {
        let probe = try PythonStartProbe()
        // Python would meet another installation first on PATH and a stray PYTHONHOME too.
        let other = try Self.otherInstallation()
        let path = other.appendingPathComponent("bin").path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let environment = Self.environment(probe.environment.merging(["PATH": path, "PYTHONHOME": other.path]) { $1 })
        let started = Date()
        let result = try runRex(["--version"], environment: environment)
        let elapsed = Date().timeIntervalSince(started)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("rex "))
        #expect(result.stdout.contains("embeds Python 3.11."))
        #expect(result.stdout.contains("/libpython3.11.so"), "\(result.stdout)")
        #expect(!probe.pythonStarted, "--version started Python")
        #expect(elapsed < 5, "--version took \(elapsed) s")
        // The probe does see a start: the same environment with a local statement.
        let local = try runRex(["-e", "sample iris | summarize n = count()"], environment: environment)
        #expect(local.status == 0, "\(local.stderr)")
        #expect(probe.pythonStarted)
    }

    @Test(":help python shows the interpreter, sys.path and the pandas version")
    func helpPython() throws {
        let result = try runRex(["-e", ":help python"], environment: Self.environment([:]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Python 3.11."))
        #expect(result.stdout.contains("libpython3.11.so"))
        #expect(result.stdout.contains("executable  /usr/bin/python3.11\n"))
        #expect(result.stdout.contains("prefix      /usr\n"))
        #expect(result.stdout.contains("pandas      1.5."))
        #expect(result.stdout.contains("sys.path\n"))
        #expect(result.stdout.contains("\n  /usr/lib/python3.11\n"))
    }
}
