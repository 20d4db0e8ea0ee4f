import Foundation

/// How a terminal can show images inline (SPEC §5): kitty's graphics protocol,
/// iTerm2's inline images (also WezTerm), or not at all.
public enum TerminalImageProtocol: String, Sendable {
    case kitty, iterm, off

    /// Chooses from `REX_IMAGES` (kitty|iterm|off) or the terminal's own variables.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment,
                              isTerminal: Bool) -> TerminalImageProtocol {
        if let forced = environment["REX_IMAGES"].flatMap(TerminalImageProtocol.init(rawValue:)) { return forced }
        guard isTerminal else { return .off }
        if environment["KITTY_WINDOW_ID"] != nil || environment["TERM"] == "xterm-kitty" { return .kitty }
        let program = environment["TERM_PROGRAM"] ?? ""
        if program == "iTerm.app" || program == "WezTerm" || environment["LC_TERMINAL"] == "iTerm2" { return .iterm }
        return .off
    }

    /// The escape sequence that shows `png` inline, or nil for `.off`.
    public func escapeSequence(for png: Data) -> String? {
        let base64 = png.base64EncodedString()
        switch self {
        case .off:
            return nil
        case .iterm:
            return "\u{1B}]1337;File=inline=1;size=\(png.count);preserveAspectRatio=1:\(base64)\u{07}\n"
        case .kitty:
            // Transmit-and-display in chunks of at most 4096 base64 bytes (m=1: more follow).
            var out = ""
            var chunks: [Substring] = []
            var rest = base64[...]
            while !rest.isEmpty {
                chunks.append(rest.prefix(4096))
                rest = rest.dropFirst(4096)
            }
            for (index, chunk) in chunks.enumerated() {
                let more = index < chunks.count - 1 ? 1 : 0
                let control = index == 0 ? "a=T,f=100,m=\(more)" : "m=\(more)"
                out += "\u{1B}_G\(control);\(chunk)\u{1B}\\"
            }
            return out + "\n"
        }
    }
}
