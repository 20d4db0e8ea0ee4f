import RexLanguage

extension CompilerEnvironment {
    /// What a resolved pipeline gives: a table, an image, or (Python) known only when it runs.
    public enum ResultKind: Sendable, Equatable {
        case table, image, decidedAtRunTime
    }

    /// The kind of result `relation` gives.
    public static func resultKind(of relation: Relation) -> ResultKind {
        switch relation.kind {
        case .analytic(_, .plot): return .image
        case .analytic(_, .python), .scan(.python): return .decidedAtRunTime
        default: return .table
        }
    }

    /// Checks that `sink` can take what `relation` gives: `-> png` needs an image (a plot,
    /// or a Python step that may return one); `-> table` and `-> csv` need a table.
    public func checkSink(_ sink: Sink, for relation: Relation) throws(DiagnosticList) {
        let kind = Self.resultKind(of: relation)
        switch (sink.kind, kind) {
        case (.png, .table):
            throw DiagnosticList([Diagnostic("-> png needs an image, but this pipeline gives a table", at: sink.span,
                                             help: "end the pipeline with plot …, or write the table with -> csv \"FILE.csv\"")])
        case (.table, .image), (.csv, .image):
            throw DiagnosticList([Diagnostic("this pipeline gives an image, which cannot be written as a table", at: sink.span,
                                             help: "write it with -> png \"FILE.png\"")])
        default:
            return
        }
    }
}
