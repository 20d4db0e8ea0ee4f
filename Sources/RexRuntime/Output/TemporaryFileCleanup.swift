import Foundation
import Synchronization

/// The temporary files that output files are being written into, removed when rex is
/// ended by SIGTERM or SIGHUP in the middle of a write (SIGINT is Ctrl-C, which cancels
/// the write instead: see `OutputFile`).
///
/// The signal handler may only make async-signal-safe calls, so paths are kept as C
/// strings in buffers made once, and a slot is published with one atomic bit: the handler
/// reads the bits, calls `unlink` for each set one and ends rex with the signal's default
/// action. Up to `slotCount` writes are protected at once; more still work, unprotected.
enum TemporaryFileCleanup {
    /// How many writes can be in flight at once (rex writes one at a time).
    static let slotCount = 8
    /// Bytes per slot: PATH_MAX, so every path `open` accepts fits.
    static let slotSize = Int(PATH_MAX)

    /// Registers `path` before the file is created; returns the slot to release after the
    /// file was renamed or removed, or nil when every slot is taken.
    static func register(_ path: String) -> Int? {
        installHandlers()
        let bytes = Array(path.utf8)
        guard bytes.count < slotSize else { return nil }
        let slot = reservations.withLock { taken -> Int? in
            guard let free = (0..<slotCount).first(where: { taken & (1 << $0) == 0 }) else { return nil }
            taken |= 1 << free
            return free
        }
        guard let slot else { return nil }
        let buffer = slotBuffers + slot * slotSize
        for (offset, byte) in bytes.enumerated() { buffer[offset] = CChar(bitPattern: byte) }
        buffer[bytes.count] = 0
        // Publish after the bytes are in place: the handler only reads slots whose bit is set.
        armedSlots.bitwiseOr(UInt(1) << slot, ordering: .releasing)
        return slot
    }

    /// Forgets a slot (its file was renamed into place or removed).
    static func release(_ slot: Int) {
        armedSlots.bitwiseAnd(~(UInt(1) << slot), ordering: .releasing)
        reservations.withLock { $0 &= ~(1 << slot) }
    }

    /// Installs the SIGTERM and SIGHUP handlers once, only where the signal has its default
    /// action (a signal the parent made rex ignore, as `nohup` does, stays ignored). rex
    /// calls it at start-up; `register` makes sure of it.
    static func installHandlers() {
        _ = handlersInstalled
    }

    private static let handlersInstalled: Bool = {
        // Globals are made on first use, which the handler must not be: make them now.
        _ = armedSlots.load(ordering: .relaxed)
        _ = slotBuffers
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGTERM, SIGHUP] {
            var current = sigaction()
            guard sigaction(signal, nil, &current) == 0, current.__sigaction_handler.sa_handler == nil else { continue }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = removeTemporaryFilesAndExit
            sigemptyset(&action.sa_mask)
            // SA_RESETHAND: the default action is back when the handler re-raises the signal.
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)
            sigaction(signal, &action, nil)
            sigaddset(&unblock, signal)
        }
        // A parent may have started rex with these signals blocked (the mask is inherited,
        // e.g. from a libdispatch thread): unblock them, as InterruptController does SIGINT,
        // or SIGTERM would never end rex.
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        return true
    }()

    /// Which slots are taken (by `register`, under the lock; never read by the handler).
    private static let reservations = Mutex<UInt>(0)
}

/// The published slots: bit N set means slot N holds a path to remove on a fatal signal.
private let armedSlots = Atomic<UInt>(0)

/// The slots' path buffers, made once and never freed (the handler may read them at any time).
private let slotBuffers: UnsafeMutablePointer<CChar> = {
    let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: TemporaryFileCleanup.slotCount * TemporaryFileCleanup.slotSize)
    buffer.initialize(repeating: 0, count: TemporaryFileCleanup.slotCount * TemporaryFileCleanup.slotSize)
    return buffer
}()

/// The signal handler: async-signal-safe calls only (an atomic load, `unlink`, `raise`).
private func removeTemporaryFilesAndExit(_ signal: Int32) {
    let armed = armedSlots.load(ordering: .acquiring)
    for slot in 0..<TemporaryFileCleanup.slotCount where armed & (UInt(1) << slot) != 0 {
        unlink(slotBuffers + slot * TemporaryFileCleanup.slotSize)
    }
    // The signal is blocked while its handler runs and SA_RESETHAND restored the default
    // action, so it ends rex as soon as the handler returns, with the signal's exit status.
    raise(signal)
}
