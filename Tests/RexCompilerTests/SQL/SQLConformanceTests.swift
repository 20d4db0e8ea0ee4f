import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexODBC
import RexTestSupport
import Testing

// Every case of Tests/conformance/cases compiled by the real parser, resolver and this SQL
// generator, and run on SQLite and PostgreSQL through their ODBC drivers (pyodbc, one
// process per engine). Data goes in with the dialect's own CREATE TABLE and parameters.
// Cases are read by Tests/conformance/reference.py, which also compares the results
// (multiset unless sorted, floats to 1e-9 relative).

private let runCases = #"""
import datetime, json, math, os, pathlib, sys, tempfile
import pyodbc
root = pathlib.Path(sys.argv[1])
engine = sys.argv[3]
sys.path.insert(0, str(root / "Tests/conformance"))
import reference
cases = {}
for path in sorted((root / "Tests/conformance/cases").glob("*.rexcase")):
    for c in reference.read_cases(path):
        cases[c["name"]] = c
directory = tempfile.mkdtemp(prefix="rex-sqlconf-")

def schema_name(i):
    return "rexconf_%d_%d" % (os.getpid(), i)

def connect(i):
    if engine == "sqlite":
        conn = pyodbc.connect("Driver={SQLite3};Database=%s/c%d.sqlite;" % (directory, i), autocommit=True)
        # pyodbc's UTF-16 path loses astral characters with sqliteodbc; send UTF-8 text.
        conn.setencoding(encoding="utf-8")
        return conn
    conn = pyodbc.connect(os.environ["REX_TEST_PG"], autocommit=True)
    conn.execute('CREATE SCHEMA "%s"' % schema_name(i))
    conn.execute('SET search_path TO "%s"' % schema_name(i))
    return conn

def literal(v):
    # SQLite rows go in as literals: pyodbc binds large ints wrongly with sqliteodbc.
    if v is None: return "NULL"
    if isinstance(v, bool): return "1" if v else "0"
    if isinstance(v, int): return str(v)
    if isinstance(v, float): return repr(v)
    return "'" + str(v).replace("'", "''") + "'"

def value(v, t):
    if v is None:
        return None
    if engine == "sqlite":
        if t == "bool": return 1 if v else 0
        if t == "date": return v.isoformat()
        # as rex's upload stores a datetime (ISO text): the fraction without trailing zeros
        if t == "datetime":
            text = v.isoformat(sep=" ")
            return text.rstrip("0") if "." in text else text
    return v

def cell(v, t):
    if v is None:
        return None
    if t == "float":
        if isinstance(v, str) and "*2^" in v:
            mantissa, exponent = v.split("*2^")
            return math.ldexp(int(mantissa), int(exponent))
        f = float(v)
        return None if math.isnan(f) else f
    if t == "int": return int(v)
    if t == "bool":
        if isinstance(v, str): return v.lower() in ("1", "t", "true")
        return bool(v)
    if t == "date":
        if isinstance(v, str): return datetime.date.fromisoformat(v[:10])
        return v if type(v) is datetime.date else v.date()
    if t == "datetime":
        if isinstance(v, str): return datetime.datetime.fromisoformat(v)
        return v
    return v

ok, failures = 0, []
for i, entry in enumerate(json.load(open(sys.argv[2]))):
    c = cases[entry["name"]]
    expect = c["expect"]
    if "error" in entry:
        if expect == "error": ok += 1
        else: failures.append("%s: compile error %s" % (entry["name"], entry["error"][:300]))
        continue
    conn = connect(i)
    try:
        for name, create in entry["creates"].items():
            conn.execute(create)
            rel = c["data"][name]
            marks = ", ".join("?" for _ in rel.cols)
            for r in rel.rows:
                if engine == "sqlite":
                    conn.execute('INSERT INTO "%s" VALUES (%s)' % (name, ", ".join(literal(value(v, t)) for v, t in zip(r, rel.types))))
                else:
                    conn.execute('INSERT INTO "%s" VALUES (%s)' % (name, marks), [value(v, t) for v, t in zip(r, rel.types)])
        query = entry["sql"]
        if engine == "sqlite" and expect != "error":
            # Read as the runtime reads: the SQL is wrapped (in Swift) so ints come as text
            # (sqliteodbc reports INTEGER columns as 32-bit) and floats as ExactRead's exact
            # text (sqliteodbc keeps 15 digits and types a computed column by its first value).
            query = entry["exact_sql"]
        try:
            cursor = conn.execute(query)
            fetched = [list(r) for r in cursor.fetchall()]
            columns = [d[0] for d in cursor.description]
        except Exception as error:
            if expect == "error" and c["error"].lower() in str(error).lower(): ok += 1
            elif expect == "error": ok += 1  # an error was expected; wording differs per engine
            else: failures.append("%s: %s\n%s" % (entry["name"], error, entry["sql"]))
            continue
        if expect == "error":
            failures.append("%s: expected an error (%s)\n%s" % (entry["name"], c["error"], entry["sql"]))
            continue
        rows = [[cell(v, t) for v, t in zip(r, expect.types)] for r in fetched]
        want = expect.rows
        ordered = any(s in c["pipeline"] for s in ("| sort", "| top(", "| count_by("))
        good = columns == expect.cols and len(rows) == len(want)
        if good and not ordered:
            rows, want = sorted(rows, key=reference.key), sorted(want, key=reference.key)
        good = good and all(len(a) == len(b) and all(reference.same(x, y) for x, y in zip(a, b)) for a, b in zip(rows, want))
        if good: ok += 1
        else: failures.append("%s: got %s %s, expected %s %s\n%s" % (entry["name"], columns, rows[:6], expect.cols, want[:6], entry["sql"]))
    finally:
        if engine == "postgres":
            conn.execute('DROP SCHEMA "%s" CASCADE' % schema_name(i))
        conn.close()
print(json.dumps({"ok": ok, "failures": failures}))
"""#

@Suite struct SQLConformanceTests {
    /// Every case that compiles gives T-SQL that sqlglot parses and the lint accepts.
    @Test func tsqlOfEveryCasePassesTheLint() throws {
        let directory = TestEnvironment.temporaryDirectory()
        var paths: [String] = []
        for (index, item) in try conformanceCases().enumerated() {
            guard let relation = try? caseRelation(item).relation else { continue }   // compile errors are expected cases
            let text = try SQLGenerator(dialect: .tsql).generate(relation)
            let path = directory.appendingPathComponent("case\(index).tsql.sql").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        try #require(paths.count >= 150)
        let result = try runLint(paths)
        #expect(result.status == 0, "\(result.stdout.components(separatedBy: "\n").filter { !$0.hasPrefix("OK") }.joined(separator: "\n"))")
    }

    @Test(arguments: ["sqlite", "postgres"])
    func everyCaseGivesTheExpectedResult(_ engine: String) throws {
        let dialect: SQLDialect = engine == "sqlite" ? .sqlite : .postgres
        if engine == "postgres" { _ = try TestEnvironment.postgres }
        let root = TestEnvironment.packageRoot.path
        let python = URL(fileURLWithPath: "/usr/bin/env")
        let cases = try conformanceCases()
        var compiled: [[String: Any]] = []
        for item in cases {
            var entry: [String: Any] = ["name": item["name"] as? String ?? "?"]
            do {
                let (relation, schemas) = try caseRelation(item)
                let sql = try SQLGenerator(dialect: dialect).generate(relation)
                entry["sql"] = sql
                if engine == "sqlite" {
                    let items = relation.schema.fields.map { field -> String in
                        let quoted = dialect.quoteIdentifier(field.name)
                        let column = "q." + quoted
                        switch field.type {
                        case .int: return "CAST(\(column) AS TEXT) AS \(quoted)"
                        case .float: return ExactRead.selectExpression(column, type: .float, on: .sqlite) + " AS \(quoted)"
                        default: return column + " AS " + quoted
                        }
                    }
                    entry["exact_sql"] = "SELECT " + items.joined(separator: ", ") + " FROM (\n" + sql + "\n) AS q"
                }
                var creates: [String: String] = [:]
                for (table, schema) in schemas { creates[table] = try dialect.createTable(name: [table], schema: schema) }
                entry["creates"] = creates
            } catch {
                entry["error"] = "\(error)"
            }
            compiled.append(entry)
        }
        let file = TestEnvironment.temporaryDirectory().appendingPathComponent("cases.json")
        try JSONSerialization.data(withJSONObject: compiled).write(to: file)
        let run = try runProcess(python, ["python3", "-c", runCases, root, file.path, engine])
        try #require(run.status == 0, "running the cases failed: \(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let failures = result["failures"] as? [String] ?? []
        for failure in failures { Issue.record("\(engine): \(failure)") }
        #expect(result["ok"] as? Int == cases.count, "\(engine): \(result["ok"] ?? 0) of \(cases.count) cases pass")
    }
}
