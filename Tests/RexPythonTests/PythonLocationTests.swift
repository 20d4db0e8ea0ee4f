import Foundation
@testable import RexPython
import RexTestSupport
import Testing

/// Where the embedded interpreter takes its standard library and packages from.
/// (Other installations on PATH and real venvs are tested on the `rex` binary, in CLITests.)
@Suite("Embedded Python location")
struct PythonLocationTests {
    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("the loaded libpython is Debian's, its prefix /usr, found without starting Python")
    func current() throws {
        let embedded = EmbeddedPython.current
        #expect(embedded.version.hasPrefix("3.11."))
        #expect(embedded.majorMinor == "3.11")
        // Debian: /usr/lib/<multiarch>/libpython3.11.so.1.0, symbolic links (/lib → usr/lib) resolved.
        let library = try #require(embedded.libraryPath)
        #expect(library.hasPrefix("/usr/lib/"))
        #expect(library.hasSuffix("/libpython3.11.so.1.0"))
        #expect(embedded.prefix == "/usr")
        #expect(embedded.executable == "/usr/bin/python3.11")
        #expect(embedded.summary == "Python \(embedded.version) (\(library))")
    }

    @Test("the running interpreter's prefix and executable are the library's")
    func running() throws {
        let facts = try PythonInterpreter.shared.evaluate("f'{sys.prefix} {sys.exec_prefix} {sys.executable}'", setup: "import sys")
        #expect(facts == "/usr /usr /usr/bin/python3.11")
    }

    @Test("the prefix is the nearest folder above the library holding lib/pythonX.Y/os.py")
    func installationPrefix() throws {
        let root = TestEnvironment.temporaryDirectory()
        // Debian's layout: the library in a multiarch folder under lib.
        try Self.write("", to: root.appendingPathComponent("usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0"))
        try Self.write("", to: root.appendingPathComponent("usr/lib/python3.11/os.py"))
        #expect(EmbeddedPython.installationPrefix(
            libraryPath: root.appendingPathComponent("usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0").path,
            majorMinor: "3.11") == root.appendingPathComponent("usr").path)
        // pyenv's or conda's: PREFIX/lib/libpython3.11.so.
        try Self.write("", to: root.appendingPathComponent("opt/lib/python3.11/os.py"))
        #expect(EmbeddedPython.installationPrefix(
            libraryPath: root.appendingPathComponent("opt/lib/libpython3.11.so").path,
            majorMinor: "3.11") == root.appendingPathComponent("opt").path)
        // Fedora's lib64.
        try Self.write("", to: root.appendingPathComponent("f/lib64/python3.11/os.py"))
        #expect(EmbeddedPython.installationPrefix(
            libraryPath: root.appendingPathComponent("f/lib64/libpython3.11.so").path,
            majorMinor: "3.11") == root.appendingPathComponent("f").path)
        // Another version's standard library is no landmark.
        #expect(EmbeddedPython.installationPrefix(
            libraryPath: root.appendingPathComponent("opt/lib/libpython3.12.so").path, majorMinor: "3.12") == nil)
    }

    @Test("VIRTUAL_ENV: same major.minor adds its site-packages, another is ignored with a warning")
    func virtualEnvironment() throws {
        let root = TestEnvironment.temporaryDirectory()
        #expect(VirtualEnvironment.choose(environment: [:], embeddedVersion: "3.11") == .none)
        #expect(VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": ""], embeddedVersion: "3.11") == .none)

        // python -m venv writes `version`; virtualenv and uv write `version_info`.
        let venv = root.appendingPathComponent("venv")
        try Self.write("home = /usr/bin\nversion = 3.11.2\n", to: venv.appendingPathComponent("pyvenv.cfg"))
        let sitePackages = venv.appendingPathComponent("lib/python3.11/site-packages")
        try FileManager.default.createDirectory(at: sitePackages, withIntermediateDirectories: true)
        #expect(VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": venv.path], embeddedVersion: "3.11")
                == .add(sitePackages: sitePackages.path))

        let uv = root.appendingPathComponent("uv")
        try Self.write("home = /x/bin\nimplementation = CPython\nversion_info = 3.12.1\n", to: uv.appendingPathComponent("pyvenv.cfg"))
        #expect(VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": uv.path], embeddedVersion: "3.11")
                == .ignore(warning: "rex: ignoring VIRTUAL_ENV=\(uv.path) (Python 3.12; rex embeds 3.11)"))

        // No pyvenv.cfg: the lib/pythonX.Y folder tells the version.
        let bare = root.appendingPathComponent("bare")
        try FileManager.default.createDirectory(at: bare.appendingPathComponent("lib/python3.9/site-packages"),
                                                withIntermediateDirectories: true)
        #expect(VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": bare.path], embeddedVersion: "3.11")
                == .ignore(warning: "rex: ignoring VIRTUAL_ENV=\(bare.path) (Python 3.9; rex embeds 3.11)"))

        // Nothing to tell the version, or no site-packages: ignored, said why.
        let empty = root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        guard case .ignore = VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": empty.path], embeddedVersion: "3.11") else {
            Issue.record("a folder that is no venv was used")
            return
        }
        let noPackages = root.appendingPathComponent("nopackages")
        try Self.write("version = 3.11.7\n", to: noPackages.appendingPathComponent("pyvenv.cfg"))
        #expect(VirtualEnvironment.choose(environment: ["VIRTUAL_ENV": noPackages.path], embeddedVersion: "3.11")
                == .ignore(warning: "rex: ignoring VIRTUAL_ENV=\(noPackages.path) (no lib/python3.11/site-packages)"))
    }

    @Test("environmentReport names the interpreter, its packages and sys.path")
    func report() throws {
        let report = try PythonInterpreter.shared.environmentReport()
        #expect(report.hasPrefix("Python 3.11."))
        #expect(report.contains("  pandas      1.5."))
        #expect(report.contains("(/usr/lib/python3/dist-packages/pandas)"))
        #expect(report.contains("sys.path\n  /usr/lib/python311.zip\n  /usr/lib/python3.11\n"))
    }
}
