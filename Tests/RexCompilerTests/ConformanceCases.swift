import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexTestSupport
import Testing

// The conformance cases (Tests/conformance/cases) as the generator tests read them:
// listed by Tests/conformance/reference.py (one parser of the format in Python) and
// compiled by the real parser and resolver against the cases' table schemas.

/// Table schemas of one case, for the resolver.
struct ConformanceCaseTables: SchemaProvider {
    var tables: [String: Schema]
    func tableSchema(_ nameParts: [String]) throws -> Schema? { tables[nameParts.joined(separator: ".")] }
    func tableNames() -> [String] { tables.keys.sorted() }
    func sqlSchema(_ query: String) throws -> Schema { throw RexCompileFailure(description: "no sql sources in cases") }
    func csvSchema(path: String, separator: String) throws -> Schema { throw RexCompileFailure(description: "no csv sources in cases") }
}

private let listCases = #"""
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(root / "Tests/conformance"))
import reference
out = []
for path in sorted((root / "Tests/conformance/cases").glob("*.rexcase")):
    for c in reference.read_cases(path):
        out.append({"name": c["name"], "pipeline": c["pipeline"],
                    "tables": {n: [[col, t] for col, t in zip(r.cols, r.types)] for n, r in c["data"].items()}})
json.dump(out, sys.stdout)
"""#

/// The case list (name, pipeline, table schemas) as JSON from the Python reader.
func conformanceCases() throws -> [[String: Any]] {
    let listed = try runProcess(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", listCases, TestEnvironment.packageRoot.path])
    try #require(listed.status == 0, "reading the cases failed: \(listed.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
}

/// The relation of a case's pipeline (after its `let`/`def` lines) and its table schemas.
func caseRelation(_ item: [String: Any]) throws -> (relation: Relation, schemas: [String: Schema]) {
    var schemas: [String: Schema] = [:]
    for (table, columns) in item["tables"] as? [String: [[String]]] ?? [:] {
        schemas[table] = Schema(try columns.map { column in
            guard column.count == 2, let type = DataType(rawValue: column[1]) else {
                throw RexCompileFailure(description: "bad column \(column) in case \(item["name"] ?? "?")")
            }
            return Field(column[0], type)
        })
    }
    let provider = ConformanceCaseTables(tables: schemas)
    let environment = try CompilerEnvironment.withPrelude()
    let parsed = parse(item["pipeline"] as? String ?? "")
    if parsed.diagnostics.hasErrors { throw parsed.diagnostics }
    var relation: Relation?
    for statement in parsed.statements {
        if case .pipeline(let pipeline) = statement.kind {
            relation = try environment.resolve(pipeline, provider: provider)
        } else {
            try environment.define(statement, provider: provider)
        }
    }
    guard let relation else { throw RexCompileFailure(description: "no pipeline") }
    return (relation, schemas)
}
