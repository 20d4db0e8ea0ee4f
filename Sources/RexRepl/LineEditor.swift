import CEditLineShim
import Foundation

/// Interactive line input with libedit: prompt, editing keys from `~/.editrc`
/// (program name `rex`) and in-memory history.
public final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    /// The TAB completer, kept alive here (libedit holds only a raw pointer to it).
    var completion: Completion?

    /// The prompt shown before the next line.
    public var prompt: String = "rex> " {
        didSet { rex_el_set_prompt(editLine, prompt) }
    }

    /// Creates an editor on the given streams (defaults: the process's stdin/stdout/stderr).
    /// Works without a terminal: libedit then reads plain lines.
    public init?(programName: String = "rex", input: UnsafeMutablePointer<FILE>? = stdin,
                 output: UnsafeMutablePointer<FILE>? = stdout, errors: UnsafeMutablePointer<FILE>? = stderr) {
        guard let editLine = rex_el_init(programName, input, output, errors) else { return nil }
        guard let history = rex_history_init(1000) else { rex_el_end(editLine); return nil }
        self.editLine = editLine
        self.history = history
        rex_el_set_history(editLine, history)
        rex_el_set_editor(editLine, "emacs")
        rex_el_set_prompt(editLine, prompt)
        _ = el_source(editLine, nil) // ~/.editrc, lines for program "rex"
    }

    deinit {
        rex_history_end(history)
        rex_el_end(editLine)
    }

    /// What one read gave.
    public enum Input: Equatable {
        case line(String)
        /// Ctrl-C while typing (the read was interrupted by SIGINT).
        case interrupted
        /// End of input (Ctrl-D).
        case end
    }

    /// Reads one line without its newline.
    public func read() -> Input {
        var count: Int32 = 0
        errno = 0
        guard let line = el_gets(editLine, &count), count > 0 else {
            return count < 0 && errno == EINTR ? .interrupted : .end
        }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Reads one line without its newline; nil on end of input or an interrupt.
    public func readLine() -> String? {
        if case .line(let text) = read() { return text }
        return nil
    }

    /// Stores an opaque pointer the completion callback can read back.
    func setClient(_ pointer: UnsafeMutableRawPointer) {
        rex_el_set_client(editLine, pointer)
    }

    /// Binds TAB to a C completion function.
    func bindCompletion(_ function: rex_completion_fn) {
        rex_el_bind_completion(editLine, function)
    }

    /// Adds a statement to the in-memory history.
    public func addHistory(_ entry: String) {
        _ = rex_history_enter(history, entry)
    }

    /// Loads history from a file; a missing file is not an error.
    public func loadHistory(from path: String) {
        _ = rex_history_load(history, path)
    }

    /// Saves history to a file, creating its directory (mode 0700) and the file (0600).
    public func saveHistory(to path: String) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if rex_history_save(history, path) == 0 {
            chmod(path, 0o600)
        }
    }
}
