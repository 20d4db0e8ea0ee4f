import RexPython

extension RexVersion {
    /// What `rex --version` prints: rex's version and the libpython it embeds, e.g.
    /// `rex 0.1.0 · embeds Python 3.11.2 (/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0)`.
    /// Does not start Python (`Py_GetVersion` and `dladdr` only).
    public static var line: String { "rex \(current) · embeds \(EmbeddedPython.current.summary)" }
}
