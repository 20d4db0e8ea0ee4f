import Foundation

/// Interactive reads from the terminal (the `Password for …` prompt), and whatever else
/// draws on the terminal meanwhile (the progress line): while a prompt waits for the
/// user, every registered drawer is paused, so nothing overwrites the prompt (SPEC §5).
public enum TerminalPrompt {
    /// Something that draws on the terminal and can stop while a prompt waits.
    public protocol Drawer: AnyObject, Sendable {
        /// Erases what it drew and draws nothing until `resume`.
        func pauseForPrompt()
        /// May draw again.
        func resumeAfterPrompt()
    }

    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var drawers: [WeakDrawer] = []
    }

    private struct WeakDrawer {
        weak var drawer: (any Drawer)?
    }

    private static let registry = Registry()

    /// Adds `drawer` (held weakly) to the drawers paused around every prompt.
    public static func register(_ drawer: any Drawer) {
        registry.lock.withLock {
            registry.drawers.removeAll { $0.drawer == nil }
            registry.drawers.append(WeakDrawer(drawer: drawer))
        }
    }

    /// Runs `body`, which prompts and reads from the terminal, with every drawer paused.
    public static func whileWaiting<T>(_ body: () throws -> T) rethrows -> T {
        let drawers = registry.lock.withLock { registry.drawers.compactMap(\.drawer) }
        for drawer in drawers { drawer.pauseForPrompt() }
        defer { for drawer in drawers { drawer.resumeAfterPrompt() } }
        return try body()
    }
}

/// Prompts on the terminal at `path` and reads one line with echo off; nil when there is
/// no terminal. Drawers (the progress line) are paused while it waits.
func readPasswordFromTerminal(path: String, prompt: String) -> String? {
    let fd = open(path, O_RDWR | O_NOCTTY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    guard isatty(fd) == 1 else { return nil }
    var original = termios()
    guard tcgetattr(fd, &original) == 0 else { return nil }
    var silent = original
    silent.c_lflag &= ~tcflag_t(ECHO)
    silent.c_lflag |= tcflag_t(ECHONL)
    return TerminalPrompt.whileWaiting { () -> String? in
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        guard tcsetattr(fd, TCSAFLUSH, &silent) == 0 else { return nil }
        defer { tcsetattr(fd, TCSAFLUSH, &original) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
