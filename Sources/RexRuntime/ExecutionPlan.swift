import Foundation
import RexData

/// One part of a statement's plan as `:explain` shows it (SPEC §4): where the part runs,
/// the code it runs, the columns that cross between client and server there, and the
/// parts it reads. The executors build it from the same decisions they run by
/// (`LocalExecutor.plan`, `ServerExecutor.route`), so it shows what runs.
public struct PlanStep: Sendable, Equatable {
    /// Where a part runs.
    public enum Place: String, Sendable {
        case serverSQL = "server SQL"
        case serverAggregates = "server SQL aggregates"
        case serverPython = "server Python"
        case localPandas = "local pandas"
        case fetch
        case upload
        case localData = "local data"
    }

    /// Which way rows cross at this part.
    public enum Direction: String, Sendable {
        case toClient = "to the client"
        case toServer = "to the server"
    }

    public var place: Place
    /// What the part does, e.g. `on pg (PostgreSQL): the whole pipeline`.
    public var detail: String
    /// The SQL or Python the part runs, as it runs (script variables as `?`).
    public var code: String?
    /// The columns that cross between client and server here, and which way.
    public var crossing: (columns: Schema, direction: Direction)?
    public var inputs: [PlanStep]

    public init(_ place: Place, _ detail: String, code: String? = nil,
                crossing: (columns: Schema, direction: Direction)? = nil, inputs: [PlanStep] = []) {
        self.place = place
        self.detail = detail
        self.code = code
        self.crossing = crossing
        self.inputs = inputs
    }

    public static func == (a: PlanStep, b: PlanStep) -> Bool {
        a.place == b.place && a.detail == b.detail && a.code == b.code && a.inputs == b.inputs
            && a.crossing?.columns == b.crossing?.columns && a.crossing?.direction == b.crossing?.direction
    }

    /// The plan as a tree of text: each part's place and detail, the columns that cross,
    /// then its code indented under it; the parts it reads below, joined by `├─`/`└─`.
    public func rendered() -> String {
        var lines: [String] = []
        render(into: &lines, first: "", rest: "")
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(into lines: inout [String], first: String, rest: String) {
        lines.append(first + place.rawValue + (detail.isEmpty ? "" : ": " + detail))
        let body = rest + (inputs.isEmpty ? "   " : "│  ")
        if let crossing {
            let columns = crossing.columns.fields.map { "\($0.name) \($0.type.rawValue)" }.joined(separator: ", ")
            let count = crossing.columns.fields.count
            lines.append(body + "\(count) column\(count == 1 ? "" : "s") \(crossing.direction.rawValue): \(columns)")
        }
        if let code {
            for line in code.split(separator: "\n", omittingEmptySubsequences: false).dropLast(code.hasSuffix("\n") ? 1 : 0) {
                lines.append(line.isEmpty ? body.replacingOccurrences(of: " ", with: "") : body + "  " + line)
            }
        }
        for (index, input) in inputs.enumerated() {
            let last = index == inputs.count - 1
            input.render(into: &lines, first: rest + (last ? "└─ " : "├─ "), rest: rest + (last ? "   " : "│  "))
        }
    }
}
