import Foundation

/// Where the REPL keeps its history (SPEC §5): `$REX_HISTORY` if set (empty
/// disables history), else `$XDG_STATE_HOME/rex/history`, else
/// `~/.local/state/rex/history`.
enum HistoryFile {
    /// The history path for this environment, or nil when history is disabled.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["REX_HISTORY"] {
            return explicit.isEmpty ? nil : explicit
        }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.local/state" } ?? NSHomeDirectory() + "/.local/state")
        return state + "/rex/history"
    }

    /// True when a statement may be stored: lines that carry a password never are, nor
    /// `:setvar` lines (a variable may hold a secret).
    static func mayStore(_ statement: String) -> Bool {
        !containsPassword(statement) && !setsVariable(statement)
    }

    /// True when the text may hold a `:setvar` command (anywhere: after a `;` too). Erring
    /// on the safe side, any `:setvar` in the text counts.
    static func setsVariable(_ text: String) -> Bool {
        text.contains(":setvar")
    }

    /// True when the text has a `pwd=`/`password=` key with a real value (not `?`).
    static func containsPassword(_ text: String) -> Bool {
        let lowered = text.lowercased()
        for key in ["pwd", "password", "passwd"] {
            var searchStart = lowered.startIndex
            while let range = lowered.range(of: key, range: searchStart..<lowered.endIndex) {
                searchStart = range.upperBound
                var index = range.upperBound
                while index < lowered.endIndex, lowered[index] == " " { index = lowered.index(after: index) }
                guard index < lowered.endIndex, lowered[index] == "=" else { continue }
                index = lowered.index(after: index)
                while index < lowered.endIndex, lowered[index] == " " { index = lowered.index(after: index) }
                let rest = lowered[index...]
                if rest.hasPrefix("?;") || rest == "?" || rest.hasPrefix("?}") || rest.hasPrefix("{?}") { continue }
                return true
            }
        }
        return false
    }
}
