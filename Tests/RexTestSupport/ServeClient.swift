import Foundation

/// A running `rex --serve` process (docs/SERVE.md) driven the way a notebook kernel drives
/// it: request lines in, message lines out.
public final class ServeClient: @unchecked Sendable {
    public let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let condition = NSCondition()
    private var lines: [String] = []
    private var ended = false

    /// Starts `rex --serve --no-rc` (plus `arguments`) with `environment` added.
    public init(_ arguments: [String] = [], environment: [String: String?] = [:]) throws {
        process.executableURL = TestEnvironment.rexExecutable
        process.arguments = ["--serve", "--no-rc"] + arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let handle = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                condition.lock()
                if chunk.isEmpty {
                    if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
                    ended = true
                    condition.broadcast()
                    condition.unlock()
                    return
                }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    lines.append(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending.removeSubrange(pending.startIndex...newline)
                }
                condition.broadcast()
                condition.unlock()
            }
        }
        let errorHandle = errors.fileHandleForReading
        Thread.detachNewThread { _ = errorHandle.readDataToEndOfFile() } // never let stderr fill up
    }

    /// Writes one request line.
    public func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// Sends `{"id": id, "code": code}` (plus `extra` fields, already JSON) and returns the
    /// message lines up to and including its `done`.
    public func run(_ code: String, id: Int, extra: String = "", timeout: Double = 60) throws -> [String] {
        try run(code, idJSON: String(id), extra: extra, timeout: timeout)
    }

    /// The same with a string id.
    public func run(_ code: String, id: String, extra: String = "", timeout: Double = 60) throws -> [String] {
        try run(code, idJSON: Self.json(id), extra: extra, timeout: timeout)
    }

    private func run(_ code: String, idJSON: String, extra: String, timeout: Double) throws -> [String] {
        send(#"{"id":\#(idJSON),"code":\#(Self.json(code))\#(extra)}"#)
        return try messages(untilID: idJSON, timeout: timeout)
    }

    /// The next message line, waiting up to `timeout` seconds; nil when rex ended or the time ran out.
    public func next(timeout: Double = 60) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while lines.isEmpty && !ended {
            if !condition.wait(until: deadline) { return nil }
        }
        return lines.isEmpty ? nil : lines.removeFirst()
    }

    /// Message lines up to and including the `done` of request `id`.
    public func messages(until id: Int, timeout: Double = 60) throws -> [String] {
        try messages(untilID: String(id), timeout: timeout)
    }

    private func messages(untilID idJSON: String, timeout: Double) throws -> [String] {
        var collected: [String] = []
        let deadline = Date().addingTimeInterval(timeout)
        while let line = next(timeout: max(0, deadline.timeIntervalSinceNow)) {
            collected.append(line)
            if line.hasPrefix(#"{"id":\#(idJSON),"type":"done""#) { return collected }
        }
        throw ServeClientError(message: "no done for request \(idJSON) within \(timeout) s; got \(collected)")
    }

    /// Sends SIGINT, as Jupyter's interrupt does.
    public func interrupt() { kill(process.processIdentifier, SIGINT) }

    /// Closes stdin and waits for rex to exit; returns its status.
    @discardableResult
    public func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A JSON string literal of `text`.
    public static func json(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// A message line parsed as a JSON object.
    public static func object(_ line: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }
}

/// The serve process did not answer as expected.
public struct ServeClientError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
