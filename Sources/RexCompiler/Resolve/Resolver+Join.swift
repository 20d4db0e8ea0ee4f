import RexData
import RexLanguage

// The verbs that combine two relations: join and append.
extension Resolver {
    func join(_ kind: JoinKind, with source: Source, on condition: JoinCondition,
              on input: WorkingRelation) throws -> WorkingRelation {
        let other = try self.source(source)
        if let end = other.endsPipeline {
            diagnostics.error("cannot join with \(end.reason)", at: source.span, help: end.help)
            return .opaque
        }
        let opaque = input.isOpaque || other.isOpaque
        var keys = Set<String>()
        let predicate: IRExpression
        switch condition {
        case .columns(let names):
            var equalities: [IRExpression] = []
            for name in names where keys.insert(name.name).inserted {
                guard let equality = keyEquality(name, input, other) else { continue }
                equalities.append(equality)
            }
            predicate = equalities.dropFirst().reduce(equalities.first ?? IRExpression(.literal(.bool(true)), type: .bool)) {
                IRExpression(.binary(.and, $0, $1), type: .bool)
            }
        case .expression(let expression):
            let scope = ExpressionScope(columns: .join(this: input, that: other), verb: verb("join"))
            predicate = checker.checkCondition(expression, in: scope).ir(as: .bool)
        }

        // The input's columns, then the other's; `on` keys once; other clashes suffixed.
        let otherNames = Set(other.schema.names), inputNames = Set(input.schema.names)
        var output: [NamedJoinOutput] = [], fields: [Field] = [], unknown = Set<String>()
        for field in input.schema.fields {
            if keys.contains(field.name) {
                // A full join coalesces both sides (int and float widen); others keep the input's.
                let otherType = other.field(named: field.name)?.type ?? field.type
                let full = kind == .full
                output.append(NamedJoinOutput(field.name, full ? .coalesced(left: field.name, right: field.name) : .left(field.name)))
                fields.append(Field(field.name, full ? commonType(field.type, otherType) ?? field.type : field.type))
            } else {
                let name = otherNames.contains(field.name) ? field.name + "_left" : field.name
                output.append(NamedJoinOutput(name, .left(field.name)))
                fields.append(Field(name, field.type))
            }
            if input.unknownColumns.contains(field.name) { unknown.insert(fields[fields.count - 1].name) }
        }
        for field in other.schema.fields where !keys.contains(field.name) {
            let name = inputNames.contains(field.name) ? field.name + "_right" : field.name
            output.append(NamedJoinOutput(name, .right(field.name)))
            fields.append(Field(name, field.type))
            if other.unknownColumns.contains(field.name) { unknown.insert(name) }
        }
        var seen = Set<String>()
        for field in fields where !seen.insert(field.name).inserted {
            diagnostics.error("join would make two columns called '\(field.name)'", at: source.span,
                              help: "rename one of them before the join")
        }
        let relation = Relation(.join(kind, left: input.relation, right: other.relation, condition: predicate,
                                      output: output), schema: Schema(fields))
        var working = WorkingRelation(relation)
        working.unknownColumns = unknown
        working.isOpaque = opaque
        return working
    }

    /// `this.NAME == that.NAME` for an `on NAME` key, after checking both sides have it.
    private func keyEquality(_ name: Identifier, _ input: WorkingRelation, _ other: WorkingRelation) -> IRExpression? {
        let this = input.field(named: name.name), that = other.field(named: name.name)
        if this == nil && !input.isOpaque {
            diagnostics.error("join column '\(name.name)' is not a column of the input", at: name.span,
                              help: NameSuggestion.help(for: name.name, kind: "column", candidates: input.schema.names))
        }
        if that == nil && !other.isOpaque {
            diagnostics.error("join column '\(name.name)' is not a column of the joined relation", at: name.span,
                              help: NameSuggestion.help(for: name.name, kind: "column", candidates: other.schema.names))
        }
        guard let this, let that else { return nil }
        guard !input.unknownColumns.contains(name.name), !other.unknownColumns.contains(name.name) else { return nil }
        guard commonType(this.type, that.type) != nil else {
            diagnostics.error("join column '\(name.name)' is \(this.type) in the input but \(that.type) in the joined relation",
                              at: name.span, help: "convert one side with derive first, e.g. \(name.name) = \(this.type.rawValue)(\(name.name))")
            return nil
        }
        return IRExpression(.binary(.equal, IRExpression(.sideColumn(.this, name.name), type: this.type),
                                    IRExpression(.sideColumn(.that, name.name), type: that.type)), type: .bool)
    }

    func append(_ source: Source, on input: WorkingRelation) throws -> WorkingRelation {
        let other = try self.source(source)
        if let end = other.endsPipeline {
            diagnostics.error("cannot append \(end.reason)", at: source.span, help: end.help)
            return input
        }
        guard !input.isOpaque, !other.isOpaque else { return input }
        var leftItems: [NamedExpression] = [], rightItems: [NamedExpression] = [], widened = false
        for field in input.schema.fields {
            let left = IRExpression(.column(field.name), type: field.type)
            guard let otherField = other.field(named: field.name) else {
                let null = [.int, .float, .text, .date].contains(field.type) ? "\(field.type.rawValue)(null)" : "null"
                diagnostics.error("column '\(field.name)' of the input is missing from the appended relation",
                                  at: source.span, help: "add it to the appended rows, e.g. derive \(field.name) = \(null)")
                continue
            }
            let right = IRExpression(.column(field.name), type: otherField.type)
            switch (field.type, otherField.type) {
            case let (a, b) where a == b:
                leftItems.append(NamedExpression(field.name, left))
                rightItems.append(NamedExpression(field.name, right))
            case (.float, .int):
                leftItems.append(NamedExpression(field.name, left))
                rightItems.append(NamedExpression(field.name, IRExpression(.function(.toFloat, [right]), type: .float)))
            case (.int, .float):
                widened = true
                leftItems.append(NamedExpression(field.name, IRExpression(.function(.toFloat, [left]), type: .float)))
                rightItems.append(NamedExpression(field.name, right))
            default:
                if !input.unknownColumns.contains(field.name) && !other.unknownColumns.contains(field.name) {
                    diagnostics.error("column '\(field.name)' is \(field.type) in the input but \(otherField.type) in the appended relation",
                                      at: source.span, help: "convert it with derive first, e.g. \(field.name) = \(field.type.rawValue)(\(field.name))")
                }
                leftItems.append(NamedExpression(field.name, left))
                rightItems.append(NamedExpression(field.name, right))
            }
        }
        let inputNames = Set(input.schema.names)
        for field in other.schema.fields where !inputNames.contains(field.name) {
            diagnostics.error("column '\(field.name)' of the appended relation is not in the input", at: source.span,
                              help: "drop it from the appended rows, or derive it in the input")
        }
        let left = widened ? project(input.relation, leftItems) : input.relation
        let right = project(other.relation, rightItems)
        return input.with(Relation(.append(left, right), schema: left.schema))
    }
}
