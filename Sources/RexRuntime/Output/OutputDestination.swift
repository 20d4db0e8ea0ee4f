import Foundation

/// What a path a user asked rex to write names, which decides how it is written:
/// regular files and new paths are replaced atomically, everything else in place.
enum OutputDestination: Equatable {
    /// Nothing is there yet (a dangling link's target counts): create it atomically.
    case newFile(path: String)
    /// A regular file (reached through any symbolic links): replace it atomically, keeping
    /// its mode and owner.
    case regularFile(path: String, mode: mode_t, owner: uid_t, group: gid_t)
    /// A device or named pipe (`/dev/null`, a FIFO): opened and written where it is.
    case special(path: String, isFIFO: Bool)
    /// A Unix domain socket: connected to and written.
    case socket(path: String)
    /// One of rex's own open files (`/dev/stdout`, `/dev/fd/3`): written through a
    /// duplicate of the descriptor, so rex's other output keeps its place around it.
    case descriptor(Int32)

    /// Classifies `path`, following symbolic links to their final target (so the link
    /// itself is kept when the target is replaced).
    static func of(_ path: String) throws -> OutputDestination {
        guard !path.isEmpty, !path.hasSuffix("/") else {
            throw FileWriteError.error(path: path, reason: "that is not a file name", help: "name a file, e.g. out.csv")
        }
        var current = path
        // The same limit as the kernel's (MAXSYMLINKS / ELOOP).
        for _ in 0..<40 {
            if let descriptor = descriptorNumber(current) { return .descriptor(descriptor) }
            var info = stat()
            // lstat: a symbolic link is reported as such, not as what it points to.
            guard lstat(current, &info) == 0 else {
                let code = errno
                if code == ENOENT { return .newFile(path: current) }
                throw FileWriteError.error(code, path: path, step: .inFolder(directory(of: current)))
            }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                guard let target = linkTarget(current) else { return .newFile(path: current) }
                current = target.hasPrefix("/") ? target : directory(of: current) + "/" + target
            case S_IFREG:
                return .regularFile(path: current, mode: info.st_mode & 0o7777, owner: info.st_uid, group: info.st_gid)
            case S_IFDIR:
                throw FileWriteError.error(path: path, reason: "it is a folder", help: "name a file inside it")
            case S_IFSOCK:
                return .socket(path: current)
            default:
                return .special(path: current, isFIFO: info.st_mode & S_IFMT == S_IFIFO)
            }
        }
        throw FileWriteError.error(ELOOP, path: path, step: .onFile)
    }

    /// `/dev/stdout` → 1, `/dev/fd/3` → 3, `/proc/self/fd/3` → 3: names of rex's own
    /// descriptors. (On Linux they are links to `pipe:[…]`-style names that cannot be
    /// reopened, and reopening a file would lose its position in rex's output.)
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdin": return 0
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where path.hasPrefix(prefix) {
            return Int32(path.dropFirst(prefix.count))
        }
        return nil
    }

    /// The folder that holds `path` (`/` for a file at the root).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// The text of the symbolic link at `path`.
    private static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count > 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
