import Foundation
import RexCompiler
import RexData
import RexImage
import RexLanguage
import RexODBC

/// Writes a pipeline's result to a sink (SPEC §2): a table on the connection, a CSV
/// file or a PNG file. A table write is one transaction, so on any error the table is
/// unchanged (on SQL Server the rows are bulk-copied into a staging
/// table first and one transaction swaps it in: `StagedBulkCopy`); files are written through `OutputFile`
/// (atomic for regular files, in place for devices and pipes).
struct SinkWriter {
    let session: Session

    func write(_ relation: Relation, to sink: Sink, pipelineText: String) throws -> StatementResult {
        switch sink.kind {
        case .table(let name, let mode):
            return try writeTable(relation, name: name.map(\.name), mode: mode, pipelineText: pipelineText)
        case .csv(let path):
            return try writeCSV(relation, path: path, pipelineText: pipelineText)
        case .png(let path):
            let result = try session.run(relation, pipelineText: pipelineText)
            guard case .image(let image) = result.outcome else {
                throw RuntimeError("-> png needs an image result", help: "end the pipeline with plot … or a python block that returns a figure")
            }
            try OutputFile.write(try image.savedPNG(software: "rex"), to: path)
            return StatementResult(printed: result.printed, outcome: .message("saved \(path) (\(image.width)×\(image.height), \(ImageResult.size(image.png.count)))"))
        }
    }

    // MARK: - Tables

    private func writeTable(_ relation: Relation, name: [String], mode: Sink.Mode, pipelineText: String) throws -> StatementResult {
        let connection = try session.requireConnection(for: "-> table")
        let dialect = session.dialect(of: connection)
        let db = connection.connection
        for field in relation.schema.fields { try dialect.checkIdentifier(field.name) }
        for part in name { try dialect.checkIdentifier(part) }
        let quotedName = name.map(dialect.quoteIdentifier).joined(separator: ".")
        let displayName = name.joined(separator: ".")
        let existing = try db.columns(ofTable: name.last ?? "", schema: name.count > 1 ? name[name.count - 2] : nil)
        if mode == .create && !existing.isEmpty {
            throw RuntimeError("table '\(displayName)' already exists", help: "add replace to overwrite it or append to add rows")
        }
        if mode == .append {
            guard !existing.isEmpty else { throw RuntimeError("table '\(displayName)' does not exist", help: "leave out append to create it") }
            try checkAppendable(relation.schema, into: existing, table: displayName)
        }
        let columns = relation.schema.names.map(dialect.quoteIdentifier)
        let create = try dialect.createTable(name: name, schema: relation.schema)
        /// One transaction: the target dropped (replace) and created (not append), then `insert`'s rows.
        func intoTarget(_ insert: () throws -> Int) throws -> Int {
            var count = 0
            try db.transaction {
                if mode == .replace && !existing.isEmpty { _ = try db.execute(try dialect.dropTable(name)) }
                if mode != .append { _ = try db.execute(create) }
                count = try insert()
            }
            return count
        }
        /// SQL Server (bulk copy on, the default): the rows `send` feeds bulk-copied into a staging
        /// table and swapped in by one transaction; nil where that path is not taken.
        func bulkCopied(_ send: (BulkCopy) throws -> Int) throws -> Int? {
            try StagedBulkCopy(session: session, db: db).upload(into: name, schema: relation.schema, mode: mode,
                                                                targetExists: !existing.isEmpty, send: send)
        }
        var rowCount = 0
        if isServerOnly(relation) {
            // Same server: INSERT … SELECT, no rows travel.
            let select = try session.sqlGenerator(for: relation, on: connection).generate(relation)
            try InterruptController.shared.run(cancel: { db.cancel() }) {
                rowCount = try intoTarget {
                    // Script variables of sql sources are bound parameters of the INSERT.
                    let insert = SQLStatement(compiled: try dialect.insertSelect(into: name, columns: relation.schema.names, query: select))
                    if session.settings.echo { session.echo(insert.display) }
                    return try db.execute(insert.text, parameters: insert.parameters) ?? 0
                }
            }
        } else if case .scan(.csv(let path, let separator)) = relation.kind {
            // A file straight into a table: parsed in parts on a thread of its own while the
            // previous part is inserted, so memory holds a few parts and the parse overlaps the server.
            func streamed(_ write: (PreparedUploadPart, UploadPart) throws -> Int) throws -> Int {
                try uploadCSV(path: path, separator: separator, schema: relation.schema, for: db.serverKind) { part, rowsBefore in
                    try write(part, UploadPart(rowsBefore: rowsBefore, totalRows: nil))
                }
            }
            try InterruptController.shared.run(cancel: { db.cancel() }) {
                rowCount = try bulkCopied { bulk in
                    try streamed { try bulk.send($0.table, part: $1, checkpoint: InterruptController.shared.checkpoint) }
                } ?? intoTarget {
                    try streamed { try db.insert($0, into: quotedName, quotedColumns: columns, part: $1,
                                                 checkpoint: InterruptController.shared.checkpoint) }
                }
            }
        } else {
            // Local data bound for the server: it runs locally and uploads, in any context (SPEC §4).
            let result = try LocalExecutor(session: session).run(relation, pipelineText: pipelineText)
            guard case .table(let rows, _) = result.outcome else {
                throw RuntimeError("-> table needs a table result")
            }
            let table = try rows.collect()
            try InterruptController.shared.checkpoint()
            // Ctrl-C: SQLCancel stops the batch that runs; the checkpoint stops before the next
            // one; either way the transaction rolls back and the target is unchanged.
            try InterruptController.shared.run(cancel: { db.cancel() }) {
                rowCount = try bulkCopied { try $0.send(table, checkpoint: InterruptController.shared.checkpoint) }
                    ?? intoTarget {
                        try db.insert(table, into: quotedName, quotedColumns: columns, inTransaction: false,
                                      checkpoint: InterruptController.shared.checkpoint)
                    }
            }
        }
        let verb = mode == .append ? "appended" : "wrote"
        return StatementResult(outcome: .message("\(verb) \(rowCount) row\(rowCount == 1 ? "" : "s") to table \(displayName)"))
    }

    /// Streams the CSV file at `path` in parts of `csvUploadPartRows` rows (one PostgreSQL
    /// unnest batch each) to `write`, which gets each part and the rows written before it and
    /// returns the part's row count (an insert inside the caller's transaction, or a bulk copy).
    /// The file's types are those resolved for the statement (`schema`); a file changed since
    /// is an error.
    private func uploadCSV(path: String, separator: String, schema: Schema, for kind: ServerKind,
                           write: (PreparedUploadPart, Int) throws -> Int) throws -> Int {
        var rowCount = 0
        try BlockPipe.run(capacity: 1, produce: { pipe in
            // The producer also builds what the insert can build ahead (PostgreSQL's literals).
            try CSVReader.readBlocks(path: path, separator: separator.first ?? ",", knownSchema: schema,
                                     blockRows: SinkWriter.csvUploadPartRows,
                                     checkpoint: { try InterruptController.shared.checkpoint(); try pipe.checkOpen() },
                                     body: { try pipe.put(Connection.prepareUpload($0, for: kind)) })
        }, consume: { pipe in
            while let part = try pipe.next() {
                rowCount += try write(part, rowCount)
            }
        })
        return rowCount
    }

    /// Rows per part of a streamed CSV upload.
    static let csvUploadPartRows = 50_000

    /// True when every source is a table or query on the current connection.
    private func isServerOnly(_ relation: Relation) -> Bool {
        var ok = true
        func visit(_ node: Relation) {
            switch node.kind {
            case .scan(.table), .scan(.sql): return
            case .scan, .collect, .analytic: ok = false
            default: node.inputs.forEach(visit)
            }
        }
        visit(relation)
        return ok
    }

    private func checkAppendable(_ schema: Schema, into existing: [CatalogColumn], table: String) throws {
        for field in schema.fields {
            guard let column = existing.first(where: { $0.name == field.name }) else {
                throw RuntimeError("table '\(table)' has no column '\(field.name)'",
                                   help: "its columns: \(existing.map(\.name).joined(separator: ", "))")
            }
            if let type = column.type, type != field.type, !(type == .float && field.type == .int) {
                throw RuntimeError("column '\(field.name)' of table '\(table)' is \(type), the pipeline gives \(field.type)",
                                   help: "convert it with derive \(field.name) = \(type)(\(field.name))")
            }
        }
    }

    // MARK: - CSV

    private func writeCSV(_ relation: Relation, path: String, pipelineText: String) throws -> StatementResult {
        let result = try session.run(relation, pipelineText: pipelineText)
        guard case .table(let rows, _) = result.outcome else { throw RuntimeError("-> csv needs a table result") }
        var count = 0
        try OutputFile.write(to: path) { file in
            var failure: Error?
            let writer = DelimitedWriter(style: .csv) { text in
                guard failure == nil else { return }
                do { try file.write(text) } catch { failure = error }
            }
            writer.begin(rows.schema)
            while let block = try rows.nextBlock() {
                // In parts: a result in memory is one block, and Ctrl-C or a failed write
                // should stop the write within a part, not after all of it was formatted.
                for start in stride(from: 0, to: block.rowCount, by: 10_000) {
                    try InterruptController.shared.checkpoint()
                    writer.write(block, rows: start..<min(start + 10_000, block.rowCount))
                    if let failure { throw failure }
                }
                count += block.rowCount
            }
            writer.end(rowCount: count)
            if let failure { throw failure }
        }
        return StatementResult(printed: result.printed, outcome: .message("wrote \(count) row\(count == 1 ? "" : "s") to \(path)"))
    }
}
