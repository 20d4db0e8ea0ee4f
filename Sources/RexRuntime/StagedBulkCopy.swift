import RexCompiler
import RexData
import RexLanguage
import RexODBC

/// `-> table` on SQL Server through the bulk-copy API of Microsoft's ODBC driver (SPEC §3
/// "Bulk writes"), atomic as SPEC §2 requires. Bulk-copy batches commit on their own, so the
/// rows go into a new staging table first, and one transaction then creates, replaces or
/// appends to the target from it (`TSQLStagedLoad` has the T-SQL and the rules it follows):
///
///     CREATE TABLE [s].[rex_staging_<16 hex>] (…)              autocommit
///     bcp_initW / bcp_bind / bcp_sendrow… / bcp_batch… / bcp_done
///     BEGIN (autocommit off)
///       [DROP TABLE [s].[t]]  EXEC sp_rename …               create / replace
///       INSERT INTO [s].[t] (…) SELECT … ; DROP TABLE [s].[rex_staging_…]   append
///     COMMIT
///     (a server without sp_rename, message 2812: the create / replace transaction again with
///     CREATE TABLE [s].[t] and the append's INSERT … SELECT instead of the rename)
///     on any error: bcp_done, ROLLBACK, DROP TABLE IF EXISTS [s].[rex_staging_…]
///
/// When the bulk-copy path cannot start — not Microsoft's driver, the connection did not ask
/// for bulk copy before connecting, the driver library has no `bcp_*` functions, the staging
/// table cannot be created (a login that may insert but not create tables), `bcp_initW` fails —
/// nothing has changed on the server and `upload` returns nil: the caller writes with parameter
/// arrays, saying nothing (`:set echo on` shows why). A failure of the bulk copy itself (a
/// `bcp_*` call) also returns nil after dropping the staging table: the rows are written again
/// with parameter arrays. Ctrl-C and errors of the swap are errors; the target is unchanged.
struct StagedBulkCopy {
    let session: Session
    let db: Connection

    /// Loads the rows that `send` feeds into a staging table and swaps it into `name` (`mode`;
    /// `targetExists` from the catalog). Returns the number of rows written, or nil when the
    /// bulk-copy path is not available (nothing was done). Call inside
    /// `InterruptController.run(cancel:)`: `send` runs the checkpoints, `cancel` reaches the
    /// swap's statements.
    func upload(into name: [String], schema: Schema, mode: Sink.Mode, targetExists: Bool,
                send: (BulkCopy) throws -> Int) throws -> Int? {
        guard db.serverKind == .sqlServer else { return nil }
        guard session.settings.bulkCopy else {
            note("bulk copy is off (:set bulk_copy off); parameter arrays")
            return nil
        }
        if let why = db.bulkCopyUnavailable() {
            note("\(why); parameter arrays instead")
            return nil
        }
        guard let load = try TSQLStagedLoad(target: name, schema: schema, suffix: TSQLStagedLoad.randomSuffix()) else {
            note("no staged bulk copy into \(name.joined(separator: ".")); parameter arrays instead")
            return nil
        }
        let create = try load.createStaging()
        do {
            echo(create)
            try db.execute(create)
        } catch {
            note("the staging table could not be created (\(error)); parameter arrays instead")
            return nil
        }
        guard let copied = try copy(into: load.quotedStaging, types: schema.fields.map(\.type),
                                    displayName: load.quotedTarget, discard: { dropStaging(load) }, send: send) else {
            return nil
        }
        let (bulk, rows) = copied
        do {
            let swapMode: TSQLStagedLoad.Mode = mode == .append ? .append : (targetExists ? .replace : .create)
            func swap(renaming: Bool) throws {
                let statements = try load.swap(swapMode, renaming: renaming)
                try db.transaction {
                    for statement in statements {
                        echo(statement)
                        try db.execute(statement)
                    }
                }
            }
            do {
                try swap(renaming: true)
            } catch let error as ODBCError
                        where swapMode != .append && error.diagnostics.contains(where: { $0.nativeError == TSQLStagedLoad.missingProcedureMessage }) {
                // A T-SQL server without sp_rename: the transaction rolled back; copy instead.
                note("sp_rename is not available (\(error.diagnostics.first?.message ?? "")); copying the staged rows instead")
                try swap(renaming: false)
            }
            forgetRenameCaution()
            return rows
        } catch {
            // The transaction (if it began) has rolled back: the target is as it was.
            bulk.abandon()
            dropStaging(load)
            forgetRenameCaution()
            throw error
        }
    }

    /// Loads `table` into the new temporary table `quotedName` (a `#rex_…` table that only
    /// this connection sees) with bulk copy: `create` makes it, and any failure drops it again.
    /// No staging: nobody else can see the table, and a failed load drops it. Returns false when
    /// the bulk-copy path is not available or its `bcp_*` calls failed (no table is left): the
    /// caller loads with parameter arrays. Call inside `InterruptController.run(cancel:)`.
    func uploadTemporary(_ table: Table, into quotedName: String, create: String) throws -> Bool {
        guard db.serverKind == .sqlServer, session.settings.bulkCopy else { return false }
        if let why = db.bulkCopyUnavailable() {
            note("\(why); parameter arrays instead")
            return false
        }
        try db.execute(create) // the caller has echoed it
        let drop = "DROP TABLE \(quotedName)"
        let discard = {
            echo(drop)
            _ = try? db.execute(drop)
        }
        let sent = try copy(into: quotedName, types: table.schema.fields.map(\.type), displayName: quotedName, discard: discard) { bulk in
            try bulk.send(table, checkpoint: InterruptController.shared.checkpoint)
        }
        return sent != nil
    }

    /// Opens a bulk copy into the (staging or temporary) table `quotedTable`, sends the rows
    /// `send` feeds (returning their number) and finishes. Returns nil when the bulk-copy path
    /// failed, opening or in a `bcp_*` call (a server that does not take it, such as a T-SQL
    /// server that is not SQL Server): `discard` has dropped the table, which only this load
    /// saw, so the caller writes the rows again with parameter arrays (a data error then
    /// reports as usual). Any other error is thrown, after `discard`.
    private func copy(into quotedTable: String, types: [DataType], displayName: String, discard: () -> Void,
                      send: (BulkCopy) throws -> Int) throws -> (bulk: BulkCopy, rows: Int)? {
        let bulk: BulkCopy
        switch db.openBulkCopy(into: quotedTable, types: types, displayName: displayName) {
        case .failure(let why):
            discard()
            note("\(why); parameter arrays instead")
            return nil
        case .success(let opened):
            bulk = opened
        }
        echo("-- bulk copy (bcp) into \(quotedTable)")
        do {
            let rows = try send(bulk)
            try bulk.finish()
            return (bulk, rows)
        } catch let error as ODBCError where error.function.hasPrefix("bcp_") {
            bulk.abandon()
            discard()
            note("the bulk copy failed (\(error.diagnostics.first?.message ?? error.function)); parameter arrays instead")
            return nil
        } catch {
            bulk.abandon()
            discard()
            throw error
        }
    }

    /// `DROP TABLE IF EXISTS` of the staging table; a failure here (a lost connection) leaves
    /// a table named `rex_staging_…`, which the upload's own error already explains.
    private func dropStaging(_ load: TSQLStagedLoad) {
        echo(load.dropStaging)
        _ = try? db.execute(load.dropStaging)
    }

    /// `sp_rename` always prints a caution (message 15477) that is expected here.
    private func forgetRenameCaution() {
        db.discardMessages { $0.nativeError == TSQLStagedLoad.renameCautionMessage }
    }

    private func echo(_ text: String) {
        if session.settings.echo { session.echo(text) }
    }

    private func note(_ text: String) {
        echo("-- " + text)
    }
}
