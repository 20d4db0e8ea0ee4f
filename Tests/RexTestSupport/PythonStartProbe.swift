import Foundation

/// Tells whether a `rex` process started its embedded Python: a folder for
/// `PYTHONPATH` holding a `sitecustomize.py` (which Python's `site` imports at every
/// start-up, before any code rex runs) that creates a marker file.
public struct PythonStartProbe {
    /// The folder to put on `PYTHONPATH`.
    public let folder: URL
    private let marker: URL

    public init() throws {
        folder = TestEnvironment.temporaryDirectory()
        marker = folder.appendingPathComponent("python-started")
        let source = "open(\(Self.pythonString(marker.path)), 'w').close()\n"
        try source.write(to: folder.appendingPathComponent("sitecustomize.py"), atomically: true, encoding: .utf8)
    }

    /// The environment that makes a rex process report its Python start-up.
    public var environment: [String: String?] { ["PYTHONPATH": folder.path] }

    /// True once a process run with `environment` started Python.
    public var pythonStarted: Bool { FileManager.default.fileExists(atPath: marker.path) }

    /// Forgets earlier start-ups, to probe the next process.
    public func reset() { try? FileManager.default.removeItem(at: marker) }

    private static func pythonString(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }
}
