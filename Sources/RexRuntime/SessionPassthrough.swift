import RexCompiler
import RexData
import RexLanguage
import RexODBC

/// Script variables in SQL passthrough (SPEC §5): the dialect rules that place them, for
/// the connection they run on, and the statements they become.
extension Session {
    /// A SQL generator for running `relation` on `connection`.
    func sqlGenerator(for relation: Relation, on connection: NamedConnection) throws -> SQLGenerator {
        SQLGenerator(dialect: dialect(of: connection),
                     passthroughRules: try connection.passthroughRules(needed: hasScriptVariables(relation)))
    }

    /// `:exec` text on the current connection: `$(NAME)` slots placed by the dialect's rules,
    /// values to bind in order.
    public func passthroughStatement(_ template: TemplateText) throws -> SQLStatement {
        let connection = try requireConnection(for: ":exec")
        return try SQLPassthrough.statement(template, rules: try connection.passthroughRules(needed: template.hasVariables))
    }
}

/// True when a `sql "…"` source of `relation` has script variables.
func hasScriptVariables(_ relation: Relation) -> Bool {
    if case .scan(.sql(let template)) = relation.kind { return template.hasVariables }
    return relation.inputs.contains(where: hasScriptVariables)
}

extension NamedConnection {
    /// How SQL for this connection is read to place script variables. PostgreSQL's rules
    /// depend on the session's `standard_conforming_strings` (a `:exec SET` can change it),
    /// which is asked for, one round trip, only when `needed` (some text has variables).
    func passthroughRules(needed: Bool) throws -> SQLPassthroughRules {
        guard needed, connection.serverKind == .postgres else { return .forDialect(dialect) }
        let setting = try connection.queryText("SHOW standard_conforming_strings").first?.first ?? nil
        return .postgres(standardConformingStrings: setting != "off")
    }

    /// Runs compiled SQL (`SQLGenerator.generate`), binding its script-variable parameters;
    /// the stream is read block by block. Cancelled by Ctrl-C while it starts.
    func query(compiled sql: String, options: FetchOptions = FetchOptions()) throws -> ResultStream {
        let statement = SQLStatement(compiled: sql)
        let db = connection
        return try InterruptController.shared.run(cancel: { db.cancel() }) {
            try db.query(statement.text, parameters: statement.parameters, options: options)
        }
    }
}
