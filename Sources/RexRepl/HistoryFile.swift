import Foundation
import RexODBC

/// Where the REPL keeps its history (SPEC §5): `$REX_HISTORY` if set (empty
/// disables history), else `$XDG_STATE_HOME/rex/history`, else
/// `~/.local/state/rex/history` (a relative `XDG_STATE_HOME` is ignored: `XDGPaths`).
enum HistoryFile {
    /// The history path for this environment, or nil when history is disabled.
    static func path(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["REX_HISTORY"] {
            return explicit.isEmpty ? nil : explicit
        }
        return XDGPaths.stateHome(environment: environment).map { $0 + "/rex/history" }
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

    /// True when the text holds a secret (`SecretMasking`): a password or other secret key
    /// of a connection string with a real value (not `?`), quoted or braced, or SQL's
    /// `PASSWORD '…'`.
    static func containsPassword(_ text: String) -> Bool {
        SecretMasking.containsSecret(text)
    }
}
