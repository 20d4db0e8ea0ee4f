import Foundation
import RexRuntime

/// The wire of `rex --serve` (docs/SERVE.md): request lines in on stdin, one JSON message
/// per line out on the protocol descriptor (rex's original stdout). Nothing else may write
/// there, so `ServeChannel.claimStandardOutput()` moves fd 1 to stderr first.
final class ServeChannel: @unchecked Sendable {
    private let output: Int32
    private let input: Int32
    private let lock = NSLock()
    /// Bytes read from stdin that do not end a line yet.
    private var pending: [UInt8] = []
    /// Whole lines read while waiting for something else (an `input` reply).
    private var queued: [String] = []
    private var endOfInput = false

    /// - Parameters:
    ///   - output: the descriptor messages go to.
    ///   - input: the descriptor requests come from.
    init(output: Int32, input: Int32 = STDIN_FILENO) {
        self.output = output
        self.input = input
    }

    /// Keeps rex's stdout for the protocol and points fd 1 at stderr, so stray writes
    /// (a sink to `/dev/stdout`, a C library) can never break a message. Returns the
    /// protocol's descriptor.
    static func claimStandardOutput() -> Int32 {
        let saved = dup(STDOUT_FILENO)
        guard saved >= 0 else { return STDOUT_FILENO }
        _ = fcntl(saved, F_SETFD, FD_CLOEXEC)
        dup2(STDERR_FILENO, STDOUT_FILENO)
        return saved
    }

    /// Writes one message: `{"id": …, "type": …, …fields}` and a line feed.
    func send(id: ServeJSON, type: String, _ fields: [(String, ServeJSON)] = []) {
        let message = ServeJSON.object([("id", id), ("type", .string(type))] + fields)
        let bytes = Array((message.text + "\n").utf8)
        lock.withLock {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return // the client is gone; the next read sees the end of input
                }
                offset += written
            }
        }
    }

    /// The next request line (put-back lines first), or nil at the end of input.
    func readLine() -> String? {
        if !queued.isEmpty { return queued.removeFirst() }
        return readFromInput(cancellable: false)
    }

    /// The next line from stdin itself, or nil at its end. With `cancellable`, also nil as
    /// soon as Ctrl-C (SIGINT) arrives.
    func readFromInput(cancellable: Bool) -> String? {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                return line
            }
            if endOfInput {
                guard !pending.isEmpty else { return nil }
                defer { pending = [] }
                return String(decoding: pending, as: UTF8.self)
            }
            if cancellable && InterruptController.shared.isStopRequested { return nil }
            // Wake every 100 ms so that Ctrl-C is noticed while waiting.
            var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 100)
            if ready == 0 || (ready < 0 && errno == EINTR) { continue }
            var buffer = [UInt8](repeating: 0, count: 65_536)
            let count = read(input, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 {
                endOfInput = true
                continue
            }
            pending += buffer[..<count]
        }
    }

    /// Puts a line back: it is read again, in order, by the next `readLine`.
    func requeue(_ line: String) {
        queued.append(line)
    }
}
