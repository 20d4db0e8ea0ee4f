import Foundation
import RexCompiler
import RexData
import RexLanguage
import RexPython
import RexTestSupport
import Testing

// Every case of Tests/conformance/cases, compiled by the real parser, resolver and pandas
// generator, and run with the real runtime in /usr/bin/python3 (one process for all cases).
// Cases are read by Tests/conformance/reference.py's reader, so the format has one parser
// in Python; the expected results are compared as the conformance README says
// (multiset unless sorted, floats to 1e-9 relative).

private let python = URL(fileURLWithPath: "/usr/bin/python3")

private let runCases = #"""
import importlib.util, json, math, pathlib, sys
import pandas as pd
root = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(root / "Tests/conformance"))
import reference
spec = importlib.util.spec_from_file_location("_rex", str(root / "prelude/rex_runtime.py"))
_rex = importlib.util.module_from_spec(spec)
spec.loader.exec_module(_rex)
sys.modules["_rex"] = _rex
cases = {}
for path in sorted((root / "Tests/conformance/cases").glob("*.rexcase")):
    for c in reference.read_cases(path):
        cases[c["name"]] = c

def frame(rel):
    data = {}
    for i, (name, t) in enumerate(zip(rel.cols, rel.types)):
        data[name] = _rex._typed([r[i] for r in rel.rows], t)
    return pd.DataFrame(data)

def norm(v, type_name):
    if _rex.is_na(v):
        return None
    if isinstance(v, pd.Timestamp):
        # The expected column's type decides: a datetime at midnight stays a datetime.
        if type_name == "datetime":
            return v.to_pydatetime()
        return v.date() if v == v.normalize() else v.to_pydatetime()
    return v.item() if hasattr(v, "item") else v

ok, failures = 0, []
for entry in json.load(open(sys.argv[2])):
    c = cases[entry["name"]]
    expect = c["expect"]
    if "error" in entry:
        if expect == "error":
            ok += 1
        else:
            failures.append("%s: compile error %s" % (entry["name"], entry["error"][:300]))
        continue
    namespace = {"__name__": "case"}
    for i, table in enumerate(entry["inputs"]):
        namespace["_source%d" % i] = frame(c["data"][table])
    try:
        exec(entry["code"], namespace)
        result = namespace["result"]
    except Exception as error:
        text = str(error).lower()
        # As ConformanceRunner.isOverflowMessage: "overflow" accepts any overflow wording.
        overflow = c["error"] == "overflow" and ("out of range" in text or "overflow" in text)
        if expect == "error" and (c["error"].lower() in text or overflow):
            ok += 1
        elif expect == "error":
            failures.append("%s: error %r does not mention %r" % (entry["name"], str(error), c["error"]))
        else:
            failures.append("%s: %s: %s\n%s" % (entry["name"], type(error).__name__, error, entry["code"]))
        continue
    if expect == "error":
        failures.append("%s: expected an error (%s)\n%s" % (entry["name"], c["error"], entry["code"]))
        continue
    # Dates and datetimes are day and microsecond numbers in the runtime: show them as values.
    result = _rex.user_frame(result, {n: t for n, t in zip(expect.cols, expect.types) if t in ("date", "datetime")})
    types = dict(zip(expect.cols, expect.types))
    rows = [[norm(v, types.get(name)) for v, name in zip(r, result.columns)]
            for r in result.astype(object).itertuples(index=False)]
    want = expect.rows
    ordered = any(s in c["pipeline"] for s in ("| sort", "| top(", "| count_by("))
    good = list(result.columns) == expect.cols and len(rows) == len(want)
    if good and not ordered:
        rows, want = sorted(rows, key=reference.key), sorted(want, key=reference.key)
    good = good and all(len(a) == len(b) and all(reference.same(x, y) for x, y in zip(a, b))
                        for a, b in zip(rows, want))
    if good:
        ok += 1
    else:
        failures.append("%s: got %s %s, expected %s %s\n%s" % (entry["name"], list(result.columns), rows[:6],
                                                                expect.cols, want[:6], entry["code"]))
print(json.dumps({"ok": ok, "failures": failures}))
"""#

@Suite("Pandas conformance")
struct PandasConformanceTests {
    @Test func everyCaseGivesTheExpectedResultInPandas() throws {
        let root = TestEnvironment.packageRoot.path
        let cases = try conformanceCases()
        try #require(cases.count >= 150)

        var compiled: [[String: Any]] = []
        for item in cases {
            let name = item["name"] as? String ?? "?"
            var entry: [String: Any] = ["name": name]
            do {
                let (relation, _) = try caseRelation(item)
                let program = try PandasGenerator().program(relation)
                entry["code"] = program.code
                entry["inputs"] = program.inputs.map { source -> String in
                    if case .table(let parts) = source { return parts.joined(separator: ".") }
                    return "\(source)"
                }
            } catch {
                entry["error"] = "\(error)"
            }
            compiled.append(entry)
        }
        let file = TestEnvironment.temporaryDirectory().appendingPathComponent("pandas-cases.json")
        try JSONSerialization.data(withJSONObject: compiled).write(to: file)
        // numpy as rex's embedded interpreter runs it (`PythonInterpreter.useTheCMathLibrary`).
        let run = try runProcess(python, ["-c", runCases, root, file.path],
                                 environment: ["NPY_DISABLE_CPU_FEATURES": PythonInterpreter.numpyFeaturesOff])
        try #require(run.status == 0, "running the cases failed: \(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let failures = report["failures"] as? [String] ?? ["no report"]
        #expect(failures.isEmpty, "\(failures.count) of \(cases.count) cases differ:\n\(failures.joined(separator: "\n\n"))")
        #expect(report["ok"] as? Int == cases.count)
    }
}
