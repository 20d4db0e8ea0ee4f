import Foundation
import RexCompiler
import RexData
import RexImage // ImageResult.size
import RexODBC

/// Local data joined or appended to server data in the server context (SPEC §4): each
/// such part of a plan runs locally, is uploaded once to a temporary table on the query's
/// own connection (T-SQL `#rex_…`, PostgreSQL and SQLite `TEMP` tables), and the SQL reads
/// that table. The tables are dropped when the statement ends.
struct TemporaryUpload {
    let session: Session
    let connection: NamedConnection

    /// A plan whose uploads are temporary tables now, with the names of those tables.
    struct Uploaded {
        /// The plan with each upload replaced by a scan of its temporary table.
        var relation: Relation
        /// The temporary tables made, to drop when the statement ends.
        var tables: [String]
    }

    /// The parts of `relation` that the server context uploads, each once, in plan order.
    ///
    /// An upload is a largest subtree whose sources are all local (`csv`, `sample`, a
    /// collected `let` binding) with no `collect` or analytic step in it, inside the part of
    /// the plan that runs on the server (below the lowest `collect`/analytic step, as
    /// `ServerExecutor` splits it), when that part also reads server data. A server part with
    /// local sources only uploads nothing (and stays an error), as does a python source.
    /// Pure: it looks at the plan only.
    static func uploads(in relation: Relation) -> [Relation] {
        let serverPart = ServerExecutor.boundaryInput(of: relation) ?? relation
        if isLocal(serverPart) { return [] }
        var found: [Relation] = []
        func visit(_ node: Relation) {
            if isLocal(node) {
                if !found.contains(node) { found.append(node) }
                return
            }
            node.inputs.forEach(visit)
        }
        visit(serverPart)
        return found
    }

    /// True when every source of `node` is local data the executor can upload.
    private static func isLocal(_ node: Relation) -> Bool {
        switch node.kind {
        case .scan(.csv), .scan(.sample), .scan(.localData): return true
        case .scan, .collect, .analytic: return false
        default: return node.inputs.allSatisfy(isLocal)
        }
    }

    /// What the user calls an upload: its sources' names (csv path, sample or binding name).
    static func displayName(of upload: Relation) -> String {
        var names: [String] = []
        func visit(_ node: Relation) {
            let name: String?
            switch node.kind {
            case .scan(.csv(let path, _)): name = path
            case .scan(.sample(let sample)): name = sample
            case .scan(.localData(let binding)): name = binding
            default: name = nil
            }
            if let name, !names.contains(name) { names.append(name) }
            node.inputs.forEach(visit)
        }
        visit(upload)
        return names.map { "'\($0)'" }.joined(separator: " and ")
    }

    /// Runs each upload of `relation` locally and loads it into a new temporary table, then
    /// returns the plan that reads those tables. On any error (also Ctrl-C, and an upload
    /// over `:set upload_limit`) the tables made so far are dropped before it throws.
    func upload(_ relation: Relation, pipelineText: String) throws -> Uploaded {
        var uploaded = Uploaded(relation: relation, tables: [])
        do {
            for part in Self.uploads(in: relation) {
                let name = try load(part, pipelineText: pipelineText)
                uploaded.tables.append(name)
                uploaded.relation = try Self.replace(part, in: uploaded.relation,
                                                     with: Relation(.scan(.table([name])), schema: part.schema))
            }
        } catch {
            drop(uploaded)
            throw error
        }
        return uploaded
    }

    /// Drops the temporary tables of `uploaded`. Errors are ignored: the connection may be
    /// gone, and a temporary table ends with its connection anyway.
    func drop(_ uploaded: Uploaded) {
        let dialect = session.dialect(of: connection)
        for name in uploaded.tables {
            guard let statement = try? dialect.dropTable([name]) else { continue }
            if session.settings.echo { session.echo(statement) }
            _ = try? connection.connection.execute(statement)
        }
    }

    /// Runs `part` locally and loads its rows into a new temporary table; returns the
    /// table's name. On an error no table is left.
    private func load(_ part: Relation, pipelineText: String) throws -> String {
        let dialect = session.dialect(of: connection)
        let db = connection.connection
        let result = try LocalExecutor(session: session).run(part, pipelineText: pipelineText)
        guard case .table(let rows, _) = result.outcome else { throw RuntimeError("local data to upload gave no table") }
        let table = try rows.collect()
        let displayName = Self.displayName(of: part)
        let limit = session.settings.uploadLimit
        if table.rowCount > limit {
            throw RuntimeError("\(displayName) has \(Self.rows(table.rowCount)), more than the upload limit of \(Self.rows(limit))"
                               + " for joining local data with server data",
                               help: "raise the limit with :set upload_limit \(table.rowCount), or upload it once with … -> table NAME"
                                   + " and use table NAME")
        }
        let name = dialect.temporaryTableName("rex_" + Self.randomHex(12))
        try dialect.checkIdentifier(name)
        let create = try dialect.createTemporaryTable(name: name, schema: part.schema)
        if session.settings.echo { session.echo(create) }
        try InterruptController.shared.checkpoint()
        let quotedName = dialect.quoteIdentifier(name)
        try InterruptController.shared.run(cancel: { db.cancel() }) {
            // SQL Server: bulk copy (`:set bulk_copy`), which drops the table again on a failure.
            if try StagedBulkCopy(session: session, db: db).uploadTemporary(table, into: quotedName, create: create) { return }
            // One transaction: a failed or cancelled load leaves no table. It commits before the
            // query runs, so nothing of it is pending on the connection.
            try db.transaction {
                _ = try db.execute(create)
                try db.insert(table, into: quotedName, quotedColumns: part.schema.names.map(dialect.quoteIdentifier),
                              inTransaction: false, checkpoint: InterruptController.shared.checkpoint)
            }
        }
        session.notice("uploaded \(Self.rows(table.rowCount))"
                       + " (\(ImageResult.size(Self.byteCount(of: table)))) of \(displayName) to a temporary table")
        return name
    }

    /// `node` with every subtree equal to `target` replaced.
    private static func replace(_ target: Relation, in node: Relation, with replacement: Relation) throws -> Relation {
        if node == target { return replacement }
        return try rewriteChildren(node, path: []) { child, _ in try replace(target, in: child, with: replacement) }
    }

    /// `count` hex digits from the system's random source.
    private static func randomHex(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef")
        return String((0..<count).map { _ in digits[Int(generator.next() % 16)] })
    }

    /// `1 row`, `12,345 rows`.
    static func rows(_ value: Int) -> String {
        count(value) + (value == 1 ? " row" : " rows")
    }

    /// `12,345`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// The bytes of the values of `table` (8 per number, 4 per date, text as UTF-8).
    static func byteCount(of table: Table) -> Int {
        table.columns.reduce(0) { total, column in
            switch column.storage {
            case .int(let values): return total + 8 * values.count
            case .float(let values): return total + 8 * values.count
            case .datetime(let values): return total + 8 * values.count
            case .date(let values): return total + 4 * values.count
            case .bool(let values): return total + values.count
            case .text(let buffer), .bytes(let buffer): return total + buffer.bytes.count
            }
        }
    }
}
