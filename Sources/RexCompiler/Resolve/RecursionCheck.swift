import RexLanguage

/// Finds whether a new `def` would call itself, directly or through defs already known.
struct RecursionCheck {
    let environment: CompilerEnvironment
    /// The def being defined.
    let adding: String

    /// The call chain back to `adding` from a verb body, if there is one.
    func cycle(inVerb steps: [Step]) -> [String]? { visit(steps, path: [adding]) }

    /// The call chain back to `adding` from a function body, if there is one.
    func cycle(inExpression expression: Expression) -> [String]? { visit(expression, path: [adding]) }

    private func visitVerb(_ name: String, path: [String]) -> [String]? {
        if name == adding { return path + [name] }
        guard !path.contains(name), let definition = environment.verb(named: name) else { return nil }
        return visit(definition.steps, path: path + [name])
    }

    private func visitFunction(_ name: String, path: [String]) -> [String]? {
        if name == adding { return path + [name] }
        guard !path.contains(name), let definition = environment.function(named: name) else { return nil }
        return visit(definition.body, path: path + [name])
    }

    private func visit(_ steps: [Step], path: [String]) -> [String]? {
        for step in steps {
            if case .call(let name, _) = step.kind, let found = visitVerb(name.name, path: path) { return found }
            for expression in step.expressions {
                if let found = visit(expression, path: path) { return found }
            }
            for pipeline in step.nestedPipelines {
                if let found = visit(pipeline.steps, path: path) { return found }
            }
        }
        return nil
    }

    private func visit(_ expression: Expression, path: [String]) -> [String]? {
        if case .call(let name, _) = expression.kind, let found = visitFunction(name.name, path: path) { return found }
        for child in expression.children {
            if let found = visit(child, path: path) { return found }
        }
        return nil
    }
}

extension Expression {
    /// The direct sub-expressions.
    var children: [Expression] {
        switch kind {
        case .literal, .column, .qualifiedColumn: return []
        case .unary(_, let e), .isNull(let e, _): return [e]
        case .binary(_, let l, let r): return [l, r]
        case .inList(let e, let list, _): return [e] + list
        case .between(let e, let low, let high): return [e, low, high]
        case .call(_, let arguments): return arguments
        }
    }
}

extension Step {
    /// The expressions written directly in this step.
    var expressions: [Expression] {
        switch kind {
        case .filter(let e): return [e]
        case .select(let items), .derive(let items, _), .summarize(let items, _): return items.map(\.value)
        case .sort(let keys): return keys.map(\.expression)
        case .sortedDerive(let items, _, let keys): return items.map(\.value) + keys.map(\.expression)
        case .takeBy(let count, _): return [count]
        case .take(let count, let offset): return [count] + (offset.map { [$0] } ?? [])
        case .join(_, _, .expression(let e)): return [e]
        case .plot(_, _, let options): return options.map(\.value)
        case .call(_, let arguments): return arguments
        default: return []
        }
    }

    /// Pipelines nested in this step (`join (…)`, `append (…)`).
    var nestedPipelines: [Pipeline] {
        switch kind {
        case .join(_, let source, _), .append(let source):
            if case .parenthesized(let pipeline) = source.kind { return [pipeline] }
            return []
        default: return []
        }
    }
}
