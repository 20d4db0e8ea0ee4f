import Foundation

/// The files of `prelude/` (rex prelude, Python runtime, sample data), embedded
/// into the binary at build time by the EmbedPrelude plugin.
public enum Prelude {
    /// The bytes of the embedded file at `path` (relative to `prelude/`), if any.
    public static func data(_ path: String) -> Data? {
        embeddedPreludeFiles[path].flatMap { Data(base64Encoded: $0) }
    }

    /// The embedded file at `path` as UTF-8 text, if any.
    public static func text(_ path: String) -> String? {
        data(path).flatMap { String(data: $0, encoding: .utf8) }
    }

    /// Every embedded path, sorted.
    public static var paths: [String] { embeddedPreludeFiles.keys.sorted() }
}
