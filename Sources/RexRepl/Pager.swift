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
    static func show(_ text: String, command: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return false
        }
        input.fileHandleForReading.closeFile()
        writeIgnoringClosedPipe(Array(text.utf8), to: input.fileHandleForWriting.fileDescriptor)
        input.fileHandleForWriting.closeFile()
        process.waitUntilExit()
        return !(process.terminationReason == .exit && [126, 127].contains(process.terminationStatus))
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
