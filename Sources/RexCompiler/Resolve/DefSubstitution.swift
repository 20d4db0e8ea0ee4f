import RexLanguage

/// Substitutes the arguments of a `def` call into a copy of its body, hygienically:
/// each parameter is replaced by the argument's expression (AST, never text), names
/// that are not parameters stay as they are (they resolve where the def is used), and
/// every node of the body takes the call's span, so errors point at the call.
struct DefSubstitution {
    let parameters: [String]
    let arguments: [Expression]
    let callSpan: SourceSpan
    let diagnostics: DiagnosticCollector

    private func argument(for name: String) -> Expression? {
        parameters.firstIndex(of: name).map { arguments[$0] }
    }

    // MARK: - Expressions

    func expression(_ expression: Expression) -> Expression {
        let span = callSpan
        switch expression.kind {
        case .literal:
            return Expression(expression.kind, span: span)
        case .column(let name):
            return argument(for: name.name) ?? Expression(.column(identifier(name, asColumn: false)), span: span)
        case .qualifiedColumn(let side, let name):
            return Expression(.qualifiedColumn(side: side, name: identifier(name)), span: span)
        case .unary(let op, let operand):
            return Expression(.unary(op, self.expression(operand)), span: span)
        case .binary(let op, let left, let right):
            return Expression(.binary(op, self.expression(left), self.expression(right)), span: span)
        case .isNull(let operand, let negated):
            return Expression(.isNull(self.expression(operand), negated: negated), span: span)
        case .inList(let operand, let list, let negated):
            return Expression(.inList(self.expression(operand), list.map(self.expression), negated: negated), span: span)
        case .between(let operand, let low, let high):
            return Expression(.between(self.expression(operand), low: self.expression(low), high: self.expression(high)),
                              span: span)
        case .call(let name, let callArguments):
            return Expression(.call(name: Identifier(name.name, span: span), arguments: callArguments.map(self.expression)),
                              span: span)
        }
    }

    /// A name in a column position (`by col`, `drop col`, `rename new = col`): a parameter
    /// becomes the column its argument names; an argument that is not a column is an error.
    func identifier(_ name: Identifier, asColumn: Bool = true) -> Identifier {
        guard asColumn, let argument = argument(for: name.name) else { return Identifier(name.name, span: callSpan) }
        if case .column(let column) = argument.kind { return column }
        diagnostics.errorExplaining("'\(name.name)' is used as a column name in the def, so its argument must be a column",
                          at: argument.span, help: "pass a column name here, or derive a column first")
        return Identifier(name.name, span: argument.span)
    }

    // MARK: - Steps

    func steps(_ steps: [Step]) -> [Step] { steps.map(step) }

    func step(_ step: Step) -> Step {
        Step(kind(of: step), span: callSpan)
    }

    private func kind(of step: Step) -> Step.Kind {
        switch step.kind {
        case .filter(let condition): return .filter(expression(condition))
        case .select(let items): return .select(items.map(assignment))
        case .drop(let names): return .drop(names.map { identifier($0) })
        case .derive(let items, let by): return .derive(items.map(assignment), by: by.map { identifier($0) })
        case .rename(let pairs):
            return .rename(pairs.map { RenamePair(new: identifier($0.new), old: identifier($0.old)) })
        case .summarize(let items, let by): return .summarize(items.map(assignment), by: by.map { identifier($0) })
        case .sort(let keys):
            return .sort(keys.map { SortKey(expression: expression($0.expression), descending: $0.descending, span: callSpan) })
        case .take(let count, let offset): return .take(count: expression(count), offset: offset.map(expression))
        case .sortedDerive(let items, let by, let keys):
            return .sortedDerive(items.map(assignment), by: by.map { identifier($0) },
                                 sort: keys.map { SortKey(expression: expression($0.expression), descending: $0.descending, span: callSpan) })
        case .takeBy(let count, let by): return .takeBy(count: expression(count), by: by.map { identifier($0) })
        case .distinct(let names): return .distinct(names.map { identifier($0) })
        case .join(let kind, let source, let condition):
            let on: JoinCondition
            switch condition {
            case .columns(let names): on = .columns(names.map { identifier($0) })
            case .expression(let e): on = .expression(expression(e))
            }
            return .join(kind: kind, with: self.source(source), on: on)
        case .append(let source): return .append(self.source(source))
        case .collect: return .collect
        case .summary(let names): return .summary(names.map { identifier($0) })
        case .linmod(let response, let predictors, let intercept):
            return .linmod(response: identifier(response), predictors: predictors.map { identifier($0) }, intercept: intercept)
        case .plot(let kind, let arguments, let options):
            return .plot(kind: Identifier(kind.name, span: callSpan), arguments: arguments.map { identifier($0) },
                         options: options.map { Option(name: Identifier($0.name.name, span: callSpan), value: expression($0.value)) })
        case .python(let block): return .python(block)
        case .call(let name, let callArguments):
            return .call(name: Identifier(name.name, span: callSpan), arguments: callArguments.map(expression))
        }
    }

    private func assignment(_ item: Assignment) -> Assignment {
        Assignment(name: item.name.map { identifier($0) }, value: expression(item.value))
    }

    private func source(_ source: Source) -> Source {
        switch source.kind {
        case .parenthesized(let pipeline):
            let inner = Pipeline(source: self.source(pipeline.source), steps: steps(pipeline.steps), span: callSpan)
            return Source(.parenthesized(inner), span: callSpan)
        case .table(let parts): return Source(.table(parts.map { Identifier($0.name, span: callSpan) }), span: callSpan)
        case .sample(let name): return Source(.sample(Identifier(name.name, span: callSpan)), span: callSpan)
        case .binding(let name): return Source(.binding(Identifier(name.name, span: callSpan)), span: callSpan)
        default: return Source(source.kind, span: callSpan)
        }
    }
}
