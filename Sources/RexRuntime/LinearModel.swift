import Foundation
import RexODBC

/// The SQL passes of `linmod` on a server (issue 14), over the design query
/// (`rex_y`, `rex_d0`, … from `SQLGenerator.linmodDesignQuery`): exact in PostgreSQL's
/// `numeric` (each double cast through text, as `float8::numeric` keeps 15 digits; the
/// results read as text), double sums elsewhere. Column 0 is the response, k ≥ 1 the
/// (k−1)-th design column.
struct LinearModelSums {
    let terms: [String]
    let intercept: Bool
    let kind: ServerKind

    var exact: Bool { kind == .postgres }
    var columns: [String] { ["rex_y"] + terms.indices.map { "rex_d\($0)" } }

    func source(_ design: String) -> String {
        let inner = "(" + design + ") AS rex_lm0"
        guard exact else { return inner }
        let items = columns.map { "CAST(CAST(\($0) AS text) AS numeric) AS \($0)" }
        return "(SELECT " + items.joined(separator: ", ") + " FROM " + inner + ") AS rex_lm"
    }

    private func aggregate(_ expression: String, _ name: String) -> String {
        (exact ? "CAST(\(expression) AS text)" : expression) + " AS " + name
    }

    var meanNames: [String] { ["n"] + (intercept ? columns.map { "m_" + $0 } : []) }

    /// n and (with an intercept) the mean of every column.
    func meansQuery(_ source: String) -> String {
        let count = kind == .sqlServer ? "COUNT_BIG(*)" : "COUNT(*)"
        var items = [aggregate(count, "n")]
        if intercept { items += columns.map { aggregate("AVG(\($0))", "m_" + $0) } }
        return "SELECT " + items.joined(separator: ", ") + " FROM " + source
    }

    func literal(_ value: DoubleDouble) -> String {
        exact ? value.decimalText : String(format: "%.17e", value.double)
    }

    private func centred(_ k: Int, _ means: [DoubleDouble]) -> String {
        intercept ? "(\(columns[k]) - (\(literal(means[k]))))" : columns[k]
    }

    /// s_a_b = Σ centred(a)·centred(b) for 0 ≤ a ≤ b ≤ p.
    var sumNames: [String] {
        columns.indices.flatMap { a in (a..<columns.count).map { b in "s_\(a)_\(b)" } }
    }

    func sumsQuery(_ source: String, means: [DoubleDouble]) -> String {
        let items = columns.indices.flatMap { a in
            (a..<columns.count).map { b in aggregate("SUM(\(centred(a, means)) * \(centred(b, means)))", "s_\(a)_\(b)") }
        }
        return "SELECT " + items.joined(separator: ", ") + " FROM " + source
    }

    /// Σ (centred(target) − Σ c·centred(k))², row by row.
    func residualQuery(_ source: String, means: [DoubleDouble], target: Int, coefficients: [(Int, DoubleDouble)]) -> String {
        var r = centred(target, means)
        if !coefficients.isEmpty {
            r += " - (" + coefficients.map { "(\(literal($0.1))) * \(centred($0.0, means))" }.joined(separator: " + ") + ")"
        }
        return "SELECT " + aggregate("SUM(rex_r * rex_r)", "rss") + " FROM (SELECT " + r + " AS rex_r FROM " + source + ") AS rex_res"
    }
}

/// The normal equations of the centred design in double-double: scaled to a unit
/// diagonal, factorised by Cholesky with R's limited pivoting (a column whose remaining
/// pivot falls below the tolerance is aliased, as `dqrdc2` moves it aside), solved with
/// iterative refinement.
struct LinearModelSolver {
    struct Term { var column: Int; var coefficient: Double; var scaled: Double }
    struct Aliased { var column: Int; var combination: [Term]; var intercept: Bool }

    let p: Int
    let exact: Bool
    let n: Int
    let intercept: Bool
    private(set) var c: [[DoubleDouble]]
    private(set) var cy: [DoubleDouble]
    private(set) var yy: DoubleDouble
    private var scale: [DoubleDouble]
    private var a: [[DoubleDouble]]
    private var l: [[DoubleDouble]] = []
    private var kept: [Int] = []

    /// Rank tolerance on the relative norm (as local QR): pivots of the scaled normal
    /// equations below its square are aliased.
    static let rankTolerance = 1e-10
    /// On double sums a smaller relative pivot is suspect: a residual pass decides.
    static let suspectPivot = 1e-8

    init(p: Int, sums: [DoubleDouble], exact: Bool, n: Int, intercept: Bool) {
        self.p = p
        self.exact = exact
        self.n = n
        self.intercept = intercept
        var s = [[DoubleDouble]](repeating: [DoubleDouble](repeating: .zero, count: p + 1), count: p + 1)
        var index = 0
        for i in 0...p {
            for j in i...p { s[i][j] = sums[index]; s[j][i] = sums[index]; index += 1 }
        }
        yy = s[0][0]
        cy = (0..<p).map { s[0][$0 + 1] }
        let cc = (0..<p).map { i in (0..<p).map { s[i + 1][$0 + 1] } }
        let sc = (0..<p).map { cc[$0][$0].hi > 0 ? cc[$0][$0].squareRoot() : DoubleDouble.one }
        c = cc
        scale = sc
        a = (0..<p).map { i in (0..<p).map { j in cc[i][j] / (sc[i] * sc[j]) } }
    }

    /// Factorises; returns the aliased columns (empty when the design has full rank).
    /// `residual(j, kept, coefficients)` is Σ residual² of column j on the kept columns
    /// (unscaled coefficients), computed row by row on the server.
    /// - Throws: when double sums cannot give the digits of an ill-conditioned design.
    mutating func factor(residual: (Int, [Int], [DoubleDouble]) throws -> Double) throws -> (aliased: [Aliased], Void) {
        var aliased: [Aliased] = []
        for j in 0..<p {
            if c[j][j].hi <= 0 {
                aliased.append(Aliased(column: j, combination: [], intercept: intercept))
                continue
            }
            var row: [DoubleDouble] = []
            for (r, k) in kept.enumerated() {
                var v = a[k][j]
                for q in 0..<r { v -= l[r][q] * row[q] }
                row.append(v / l[r][r])
            }
            var d = a[j][j]
            for v in row { d -= v * v }
            let tolerance = exact ? Self.rankTolerance * Self.rankTolerance : Self.suspectPivot
            if d.double >= tolerance {
                kept.append(j)
                l.append(row + [d.squareRoot()])
                continue
            }
            // The combination of the kept columns: Lᵀ c = row.
            var combination = [DoubleDouble](repeating: .zero, count: kept.count)
            for r in stride(from: kept.count - 1, through: 0, by: -1) {
                var v = row[r]
                for q in (r + 1)..<max(r + 1, kept.count) { v -= l[q][r] * combination[q] }
                combination[r] = v / l[r][r]
            }
            let unscaled = kept.indices.map { combination[$0] * scale[j] / scale[kept[$0]] }
            if !exact {
                let rss = try residual(j, kept, unscaled)
                if rss >= Self.rankTolerance * Self.rankTolerance * c[j][j].double {
                    throw illConditioned(digits: nil)
                }
            }
            aliased.append(Aliased(column: j, combination: kept.indices.map {
                Term(column: kept[$0], coefficient: unscaled[$0].double, scaled: combination[$0].double)
            }, intercept: intercept))
        }
        if aliased.isEmpty && !exact {
            let digits = -log10(Double(n) * 1.1e-16 * conditionNumber())
            if digits < 6 { throw illConditioned(digits: digits) }
        }
        return (aliased, ())
    }

    private func illConditioned(digits: Double?) -> RuntimeError {
        let left = digits.map { " (about \(max(0, Int($0.rounded(.down)))) correct digits would be left)" } ?? ""
        return RuntimeError("linmod: the design is too ill-conditioned for this server's double-precision sums\(left)",
                            help: "fit it locally to full accuracy: | collect | linmod …")
    }

    private func choleskySolve(_ b: [DoubleDouble]) -> [DoubleDouble] {
        var z = b
        for i in 0..<p {
            for q in 0..<i { z[i] -= l[i][q] * z[q] }
            z[i] = z[i] / l[i][i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for q in (i + 1)..<max(i + 1, p) { z[i] -= l[q][i] * z[q] }
            z[i] = z[i] / l[i][i]
        }
        return z
    }

    /// The coefficients of the (full-rank) design columns.
    func solve() -> [DoubleDouble] {
        let rhs = (0..<p).map { cy[$0] / scale[$0] }
        var x = choleskySolve(rhs)
        for _ in 0..<2 {
            let r = (0..<p).map { i in (0..<p).reduce(rhs[i]) { $0 - a[i][$1] * x[$1] } }
            let dx = choleskySolve(r)
            x = (0..<p).map { x[$0] + dx[$0] }
        }
        return (0..<p).map { x[$0] / scale[$0] }
    }

    private func inverse() -> [[DoubleDouble]] {
        (0..<p).map { i in choleskySolve((0..<p).map { $0 == i ? .one : .zero }) }
    }

    private func conditionNumber() -> Double {
        let inv = inverse()
        let norm = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + abs(a[i][$1].double) } }.max() ?? 1
        let inverseNorm = (0..<p).map { i in (0..<p).reduce(0.0) { $0 + abs(inv[i][$1].double) } }.max() ?? 1
        return norm * inverseNorm
    }

    /// (X'X)⁻¹'s diagonal for the design columns and the intercept's 1/n + m'(X'X)⁻¹m.
    func inverseDiagonalAndForm(means: [DoubleDouble], n: Int) -> (diagonal: [Double], intercept: Double) {
        let inv = inverse()
        let diagonal = (0..<p).map { (inv[$0][$0] / (scale[$0] * scale[$0])).double }
        let z = (0..<p).map { means[$0] / scale[$0] }
        var form = DoubleDouble.one / DoubleDouble(Double(n))
        for i in 0..<p { for j in 0..<p { form += z[i] * inv[i][j] * z[j] } }
        return (diagonal, form.double)
    }
}
