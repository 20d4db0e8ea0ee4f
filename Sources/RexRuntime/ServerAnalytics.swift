import Foundation
import RexCompiler
import RexData
import RexODBC

/// `summary` and `linmod` in the server context (SPEC §2): computed by SQL aggregates
/// on the server, so no rows leave it; the small results are assembled here into the
/// same tables the local runtime gives.
struct ServerAnalytics {
    let session: Session
    let connection: NamedConnection

    private func generator(for input: Relation) throws -> SQLGenerator {
        try session.sqlGenerator(for: input, on: connection)
    }

    /// Runs compiled SQL (script variables bound) and reads its columns as `schema` says,
    /// floats exactly on SQLite (`ExactRead`: sqliteodbc's own reading keeps 15 digits, so
    /// 1.7976931348623157e308 came back as infinity), as every other result rex reads.
    private func fetch(_ sql: String, schema: Schema) throws -> Table {
        let exact = LocalExecutor(session: session).exactQuery(sql, schema: schema, on: connection)
        if session.settings.echo { session.echo(SQLStatement(compiled: exact).display) }
        let table = try connection.fetchAll(exact, options: FetchOptions(requestedTypes: schema.fields.map(\.type)))
        return try ColumnConversion.conform(table, to: schema)
    }

    // MARK: - summary

    /// The rx_summary table: Name, Level, Count, Mean, StdDev, Min, Max, ValidObs, MissingObs.
    func summary(_ input: Relation, columns: [String], schema: Schema) throws -> Table {
        let queries = try generator(for: input).summaryQueries(input, columns: columns)
        var numeric: [String: [Value]] = [:]
        if let sql = queries.numeric {
            let types: [DataType] = [.int, .int, .float, .float, .float, .float]
            let fields = queries.numericColumns.indices.flatMap { i in
                zip(["valid", "missing", "mean", "sd", "min", "max"], types).map { Field("v\(i)_\($0)", $1) }
            }
            let row = try fetch(sql, schema: Schema(fields))
            guard row.rowCount == 1 else { throw RuntimeError("summary: the server returned \(row.rowCount) rows for one aggregate row") }
            for (i, name) in queries.numericColumns.enumerated() {
                let values = ["valid", "missing", "mean", "sd", "min", "max"].map { key in
                    row.column(named: "v\(i)_\(key)").map { $0[0] } ?? .null
                }
                numeric[name] = values
            }
        }
        var levels: [String: [(level: Value, count: Int64)]] = [:]
        for (column, sql) in queries.levels {
            guard let field = input.schema.field(named: column) else { throw RuntimeError("summary: no column \(column)") }
            let table = try fetch(sql, schema: Schema([field, Field("Count", .int)]))
            levels[column] = (0..<table.rowCount).map { (table.columns[0][$0], asInt(table.columns[1][$0]) ?? 0) }
        }
        let names = columns.isEmpty ? input.schema.fields.filter { $0.type.isNumeric || $0.type == .text || $0.type == .bool }.map(\.name) : columns
        var rows: [[Value]] = []
        for name in names {
            if let v = numeric[name] {
                rows.append([.text(name), .null, .null, asFloat(v[2]), asFloat(v[3]), asFloat(v[4]), asFloat(v[5]),
                             asInt(v[0]).map(Value.int) ?? .int(0), asInt(v[1]).map(Value.int) ?? .int(0)])
            } else if let counts = levels[name] {
                let missing = counts.filter { $0.level.isNull }.reduce(Int64(0)) { $0 + $1.count }
                let present = counts.filter { !$0.level.isNull }
                if present.isEmpty {
                    rows.append([.text(name), .null, .int(0), .null, .null, .null, .null, .int(0), .int(missing)])
                }
                for entry in present {
                    rows.append([.text(name), .text(levelText(entry.level)), .int(entry.count), .null, .null, .null, .null,
                                 .int(entry.count), .int(missing)])
                }
            }
        }
        return Table(schema: schema, columns: schema.fields.enumerated().map { index, field in
            Column(type: field.type, values: rows.map { $0[index] })
        })
    }

    private func levelText(_ value: Value) -> String {
        switch value {
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return i != 0 ? "true" : "false" // a bool read back as 0/1
        default: return value.description
        }
    }

    // MARK: - linmod

    /// OLS on the server (SPEC §2; issue 14): SQL passes over the design (means and text
    /// levels; sums of products of the centred columns; where the sums are doubles, the
    /// residuals), exact in PostgreSQL's `numeric` (values through text: `float8::numeric`
    /// keeps 15 digits), doubles elsewhere; solved here in double-double with scaling, a
    /// Cholesky factorisation with R's limited pivoting and iterative refinement.
    func linmod(_ input: Relation, response: String, predictors: [String], intercept: Bool,
                schema: Schema) throws -> (Table, [String: Value]) {
        let generator = try generator(for: input)
        var levels: [String: [String]] = [:]
        var everyLevel = !intercept
        for name in predictors where input.schema.field(named: name)?.type == .text {
            guard let field = input.schema.field(named: name) else { continue }
            let table = try fetch(try generator.linmodLevelQuery(input, response: response, predictors: predictors, column: name),
                                  schema: Schema([field]))
            let found = (0..<table.rowCount).compactMap { table.columns[0][$0].textValue }
            if found.count == 1 && !everyLevel {
                throw RuntimeError("linmod: the text predictor \(name) never varies (every row used is '\(found[0])'); remove it")
            }
            everyLevel = false
            levels[name] = found
        }
        let design = try generator.linmodDesignQuery(input, response: response, predictors: predictors, levels: levels,
                                                     intercept: intercept)
        let model = LinearModelSums(terms: design.terms, intercept: intercept, kind: connection.connection.serverKind)
        let source = model.source(design.sql)
        // Pass 1: n and the means.
        let first = try read(model.meansQuery(source), names: model.meanNames, exact: model.exact)
        let n = Int(first[0].double)
        guard n > 0 else { throw RuntimeError("linmod: no rows where \(response) and every predictor are non-null") }
        let p = design.terms.count
        let coefficients = p + (intercept ? 1 : 0)
        guard coefficients > 0 else { throw RuntimeError("linmod: a model without an intercept needs at least one predictor") }
        guard n >= coefficients else { throw RuntimeError("linmod: \(n) rows cannot determine \(coefficients) coefficients") }
        let means = intercept ? Array(first.dropFirst()) : [DoubleDouble](repeating: .zero, count: p + 1)
        // Pass 2: sums of products of the centred columns.
        let sums = try read(model.sumsQuery(source, means: means), names: model.sumNames, exact: model.exact)
        var solver = LinearModelSolver(p: p, sums: sums, exact: model.exact, n: n, intercept: intercept)
        let fitted = try solver.factor { j, kept, combination in
            // A suspect column on double sums: its residual on the kept columns, row by row.
            let sql = model.residualQuery(source, means: means, target: j + 1,
                                          coefficients: zip(kept, combination).map { ($0 + 1, $1) })
            return try read(sql, names: ["rss"], exact: false)[0].double
        }
        if !fitted.aliased.isEmpty {
            throw RuntimeError(aliasedMessage(fitted.aliased, terms: design.terms, means: means))
        }
        let beta = solver.solve()
        // The residual sum of squares: from the exact sums, or row by row on the server.
        var rss: DoubleDouble
        if model.exact {
            rss = solver.yy
            for i in 0..<p { rss -= beta[i] * solver.cy[i] }
        } else {
            let sql = model.residualQuery(source, means: means, target: 0, coefficients: (0..<p).map { ($0 + 1, beta[$0]) })
            rss = try read(sql, names: ["rss"], exact: false)[0]
        }
        if rss < .zero { rss = .zero }
        let residualDF = n - coefficients
        let sigma2 = residualDF > 0 ? rss.double / Double(residualDF) : Double.nan
        let inverse = solver.inverseDiagonalAndForm(means: Array(means.dropFirst()), n: n)
        var rows: [[Value]] = []
        func row(_ term: String, _ estimate: Double, _ unscaledVariance: Double) {
            let se = (unscaledVariance * sigma2).squareRoot()
            let t = estimate / se
            let pValue = residualDF > 0 && t.isFinite ? Statistics.twoSidedTPValue(t, degrees: Double(residualDF)) : Double.nan
            rows.append([.text(term), finite(estimate), finite(se), finite(t), finite(pValue)])
        }
        if intercept {
            var b0 = means[0]
            for i in 0..<p { b0 -= beta[i] * means[i + 1] }
            row("(Intercept)", b0.double, inverse.intercept)
        }
        for i in 0..<p { row(design.terms[i], beta[i].double, inverse.diagonal[i]) }
        var fit: [String: Value] = ["n": .int(Int64(n)), "residual_df": .int(Int64(residualDF)),
                                    "f_df1": .int(Int64(p)), "f_df2": .int(Int64(residualDF))]
        fit["residual_se"] = finite(sigma2.squareRoot())
        let tss = solver.yy
        if tss.hi > 0 {
            let r2 = ((tss - rss) / tss).double
            fit["r_squared"] = .float(r2)
            fit["adj_r_squared"] = residualDF > 0 ? .float(1 - (1 - r2) * Double(n - (intercept ? 1 : 0)) / Double(residualDF)) : .null
            if p > 0, residualDF > 0, sigma2 > 0 {
                let f = ((tss - rss).double / Double(p)) / sigma2
                fit["f"] = finite(f)
                fit["f_pvalue"] = finite(Statistics.fPValue(f, d1: Double(p), d2: Double(residualDF)))
            }
        }
        let table = Table(schema: schema, columns: schema.fields.enumerated().map { index, field in
            Column(type: field.type, values: rows.map { $0[index] })
        })
        return (table, fit)
    }

    /// One row of numbers: text read exactly (PostgreSQL numeric), or doubles.
    private func read(_ sql: String, names: [String], exact: Bool) throws -> [DoubleDouble] {
        let types = names.map { exact ? DataType.text : ($0 == "n" ? DataType.int : .float) }
        let table = try fetch(sql, schema: Schema(zip(names, types).map { Field($0, $1) }))
        guard table.rowCount == 1 else { throw RuntimeError("linmod: the server returned \(table.rowCount) rows for one aggregate row") }
        return try table.columns.map { column in
            switch column[0] {
            case .text(let text):
                guard let value = DoubleDouble(decimal: text) else { throw RuntimeError("linmod: the server's sum \(text) is not a number") }
                return value
            case .int(let v): return DoubleDouble(Double(v))
            case .float(let v) where v.isFinite: return DoubleDouble(v)
            case .null: return .zero  // a sum over no rows
            default: throw RuntimeError("linmod: the server's sums are not finite (values too large for double sums)",
                                        help: "fit it locally: | collect | linmod …")
            }
        }
    }

    /// R's naming of aliased columns: each with the columns it is a linear combination of.
    private func aliasedMessage(_ aliased: [LinearModelSolver.Aliased], terms: [String], means: [DoubleDouble]) -> String {
        var parts: [String] = []
        for entry in aliased {
            var names = entry.combination.filter { abs($0.scaled) > 1e-7 }.map(\.column).sorted().map { terms[$0] }
            if entry.intercept {
                var offset = means[entry.column + 1].double
                var size = abs(offset)
                for term in entry.combination {
                    offset -= term.coefficient * means[term.column + 1].double
                    size += abs(term.coefficient * means[term.column + 1].double)
                }
                if names.isEmpty || abs(offset) > 1e-7 * max(size, 1e-300) { names.insert("(Intercept)", at: 0) }
            }
            if names == ["(Intercept)"] {
                parts.append("\(terms[entry.column]) never varies over the rows used")
            } else if names.isEmpty {
                parts.append("\(terms[entry.column]) is zero on every row used")
            } else {
                parts.append("\(terms[entry.column]) is a linear combination of \(names.joined(separator: ", "))")
            }
        }
        return "linmod: " + parts.joined(separator: "; ") + "; remove " + (parts.count == 1 ? "it" : "them")
    }

    private func asFloat(_ value: Value) -> Value {
        switch value {
        case .int(let v): return .float(Double(v))
        case .float(let v): return v.isNaN ? .null : value
        case .text(let t): return Double(t).map(Value.float) ?? .null
        default: return .null
        }
    }

    private func asInt(_ value: Value) -> Int64? {
        switch value {
        case .int(let v): return v
        case .float(let v): return Int64(exactly: v.rounded())
        case .text(let t): return Int64(t)
        default: return nil
        }
    }

    private func finite(_ value: Double) -> Value { value.isFinite ? .float(value) : .null }
}

/// Distribution functions for p-values (the regularized incomplete beta function).
enum Statistics {
    /// P(|T| > |t|) for Student's t with `degrees` degrees of freedom.
    static func twoSidedTPValue(_ t: Double, degrees: Double) -> Double {
        incompleteBeta(degrees / 2, 0.5, degrees / (degrees + t * t))
    }

    /// P(F > f) for the F distribution with d1, d2 degrees of freedom.
    static func fPValue(_ f: Double, d1: Double, d2: Double) -> Double {
        guard f > 0 else { return 1 }
        return incompleteBeta(d2 / 2, d1 / 2, d2 / (d2 + d1 * f))
    }

    /// The regularized incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes).
    static func incompleteBeta(_ a: Double, _ b: Double, _ x: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(a, b, x) / a
        }
        return 1 - exp(logFront) * continuedFraction(b, a, 1 - x) / b
    }

    private static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m2 = Double(2 * m)
            let md = Double(m)
            var aa = md * (b - md) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + md) * (qab + md) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
