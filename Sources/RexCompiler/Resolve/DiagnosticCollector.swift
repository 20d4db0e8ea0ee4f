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

/// `did you mean` suggestions by edit distance.
enum NameSuggestion {
    /// The closest candidate to `name`, if one is close enough to be a likely typo.
    static func closest(to name: String, in candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        let lowered = name.lowercased()
        for candidate in candidates where candidate != name {
            let distance = candidate.lowercased() == lowered ? 0 : editDistance(lowered, candidate.lowercased())
            if distance <= max(1, min(3, name.count / 3)), distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The help line for an unknown name: a suggestion, else what exists.
    static func help(for name: String, kind: String, candidates: [String]) -> String? {
        if let match = closest(to: name, in: candidates) { return "did you mean '\(match)'?" }
        if candidates.isEmpty { return nil }
        let shown = candidates.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        let more = candidates.count > 12 ? ", …" : ""
        return "known \(kind)s: \(shown)\(more)"
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
