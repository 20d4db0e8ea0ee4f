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

    /// OLS from the server's sums of products: the coefficient table and the fit.
    func linmod(_ input: Relation, response: String, predictors: [String], schema: Schema) throws -> (Table, [String: Value]) {
        var levels: [String: [String]] = [:]
        for name in predictors where input.schema.field(named: name)?.type == .text {
            guard let field = input.schema.field(named: name) else { continue }
            let table = try fetch(try generator(for: input).linmodLevelQuery(input, response: response, predictors: predictors, column: name),
                                  schema: Schema([field]))
            levels[name] = (0..<table.rowCount).compactMap { table.columns[0][$0].textValue }
        }
        let query = try generator(for: input).linmodSumsQuery(input, response: response, predictors: predictors, levels: levels)
        let sums = try fetch(query.sql, schema: Schema(query.columns.map { Field($0, $0 == "n" ? .int : .float) }))
        func value(_ name: String) -> Double { sums.column(named: name).flatMap { asFloat($0[0]).floatValue } ?? 0 }
        let p = query.terms.count
        let n = Int(value("n"))
        guard n > 0 else { throw RuntimeError("linmod: no rows where \(response) and every predictor are non-null") }
        var xtx = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var xty = [Double](repeating: 0, count: p)
        for i in 0..<p {
            for j in i..<p {
                xtx[i][j] = value("xx_\(i)_\(j)")
                xtx[j][i] = xtx[i][j]
            }
            xty[i] = value("xy_\(i)")
        }
        guard let inverse = invert(xtx) else {
            throw RuntimeError("linmod: the predictors are collinear (or a level never varies)", help: "remove one of them")
        }
        let beta = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + inverse[i][$1] * xty[$1] } }
        let yy = value("yy")
        let rss = max(0, yy - zip(beta, xty).reduce(0.0) { $0 + $1.0 * $1.1 })
        let residualDF = n - p
        let sigma2 = residualDF > 0 ? rss / Double(residualDF) : Double.nan
        let ybar = xty[0] / Double(n)
        let tss = yy - Double(n) * ybar * ybar
        var rows: [[Value]] = []
        for i in 0..<p {
            let se = (inverse[i][i] * sigma2).squareRoot()
            let t = beta[i] / se
            let pValue = residualDF > 0 && t.isFinite ? Statistics.twoSidedTPValue(t, degrees: Double(residualDF)) : Double.nan
            rows.append([.text(query.terms[i]), .float(beta[i]), finite(se), finite(t), finite(pValue)])
        }
        var fit: [String: Value] = ["n": .int(Int64(n)), "residual_df": .int(Int64(residualDF)),
                                    "f_df1": .int(Int64(p - 1)), "f_df2": .int(Int64(residualDF))]
        fit["residual_se"] = finite(sigma2.squareRoot())
        if tss > 0 {
            let r2 = 1 - rss / tss
            fit["r_squared"] = .float(r2)
            fit["adj_r_squared"] = residualDF > 0 ? .float(1 - (1 - r2) * Double(n - 1) / Double(residualDF)) : .null
            if p > 1, residualDF > 0, sigma2 > 0 {
                let f = ((tss - rss) / Double(p - 1)) / sigma2
                fit["f"] = .float(f)
                fit["f_pvalue"] = finite(Statistics.fPValue(f, d1: Double(p - 1), d2: Double(residualDF)))
            }
        }
        let table = Table(schema: schema, columns: schema.fields.enumerated().map { index, field in
            Column(type: field.type, values: rows.map { $0[index] })
        })
        return (table, fit)
    }

    /// Gauss–Jordan inversion with partial pivoting; nil when singular.
    private func invert(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var a = matrix
        var inverse = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let scale = matrix.flatMap { $0 }.map(abs).max() ?? 1
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(a[$0][column]) < abs(a[$1][column]) }),
                  abs(a[pivot][column]) > 1e-12 * max(scale, 1) else { return nil }
            a.swapAt(column, pivot)
            inverse.swapAt(column, pivot)
            let divisor = a[column][column]
            for k in 0..<n { a[column][k] /= divisor; inverse[column][k] /= divisor }
            for row in 0..<n where row != column {
                let factor = a[row][column]
                if factor == 0 { continue }
                for k in 0..<n {
                    a[row][k] -= factor * a[column][k]
                    inverse[row][k] -= factor * inverse[column][k]
                }
            }
        }
        return inverse
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
