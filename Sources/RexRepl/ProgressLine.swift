import Foundation
import RexODBC

/// The line a long statement shows on a terminal's stderr after 1 s (SPEC §5):
/// elapsed time and rows so far, redrawn in place and erased before any output.
/// It never draws while a prompt waits (the `Password for …` prompt of a `:connect`):
/// `TerminalPrompt` pauses it.
final class ProgressLine: @unchecked Sendable, TerminalPrompt.Drawer {
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?
    private var started = Date()
    private var rows = 0
    private var visible = false
    private var paused = false

    init() {
        TerminalPrompt.register(self)
    }

    /// Starts counting; the line appears only if the statement is still running after 1 s.
    func start() {
        lock.withLock {
            started = Date()
            rows = 0
            let timer = DispatchSource.makeTimerSource(queue: .global())
            timer.schedule(deadline: .now() + 1, repeating: 0.25)
            timer.setEventHandler { [weak self] in self?.draw() }
            timer.resume()
            self.timer = timer
        }
    }

    /// Adds rows that arrived.
    func add(rows count: Int) {
        lock.withLock { rows += count }
    }

    /// Stops and erases the line.
    func stop() {
        lock.withLock {
            timer?.cancel()
            timer = nil
            eraseLocked()
        }
    }

    /// Erases the line (before writing output); it is drawn again on the next tick.
    func erase() {
        lock.withLock { eraseLocked() }
    }

    /// Erases the line and draws nothing until `resumeAfterPrompt` (a prompt is waiting).
    func pauseForPrompt() {
        lock.withLock {
            paused = true
            eraseLocked()
        }
    }

    /// Draws again on the next tick.
    func resumeAfterPrompt() {
        lock.withLock { paused = false }
    }

    private func eraseLocked() {
        if visible {
            FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
            visible = false
        }
    }

    private func draw() {
        lock.withLock {
            guard timer != nil, !paused else { return }
            let seconds = Date().timeIntervalSince(started)
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            let rowText = rows > 0 ? " · \(formatter.string(from: NSNumber(value: rows)) ?? String(rows)) rows" : ""
            FileHandle.standardError.write(Data(String(format: "\r\u{1B}[K… %.1f s", seconds).utf8 + Array(rowText.utf8)))
            visible = true
        }
    }
}
