import RexData
import RexLanguage

// The analytic verbs (SPEC §2): summary, linmod, plot. Their results are small tables
// (summary, linmod) that later verbs work on, or an image that ends the pipeline.
extension Resolver {
    /// The result table of `summary` (rx_summary).
    static let summarySchema = Schema([
        Field("Name", .text), Field("Level", .text), Field("Count", .int), Field("Mean", .float),
        Field("StdDev", .float), Field("Min", .float), Field("Max", .float),
        Field("ValidObs", .int), Field("MissingObs", .int),
    ])

    /// The result table of `linmod` (rx_lin_mod's coefficients).
    static let linmodSchema = Schema([
        Field("Term", .text), Field("Estimate", .float), Field("StdError", .float),
        Field("TValue", .float), Field("PValue", .float),
    ])

    /// The types `summary` describes: numbers, and the levels of text and bool columns.
    private static let summarizable: Set<DataType> = [.int, .float, .text, .bool]

    func summary(_ names: [Identifier], on input: WorkingRelation) -> WorkingRelation {
        var columns: [String] = []
        if names.isEmpty {
            columns = input.schema.fields.filter { Self.summarizable.contains($0.type) }.map(\.name)
        } else {
            checkColumns(names, verb: verb("summary"), in: input)
            for name in names {
                guard let field = input.field(named: name.name) else { continue }
                if !Self.summarizable.contains(field.type) && !input.unknownColumns.contains(field.name) {
                    diagnostics.error("summary cannot describe column '\(field.name)' of type \(field.type)", at: name.span,
                                      help: "summary takes numbers, text and bool; convert it first, e.g. derive \(field.name) = text(\(field.name))")
                }
                columns.append(field.name)
            }
        }
        return analytic(.summary(columns: columns), on: input, schema: Self.summarySchema)
    }

    func linmod(_ response: Identifier, _ predictors: [Identifier], intercept: Bool, on input: WorkingRelation) -> WorkingRelation {
        checkColumns([response] + predictors, verb: verb("linmod"), in: input)
        if let field = input.field(named: response.name), !field.type.isNumeric, !input.unknownColumns.contains(field.name) {
            diagnostics.error("linmod's response '\(field.name)' must be a number, but it is \(field.type)", at: response.span,
                              help: "model a numeric column, or convert it with float(…) in a derive first")
        }
        var seen: Set<String> = [response.name]
        for predictor in predictors {
            if !seen.insert(predictor.name).inserted {
                diagnostics.error("'\(predictor.name)' appears twice in the model", at: predictor.span,
                                  help: "name each column once (and not the response as a predictor)")
            }
            if let field = input.field(named: predictor.name), !input.unknownColumns.contains(field.name),
               ![DataType.int, .float, .text, .bool].contains(field.type) {
                diagnostics.error("linmod predictor '\(field.name)' is \(field.type)", at: predictor.span,
                                  help: "predictors are numbers, or text/bool levels; convert it in a derive first")
            }
        }
        return analytic(.linmod(response: response.name, predictors: predictors.map(\.name), intercept: intercept),
                        on: input, schema: Self.linmodSchema)
    }

    /// `plot KIND`: its positional columns (how many, which types) and its options.
    private struct PlotKind {
        var columns: ClosedRange<Int>
        var usage: String
        /// Options that name a column.
        var columnOptions: Set<String> = []
        var numberOptions: Set<String> = []
    }

    private static let plotKinds: [String: PlotKind] = [
        "scatter": PlotKind(columns: 2...2, usage: "plot scatter X Y [color=C]", columnOptions: ["color"]),
        "hist": PlotKind(columns: 1...1, usage: "plot hist X [bins=N]", numberOptions: ["bins"]),
        "bar": PlotKind(columns: 2...2, usage: "plot bar X Y"),
        "line": PlotKind(columns: 2...2, usage: "plot line X Y"),
        "box": PlotKind(columns: 1...1, usage: "plot box Y [by=G]", columnOptions: ["by"]),
        "matrix": PlotKind(columns: 0...Int.max, usage: "plot matrix [COLS]"),
    ]

    /// Whether the column at `position` of `plot KIND` must be numeric (the measured axis).
    private static func plotNeedsNumber(_ kind: String, position: Int) -> Bool {
        switch kind {
        case "hist", "box", "matrix": return true
        case "scatter": return true
        case "bar", "line": return position == 1
        default: return false
        }
    }

    func plot(_ kind: Identifier, _ arguments: [Identifier], _ options: [Option],
              on input: WorkingRelation) -> WorkingRelation {
        var result = analytic(.plot(kind: kind.name, arguments: arguments.map(\.name), options: [:]),
                              on: input, schema: Schema([]))
        result.endsPipeline = ("plot: its result is an image", "put the other verbs before plot")
        guard let plotKind = Self.plotKinds[kind.name] else {
            diagnostics.unknown("plot kind", kind, candidates: Self.plotKinds.keys.sorted())
            return result
        }
        if !plotKind.columns.contains(arguments.count) {
            diagnostics.error("plot \(kind.name) takes \(plotKind.columns.upperBound == Int.max ? "any number of" : "\(plotKind.columns.upperBound)") column\(plotKind.columns.upperBound == 1 ? "" : "s") but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given",
                              at: kind.span, help: "write \(plotKind.usage)")
        }
        checkColumns(arguments, verb: verb("plot"), in: input)
        for (index, argument) in arguments.enumerated() where Self.plotNeedsNumber(kind.name, position: index) {
            guard let field = input.field(named: argument.name), !input.unknownColumns.contains(field.name),
                  !field.type.isNumeric, !(field.type == .bool && kind.name != "matrix") else { continue }
            diagnostics.error("plot \(kind.name) needs a numeric column here, but '\(field.name)' is \(field.type)",
                              at: argument.span, help: kind.name == "hist" ? "for the levels of a text column use count_by(\(field.name)) | plot bar \(field.name) n" : "write \(plotKind.usage)")
        }
        var values: [String: Value] = [:]
        let common: Set<String> = ["title", "width", "height", "dpi"]
        let allowed = common.union(plotKind.columnOptions).union(plotKind.numberOptions)
        for option in options {
            let name = option.name.name
            guard allowed.contains(name) else {
                diagnostics.unknown("plot option", option.name, candidates: allowed.sorted())
                continue
            }
            if values[name] != nil {
                diagnostics.error("plot option '\(name)' is given twice", at: option.name.span)
            }
            if plotKind.columnOptions.contains(name) {
                guard case .column(let column) = option.value.kind else {
                    diagnostics.error("\(name)= needs a column name", at: option.value.span, help: "write \(name)=COLUMN")
                    continue
                }
                checkColumns([column], verb: verb("plot"), in: input)
                values[name] = .text(column.name)
                continue
            }
            guard case .literal(let value) = option.value.kind else {
                diagnostics.error("plot option '\(name)' needs a literal value", at: option.value.span,
                                  help: name == "title" ? "write title=\"…\"" : "write \(name)=NUMBER")
                continue
            }
            let valid: Bool
            switch name {
            case "title": valid = value.type == .text
            case "bins", "dpi": valid = (value.intValue ?? 0) > 0
            default: valid = (value.floatValue ?? 0) > 0
            }
            if !valid {
                diagnostics.error("plot option '\(name)' has an invalid value", at: option.value.span,
                                  help: name == "title" ? "write title=\"…\"" : "write a positive \(["bins", "dpi"].contains(name) ? "whole " : "")number")
                continue
            }
            values[name] = value
        }
        // `plot matrix` without columns means every numeric column, spelled out for the back ends.
        var columns = arguments.map(\.name)
        if kind.name == "matrix" && columns.isEmpty {
            columns = input.schema.fields.filter { $0.type.isNumeric }.map(\.name)
            if columns.isEmpty && !input.isOpaque {
                diagnostics.error("plot matrix needs numeric columns, and the input has none", at: kind.span,
                                  help: "derive numeric columns first, or name them: plot matrix A B")
            }
        }
        result.relation = Relation(.analytic(input.relation, .plot(kind: kind.name, arguments: columns, options: values)),
                                   schema: Schema([]))
        return result
    }

    /// An analytic step; later verbs work on its result table.
    private func analytic(_ step: AnalyticStep, on input: WorkingRelation, schema: Schema) -> WorkingRelation {
        WorkingRelation(Relation(.analytic(input.relation, step), schema: schema))
    }
}
