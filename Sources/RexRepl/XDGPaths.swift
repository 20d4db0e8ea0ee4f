import Foundation

/// The base directories of rex's start-up file and history (SPEC §5), by the XDG Base
/// Directory rules: `XDG_CONFIG_HOME` and `XDG_STATE_HOME` count only when they are
/// absolute paths; an unset, empty or relative value is ignored and the default under
/// the home directory is used. So a relative value never makes rex run `./rex/rexrc`
/// from whatever directory it was started in.
enum XDGPaths {
    /// `$XDG_CONFIG_HOME`, else `~/.config`; nil when there is no absolute home.
    static func configHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        absolute(environment["XDG_CONFIG_HOME"]) ?? home(environment: environment).map { $0 + "/.config" }
    }

    /// `$XDG_STATE_HOME`, else `~/.local/state`; nil when there is no absolute home.
    static func stateHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        absolute(environment["XDG_STATE_HOME"]) ?? home(environment: environment).map { $0 + "/.local/state" }
    }

    /// `$HOME` if it is absolute, else the home directory of the user's password entry.
    static func home(environment: [String: String]) -> String? {
        if let home = absolute(environment["HOME"]) { return home }
        guard let entry = getpwuid(getuid()), let directory = entry.pointee.pw_dir else { return nil }
        return absolute(String(cString: directory))
    }

    /// `path` without a trailing slash when it is an absolute path, else nil.
    private static func absolute(_ path: String?) -> String? {
        guard let path, path.hasPrefix("/") else { return nil }
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
