import Foundation
import Synchronization

/// A file a user asked rex to write: `-> csv`, `-> png` and `:save` all write through it.
///
/// - A new path or an existing regular file is written into a temporary file beside the
///   target (`.NAME.rex-PID-…`), which is renamed over it once complete, so readers see
///   the old file or the new one, never a part. A replaced file keeps its mode and, where
///   allowed, its owner and group; a new one gets the umask's mode. A symbolic link is
///   followed: its final target is replaced and the link kept.
/// - Anything else that exists — a device (`/dev/null`), a named pipe, a socket, one of
///   rex's own descriptors (`/dev/stdout`) — is written in place: replacing it with a
///   regular file would break every program that uses it.
/// - On an error or Ctrl-C the temporary file is removed and the target is unchanged; on
///   SIGTERM or SIGHUP the temporary file is removed before rex ends
///   (`TemporaryFileCleanup`).
public final class OutputFile {
    /// The path as the user wrote it, for messages.
    private let path: String
    private let descriptor: Int32
    /// Where the temporary file is renamed to; nil when the destination is written in place.
    private let replacement: Replacement?
    private let stop: StopFlag
    private var isClosed = false

    private struct Replacement {
        let temporaryPath: String
        let target: String
        let displayFolder: String
        /// The slot of `TemporaryFileCleanup` that removes the temporary file on SIGTERM.
        var cleanupSlot: Int?
    }

    /// Makes SIGTERM and SIGHUP remove the temporary file of a write in progress before rex
    /// ends (the first write does it too; rex calls it at start-up, on the main thread, so
    /// the signals behave the same before and after a write).
    public static func installSignalHandlers() {
        TemporaryFileCleanup.installHandlers()
    }

    /// Writes `data` to `path` by the rules above.
    public static func write(_ data: Data, to path: String) throws {
        try write(to: path) { try $0.write(data) }
    }

    /// Opens `path`, lets `body` write to it and then puts the result in place. Ctrl-C
    /// while `body` runs makes the next `write` throw `Interrupted`.
    public static func write(to path: String, _ body: (OutputFile) throws -> Void) throws {
        let stop = StopFlag()
        try InterruptController.shared.run(cancel: { stop.set() }) {
            let file = try OutputFile(path: path, stop: stop)
            do {
                try body(file)
                try file.commit()
            } catch {
                file.discard()
                throw error
            }
        }
    }

    /// Writes the UTF-8 bytes of `text`.
    public func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Writes `data`.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    // MARK: - Opening

    private init(path: String, stop: StopFlag) throws {
        self.path = path
        self.stop = stop
        switch try OutputDestination.of(path) {
        case .newFile(let target):
            (descriptor, replacement) = try Self.createTemporary(for: target, userPath: path, keeping: nil)
        case .regularFile(let target, let mode, let owner, let group):
            (descriptor, replacement) = try Self.createTemporary(for: target, userPath: path, keeping: (mode, owner, group))
        case .special(let target, let isFIFO):
            (descriptor, replacement) = (try Self.openInPlace(target, isFIFO: isFIFO, userPath: path, stop: stop), nil)
        case .socket(let target):
            (descriptor, replacement) = (try Self.connect(toSocket: target, userPath: path), nil)
        case .descriptor(let number):
            // What rex printed through stdio reaches the descriptor before this file's bytes.
            fflush(nil)
            // A descriptor open only for reading (stdout closed, its number reused) is EBADF too.
            let flags = fcntl(number, F_GETFL)
            guard flags >= 0, flags & O_ACCMODE != O_RDONLY else { throw FileWriteError.error(EBADF, path: path, step: .onFile) }
            let duplicate = fcntl(number, F_DUPFD_CLOEXEC, 0)
            guard duplicate >= 0 else { throw FileWriteError.error(errno, path: path, step: .onFile) }
            (descriptor, replacement) = (duplicate, nil)
        }
    }

    /// Creates `.NAME.rex-PID-RANDOM` beside `target`, with the mode, owner and group of the
    /// file it replaces (`keeping`).
    private static func createTemporary(for target: String, userPath: String,
                                        keeping existing: (mode: mode_t, owner: uid_t, group: gid_t)?) throws -> (Int32, Replacement) {
        let folder = OutputDestination.directory(of: target)
        let displayFolder = target == userPath ? OutputDestination.directory(of: userPath) : folder
        let prefix = folder + "/." + OutputDestination.name(of: target) + ".rex-\(getpid())-"
        while true {
            let temporaryPath = prefix + String(UInt32.random(in: 0...UInt32.max), radix: 36)
            // Registered before it exists, so no moment is left where SIGTERM would leave it behind.
            let slot = TemporaryFileCleanup.register(temporaryPath)
            // O_EXCL: never write into a file (or through a link) someone else put at this name.
            let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                if let existing {
                    // Keep the owner where allowed (root), else at least the group; EPERM is fine.
                    if fchown(descriptor, existing.owner, existing.group) != 0 { _ = fchown(descriptor, uid_t.max, existing.group) }
                    // After fchown, which may clear the set-user-ID bits.
                    _ = fchmod(descriptor, existing.mode)
                }
                return (descriptor, Replacement(temporaryPath: temporaryPath, target: target, displayFolder: displayFolder, cleanupSlot: slot))
            }
            let code = errno
            if let slot { TemporaryFileCleanup.release(slot) }
            if code != EEXIST && code != EINTR {
                throw FileWriteError.error(code, path: userPath, step: .inFolder(displayFolder))
            }
        }
    }

    /// Opens an existing device or named pipe for writing where it is.
    private static func openInPlace(_ target: String, isFIFO: Bool, userPath: String, stop: StopFlag) throws -> Int32 {
        while true {
            // No O_CREAT or O_TRUNC: the file stays what it is. O_NONBLOCK: a named pipe without
            // a reader fails with ENXIO instead of blocking, so rex waits for one here and
            // still notices Ctrl-C.
            let descriptor = open(target, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            let code = errno
            if code == EINTR { continue }
            guard code == ENXIO && isFIFO else { throw FileWriteError.error(code, path: userPath, step: .onFile) }
            if stop.isSet { throw Interrupted() }
            usleep(50_000)
        }
    }

    /// Connects to the Unix domain socket at `target` (`open` cannot open a socket).
    private static func connect(toSocket target: String, userPath: String) throws -> Int32 {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(target.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw FileWriteError.error(ENAMETOOLONG, path: userPath, step: .onFile)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw FileWriteError.error(errno, path: userPath, step: .onFile) }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw FileWriteError.error(code, path: userPath, step: .onFile)
        }
        return descriptor
    }

    // MARK: - Writing

    private func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var next = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            if stop.isSet { throw Interrupted() }
            let written: Int
            if replacement == nil {
                try waitUntilWritable()
                // At most PIPE_BUF bytes once poll() says there is room: the write does not block.
                written = withoutSIGPIPE { Glibc.write(descriptor, next, min(remaining, Int(PIPE_BUF))) }
            } else {
                written = Glibc.write(descriptor, next, min(remaining, 1 << 20))
            }
            if written < 0 {
                let code = errno
                if code == EINTR || code == EAGAIN { continue }
                throw FileWriteError.error(code, path: path, step: .onFile)
            }
            next += written
            remaining -= written
        }
    }

    /// Waits until the descriptor takes bytes, waking every 100 ms to notice Ctrl-C (a pipe
    /// whose reader is slow stays full).
    private func waitUntilWritable() throws {
        var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        while true {
            let ready = poll(&entry, 1, 100)
            if ready > 0 || (ready < 0 && errno != EINTR) { return } // errors show on the write
            if stop.isSet { throw Interrupted() }
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread, so a reader that went away makes
    /// `write` fail with EPIPE (reported) instead of ending rex; the signal is then taken off.
    private func withoutSIGPIPE(_ body: () -> Int) -> Int {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let result = body()
        let code = errno
        if result < 0 && code == EPIPE {
            var noWait = timespec()
            _ = sigtimedwait(&pipeSignal, nil, &noWait)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        errno = code
        return result
    }

    // MARK: - Finishing

    /// Puts the written file in place (renames the temporary file over the target).
    private func commit() throws {
        if stop.isSet { throw Interrupted() }
        guard let replacement else {
            try close()
            return
        }
        // The bytes are on disk before the rename makes them the file: after a crash the
        // target is the old file or the new one.
        guard fsync(descriptor) == 0 else { throw FileWriteError.error(errno, path: path, step: .onFile) }
        try close()
        // rename replaces the target in one step (the temporary file is in the same folder).
        guard rename(replacement.temporaryPath, replacement.target) == 0 else {
            throw FileWriteError.error(errno, path: path, step: .inFolder(replacement.displayFolder))
        }
        if let slot = replacement.cleanupSlot { TemporaryFileCleanup.release(slot) }
    }

    /// Closes the descriptor; `close` is where some file systems (NFS) report a failed write.
    private func close() throws {
        isClosed = true
        guard Glibc.close(descriptor) == 0 || errno == EINTR else {
            throw FileWriteError.error(errno, path: path, step: .onFile)
        }
    }

    /// Removes the temporary file after an error or Ctrl-C; the target is untouched.
    private func discard() {
        if !isClosed { try? close() }
        guard let replacement else { return }
        unlink(replacement.temporaryPath)
        if let slot = replacement.cleanupSlot { TemporaryFileCleanup.release(slot) }
    }
}

/// Set by Ctrl-C (from the interrupt watcher thread) while an output file is written.
private final class StopFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .relaxed) }
    var isSet: Bool { value.load(ordering: .relaxed) }
}
