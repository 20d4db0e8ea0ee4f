import Foundation
import RexCompiler
import RexData
import RexTestSupport
import Testing

/// The T-SQL of a bulk-copied upload to SQL Server (staging table, swap, cleanup), kept as golden
/// text in Tests/golden/staged_load.tsql.sql, every statement parsed by sqlglot and linted.
/// `RECORD_GOLDEN=1` rewrites the file.
@Suite struct TSQLStagedLoadTests {
    static let suffix = "0123456789abcdef"
    /// Names that need their quoting: a bracket and a quote in the table, a quote in a column.
    static let schema = Schema([Field("id", .int), Field("O'Brien", .text), Field("score", .float), Field("ok", .bool),
                                Field("day", .date), Field("at", .datetime), Field("raw", .bytes)])

    static func load(_ target: [String]) throws -> TSQLStagedLoad {
        try #require(try TSQLStagedLoad(target: target, schema: schema, suffix: suffix))
    }

    /// Every statement of an upload into `target`, in the order they run, with comments.
    static func script(_ target: [String]) throws -> String {
        let load = try load(target)
        var lines = ["-- upload into \(load.quotedTarget)", "-- 1. create the staging table (autocommit)", try load.createStaging() + ";",
                     "-- 2. bulk copy (bcp_initW) into \(load.quotedStaging)"]
        for (mode, name) in [(TSQLStagedLoad.Mode.create, "create"), (.replace, "replace"), (.append, "append")] {
            lines.append("-- 3. \(name): one transaction")
            lines += try load.swap(mode).map { $0 + ";" }
        }
        for (mode, name) in [(TSQLStagedLoad.Mode.create, "create"), (.replace, "replace")] {
            lines.append("-- 3. \(name) where sp_rename is missing (message 2812): one transaction")
            lines += try load.swap(mode, renaming: false).map { $0 + ";" }
        }
        lines += ["-- 4. on any error: after the rollback, in autocommit", load.dropStaging + ";"]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("the staging, swap and cleanup T-SQL match Tests/golden/staged_load.tsql.sql")
    func golden() throws {
        let text = try Self.script(["sales", "daily ]totals'"]) + "\n" + Self.script(["t"])
        let file = TestEnvironment.packageRoot.appendingPathComponent("Tests/golden/staged_load.tsql.sql")
        let stored = try? String(contentsOf: file, encoding: .utf8)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" || stored == nil {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(stored != nil, "golden file \(file.lastPathComponent) was missing; it has been written: review and commit it")
        if let stored { #expect(stored == text) }
    }

    @Test("every statement parses with sqlglot's T-SQL parser and passes the lint")
    func lint() throws {
        let directory = TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for target in [["sales", "daily ]totals'"], ["t"]] {
            let load = try Self.load(target)
            let statements = [try load.createStaging(), load.dropStaging]
                + (try [TSQLStagedLoad.Mode.create, .replace, .append].flatMap { try load.swap($0) })
                + (try [TSQLStagedLoad.Mode.create, .replace].flatMap { try load.swap($0, renaming: false) })
            for statement in statements {
                let path = directory.appendingPathComponent("\(paths.count).sql").path
                try statement.write(toFile: path, atomically: true, encoding: .utf8)
                paths.append(path)
            }
        }
        let result = try runLint(paths)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("OK ") }.count == paths.count)
    }

    @Test("sp_rename gets the staging table as a quoted two-part name and the new name bare, both as N'…' literals")
    func renameArguments() throws {
        let load = try Self.load(["sales", "daily ]totals'"])
        #expect(load.quotedStaging == "[sales].[rex_staging_0123456789abcdef]")
        #expect(try load.swap(.create) == [
            "EXEC sp_rename @objname = N'[sales].[rex_staging_0123456789abcdef]', @newname = N'daily ]totals''', @objtype = N'OBJECT'",
        ])
        #expect(try load.swap(.replace).first == "DROP TABLE [sales].[daily ]]totals']")
        #expect(try load.swap(.append).first
            == "INSERT INTO [sales].[daily ]]totals'] ([id], [O'Brien], [score], [ok], [day], [at], [raw]) "
            + "SELECT [id], [O'Brien], [score], [ok], [day], [at], [raw] FROM [sales].[rex_staging_0123456789abcdef]")
    }

    @Test("the staging table has the types the target would get (SPEC §2's T-SQL mapping)")
    func stagingTypes() throws {
        #expect(try Self.load(["t"]).createStaging() == "CREATE TABLE [rex_staging_0123456789abcdef] ([id] bigint, "
            + "[O'Brien] nvarchar(max), [score] float, [ok] bit, [day] date, [at] datetime, [raw] varbinary(max))")
        #expect(try Self.load(["t"]).createStaging().replacingOccurrences(of: "rex_staging_0123456789abcdef", with: "t")
            == (try SQLDialect.tsql.createTable(name: ["t"], schema: Self.schema)))
    }

    @Test("no staged load for a name with a database part or a #temporary table")
    func refused() throws {
        #expect(try TSQLStagedLoad(target: ["db", "dbo", "t"], schema: Self.schema, suffix: Self.suffix) == nil)
        #expect(try TSQLStagedLoad(target: ["#t"], schema: Self.schema, suffix: Self.suffix) == nil)
    }

    @Test("random suffixes: 16 lowercase hex digits, different each time")
    func suffixes() {
        let a = TSQLStagedLoad.randomSuffix(), b = TSQLStagedLoad.randomSuffix()
        #expect(a.count == 16 && a.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(a != b)
    }
}
