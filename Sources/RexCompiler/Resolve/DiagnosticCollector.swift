import RexLanguage

/// Collects the diagnostics of one statement, so that resolution can go on after an
/// error and report every problem at once.
final class DiagnosticCollector {
    private(set) var diagnostics: [Diagnostic] = []

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Spans already explained by an error: later errors there are consequences of it.
    private var explained: [SourceSpan] = []

    /// Records an error (an exact repeat, e.g. from a def inlined twice, is dropped).
    func error(_ message: String, at span: SourceSpan, help: String? = nil) {
        let diagnostic = Diagnostic(message, at: span, help: help)
        guard !explained.contains(span), !diagnostics.contains(diagnostic) else { return }
        diagnostics.append(diagnostic)
    }

    /// Records an error and drops any later error at the same span.
    func errorExplaining(_ message: String, at span: SourceSpan, help: String? = nil) {
        error(message, at: span, help: help)
        explained.append(span)
    }

    /// An `unknown KIND 'name'` error with a did-you-mean (or a list of what exists) as help.
    func unknown(_ kind: String, _ name: Identifier, context: String? = nil, candidates: [String]) {
        let suffix = context.map { " in \($0)" } ?? ""
        error("unknown \(kind) '\(name.name)'\(suffix)", at: name.span,
              help: NameSuggestion.help(for: name.name, kind: kind, candidates: candidates))
    }

    /// Every diagnostic, in source order.
    func list() -> DiagnosticList {
        let ordered = diagnostics.enumerated().sorted { a, b in
            (a.element.span.start.offset, a.offset) < (b.element.span.start.offset, b.offset)
        }.map(\.element)
        return DiagnosticList(ordered)
    }

    /// Throws every diagnostic when there is at least one error.
    func throwIfErrors() throws(DiagnosticList) {
        if hasErrors { throw list() }
    }
}

/// `did you mean` help lines (the distance rule is RexLanguage's `suggest`).
enum NameSuggestion {
    /// The help line for an unknown name: a suggestion, else what exists.
    static func help(for name: String, kind: String, candidates: [String]) -> String? {
        if let match = suggest(name, from: candidates) { return "did you mean '\(match)'?" }
        if candidates.isEmpty { return nil }
        let shown = candidates.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        let more = candidates.count > 12 ? ", …" : ""
        return "known \(kind)s: \(shown)\(more)"
    }
}
