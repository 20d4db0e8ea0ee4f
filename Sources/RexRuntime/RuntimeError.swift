/// A statement could not run, for a reason rex itself found (not a database, Python
/// or language error): what went wrong and what to do.
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public let help: String?

    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    public var description: String {
        "error: \(message)" + (help.map { "\n  = help: \($0)" } ?? "")
    }
}
