import Foundation
import RexRuntime

/// Exit statuses of SPEC §5.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case statementFailed = 1
    case badUsage = 2
    case connectionFailed = 3
    case interrupted = 130
}

/// Reads statements (from a terminal with libedit, or from text) and runs them in one session.
public final class Repl {
    /// Where output goes; errors always go to stderr.
    public let session: Session
    private var standardOutput = FileHandle.standardOutput
    private var quitRequested = false

    public init(session: Session = Session()) {
        self.session = session
    }

    /// The prompt for the current context (`rex> ` or `rex[server DB]> `).
    public var prompt: String {
        switch session.context {
        case .local: return "rex> "
        case .server: return "rex[server]> "
        }
    }

    /// Runs an interactive loop on the terminal until `:quit` or Ctrl-D.
    public func runInteractive() -> ExitStatus {
        guard let editor = LineEditor() else {
            writeError("error: cannot initialise line editing (libedit)")
            return runStream(FileHandle.standardInput)
        }
        while !quitRequested {
            editor.prompt = prompt
            guard let line = editor.readLine() else {
                print("")
                break
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            editor.addHistory(line)
            _ = execute(line)
        }
        return .success
    }

    /// Runs every statement of a text (a script, `-e`, or stdin); stops at the first error
    /// unless `keepGoing`.
    public func runText(_ text: String, keepGoing: Bool = false) -> ExitStatus {
        var status = ExitStatus.success
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if quitRequested { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let result = execute(String(line))
            if result != .success {
                status = result
                if !keepGoing { break }
            }
        }
        return status
    }

    /// Reads all of a stream and runs it as a script.
    public func runStream(_ handle: FileHandle, keepGoing: Bool = false) -> ExitStatus {
        let data = handle.readDataToEndOfFile()
        return runText(String(decoding: data, as: UTF8.self), keepGoing: keepGoing)
    }

    /// Runs one statement or command.
    func execute(_ line: String) -> ExitStatus {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(":") {
            return runCommand(trimmed)
        }
        writeError("error: statements are not supported yet in this build\n  = help: see :help")
        return .statementFailed
    }

    private func runCommand(_ text: String) -> ExitStatus {
        let body = text.dropFirst()
        let name = body.prefix { !$0.isWhitespace }
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "help":
            guard let help = Help.topic(argument) else {
                writeError("error: no help on '\(argument)'\n  = help: topics are verbs, functions, commands, contexts")
                return .statementFailed
            }
            writeOutput(help + "\n")
            return .success
        case "quit", "q", "exit":
            quitRequested = true
            return .success
        default:
            writeError("error: unknown command ':\(name)'\n  = help: :help lists the commands")
            return .statementFailed
        }
    }

    func writeOutput(_ text: String) {
        standardOutput.write(Data(text.utf8))
    }

    func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
