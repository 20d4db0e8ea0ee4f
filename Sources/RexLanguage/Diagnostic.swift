/// One problem found in rex source: what, where (a span), and what to do.
/// Rendered as in EXAMPLES.md: `error: …`, ` --> line L, column C`, the source
/// line, a caret under the span, `= help: …`.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    /// What is wrong, e.g. `unknown column 'Specis' in filter`.
    public var message: String
    /// Where: the span to underline.
    public var span: SourceSpan
    /// What to do, e.g. `did you mean 'Species'?`.
    public var help: String?

    public init(_ message: String, at span: SourceSpan, help: String? = nil, severity: Severity = .error) {
        self.severity = severity
        self.message = message
        self.span = span
        self.help = help
    }
}

/// Every diagnostic of one statement or script, in source order.
public struct DiagnosticList: Error, Sendable, Hashable {
    public var diagnostics: [Diagnostic]
    /// The file the source came from (nil for the REPL and `-e`).
    public var fileName: String?

    public init(_ diagnostics: [Diagnostic], fileName: String? = nil) {
        self.diagnostics = diagnostics
        self.fileName = fileName
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
