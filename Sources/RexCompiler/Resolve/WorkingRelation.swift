import RexData
import RexLanguage

/// A relation while a pipeline is being resolved, with what earlier errors left unknown.
struct WorkingRelation {
    var relation: Relation
    /// Columns whose type is unknown because of an earlier error (no further errors about them).
    var unknownColumns: Set<String> = []
    /// The schema itself is unknown (an unknown table): every column is accepted silently.
    var isOpaque = false
    /// Set when no verb may follow (a plot's image, a Python result): why, for the message.
    var endsPipeline: (reason: String, help: String)?

    init(_ relation: Relation) { self.relation = relation }

    var schema: Schema { relation.schema }

    func field(named name: String) -> Field? { relation.schema.field(named: name) }

    /// The stand-in after an error that leaves nothing known.
    static var opaque: WorkingRelation {
        var working = WorkingRelation(Relation(.scan(.sql(TemplateText(""))), schema: Schema([])))
        working.isOpaque = true
        return working
    }

    /// The same bookkeeping over a new relation.
    func with(_ relation: Relation, unknown: Set<String>? = nil) -> WorkingRelation {
        var copy = self
        copy.relation = relation
        if let unknown { copy.unknownColumns = unknown }
        copy.unknownColumns.formIntersection(relation.schema.names)
        return copy
    }
}
