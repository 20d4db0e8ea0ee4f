import Foundation

/// Results taller than the screen go through `$PAGER` on a terminal (SPEC §5); the REPL
/// decides when (stdout a terminal, `:set pager on`, table format), this runs the pager.
enum Pager {
    /// The pager when `$PAGER` is unset or empty: cut long lines (`-S`), pass colours
    /// (`-R`), leave the screen as it is (`-X`) and quit at once when it all fits (`-F`).
    static let defaultCommand = "less -SRXF"

    /// The pager command line: `$PAGER`, else `less -SRXF` when `less` is on `PATH`, else nil.
    static func command(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let pager = environment["PAGER"], !pager.trimmingCharacters(in: .whitespaces).isEmpty { return pager }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        let found = path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/less") }
        return found ? defaultCommand : nil
    }

    /// True when `text` needs more lines than a screen of `rows` lines leaves under the prompt.
    static func isTaller(_ text: String, than rows: Int) -> Bool {
        var lines = 0
        for byte in text.utf8 where byte == UInt8(ascii: "\n") {
            lines += 1
            if lines >= rows { return true }
        }
        return false
    }

    /// Pipes `text` into `command` (run by `/bin/sh -c`, on the same terminal) and waits
    /// until the user leaves it. False when the pager could not be started or its command
    /// was not found (status 126/127): the caller then writes the text itself. A pager
    /// quit before reading everything (`q` in less) is no error.
    ///
    /// The pager is started with `posix_spawn` in rex's own process group, the terminal's
    /// foreground group: `Process` would put it in a group of its own, where less reading
    /// keys from the terminal is stopped (SIGTTIN).
    static func show(_ text: String, command: String) -> Bool {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return false }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let started = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
        close(readEnd)
        guard started == 0 else {
            close(writeEnd)
            return false
        }
        writeIgnoringClosedPipe(Array(text.utf8), to: writeEnd)
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED / WEXITSTATUS
        let exited = status & 0x7F == 0
        let code = (status >> 8) & 0xFF
        return !(exited && (code == 126 || code == 127))
    }

    /// Writes all of `bytes` unless the reader goes away: SIGPIPE is blocked on this thread
    /// meanwhile, so a closed pipe ends the write (EPIPE) instead of rex.
    private static func writeIgnoringClosedPipe(_ bytes: [UInt8], to descriptor: Int32) {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        var offset = 0
        var failedWithEPIPE = false
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = Glibc.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failedWithEPIPE = errno == EPIPE
                    return
                }
                offset += written
            }
        }
        if failedWithEPIPE {
            // Take the pending SIGPIPE off before unblocking it.
            var noWait = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &noWait)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }
}

/// Lines of the terminal on stdout (`LINES`, else 24, when unknown).
func terminalHeight() -> Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
    if let lines = ProcessInfo.processInfo.environment["LINES"].flatMap(Int.init), lines > 0 { return lines }
    return 24
}
