import Foundation
import RexTestSupport
import Testing

/// The property of SPEC §5: every hostile value (quotes of every kind, combining marks,
/// backslashes, newlines, `"""`, backticks, `$(`, NUL-free Unicode), put in every context
/// — rex source, rex strings, `:exec` values and literals, `sql "…"` sources, Python
/// blocks (local and server), command arguments — comes back exactly as itself, and the
/// statement around it keeps its structure: each statement gives its one tagged row, and
/// the tables an injection would touch are unchanged.
@Suite("Script variables: hostile values in every context")
struct ScriptVariablePropertyTests {
    static let values = HostileValues.fixed + HostileValues.random(count: 40, seed: 0x5EC0_11)

    /// The statements for value `i` (variable `x<i>`), each tagged `<i>:<context>`. A context
    /// rex refuses for some values (a dollar quote whose tag the value contains) may fail.
    static func statements(_ i: Int, target: VariableTarget) -> [(context: String, text: String)] {
        var list: [(String, String)] = [
            ("rex", "sample iris | take 1 | select k = \"\(i):rex\", v = $(x\(i))"),
            ("rex-string", "sample iris | take 1 | select k = \"\(i):rex-string\", v = \"$(x\(i))\""),
            ("exec", ":exec SELECT '\(i):exec' AS k, $(x\(i)) AS v"),
            ("exec-literal", ":exec SELECT '\(i):exec-literal' AS k, '$(x\(i))' AS v -- $(x\(i)) it's"),
            ("sql", "sql \"select '\(i):sql' as k, $(x\(i)) as v\""),
            ("sql-literal", "sql \"select '\(i):sql-literal' as k, '$(x\(i))' as v\" | filter k != \"\""),
            ("python", "python \"\"\"\nimport pandas\nresult = pandas.DataFrame({\"k\": [\"\(i):python\"], \"v\": [$(x\(i))]})  # $(x\(i))\n\"\"\""),
            ("command", ":describe $(x\(i))"),
        ]
        if target.engine == "postgres" {
            list.append(("exec-E", ":exec SELECT '\(i):exec-E' AS k, E'$(x\(i))' AS v"))
            list.append(("exec-dollar", ":exec SELECT '\(i):exec-dollar' AS k, $q$$(x\(i))$q$ AS v"))
            // Server Python (plpython3u): the input query's variable is inlined as a literal, the
            // block's arrives in rexvars.
            list.append(("context", ":context server"))
            list.append(("server-python", "sql \"select '\(i):server-python' as k, $(x\(i)) as v\" | python \"\"\"\n"
                         + "result = df.assign(v=[$(x\(i))])\n\"\"\""))
            list.append(("context", ":context local"))
        } else {
            // The value as a column name (sqliteodbc does not report such names faithfully, so
            // the row shows only that the statement kept its shape).
            list.append(("exec-backtick", ":exec SELECT '\(i):exec-backtick' AS k, v FROM (SELECT 'ok' AS v, 1 AS `$(x\(i))`)"))
        }
        return list
    }

    @Test("every value round-trips exactly in every context, and nothing else runs", arguments: ["postgres", "sqlite"])
    func roundTrip(engine: String) throws {
        guard let target = try VariableTarget.all().first(where: { $0.engine == engine }) else { return }
        let script = TestEnvironment.temporaryDirectory().appendingPathComponent("hostile.rex")
        var text = ""
        var expectedKeys: [String: (value: String, context: String)] = [:]
        for (i, value) in Self.values.enumerated() {
            for statement in Self.statements(i, target: target) {
                text += statement.text + "\n"
                if !["command", "context"].contains(statement.context) { expectedKeys["\(i):\(statement.context)"] = (value, statement.context) }
            }
        }
        try text.write(to: script, atomically: true, encoding: .utf8)
        var arguments = ["--format", "json", "--keep-going"]
        for (i, value) in Self.values.enumerated() { arguments += ["-v", "x\(i)=" + value] }
        let result = try target.rex(arguments + [script.path])
        let rows = try Self.rows(result.stdout)
        #expect(rows.count > expectedKeys.count / 2, "\(engine): \(result.stderr.prefix(2_000))")
        for (key, expected) in expectedKeys.sorted(by: { $0.key < $1.key }) {
            guard let row = rows[key] else {
                // Only a value that cannot be escaped into a dollar quote or backtick name is refused.
                let refusable = (expected.context == "exec-dollar" && (expected.value.contains("$q") || expected.value.hasSuffix("$")))
                    || (expected.context == "exec-backtick" && expected.value.unicodeScalars.contains("\u{0}"))
                #expect(refusable, "\(engine) \(key): no row for \(expected.value.debugDescription)")
                continue
            }
            let textOnly = expected.context.hasSuffix("literal") || expected.context == "rex-string"
                || expected.context.hasPrefix("exec-") && expected.context != "exec"
            var expectedValue: Any = !textOnly && Int64(expected.value).map(String.init) == expected.value
                ? NSNumber(value: Int64(expected.value) ?? 0) : expected.value
            if expected.context == "exec-backtick" { expectedValue = "ok" }
            #expect("\(row)" == "\(expectedValue)", "\(engine) \(key): \(row) vs \(expected.value.debugDescription)")
        }
        try target.expectIntact("after \(Self.values.count) hostile values")
    }

    /// The rows `{"k": …, "v": …}` of JSON output (one array per result), by `k`.
    static func rows(_ output: String) throws -> [String: Any] {
        var rows: [String: Any] = [:]
        var document: String?
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "[" { document = "" }
            guard document != nil else { continue }   // a message line between results
            document? += line + "\n"
            guard line == "]", let text = document else { continue }
            let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
            document = nil
            for case let row as [String: Any] in (parsed as? [Any]) ?? [] {
                if let key = row["k"] as? String { rows[key] = row["v"] ?? NSNull() }
            }
        }
        return rows
    }
}
