import Foundation

/// Why an output file could not be written, in words for people (not `NSCocoaErrorDomain`
/// codes): `cannot write /no/such/dir/x.png: the folder /no/such/dir does not exist`.
enum FileWriteError {
    /// What rex was doing when the call failed; it decides whether errno is about the folder
    /// (making the temporary file beside the target) or the file itself.
    enum Step {
        /// Creating the temporary file in the target's folder, or renaming it into place.
        case inFolder(String)
        /// Opening or writing an existing device, pipe or socket, or writing the temporary file.
        case onFile
    }

    /// The error for `code` (an errno value) while writing `path`.
    static func error(_ code: Int32, path: String, step: Step) -> RuntimeError {
        let (reason, help) = explanation(code, path: path, step: step)
        return RuntimeError("cannot write \(path): \(reason)", help: help)
    }

    /// A problem rex found itself (a folder at the path, a link loop …).
    static func error(path: String, reason: String, help: String? = nil) -> RuntimeError {
        RuntimeError("cannot write \(path): \(reason)", help: help)
    }

    private static func explanation(_ code: Int32, path: String, step: Step) -> (String, String?) {
        let folder: String? = if case .inFolder(let folder) = step { folder } else { nil }
        switch code {
        case ENOENT where folder != nil:
            let folder = folder ?? ""
            guard access(folder, F_OK) != 0 else {
                // The folder is there but takes no new files (/proc, /sys).
                return ("files cannot be created in the folder \(folder)", "write somewhere else")
            }
            return ("the folder \(folder) does not exist", "create it first (mkdir -p \(shellWord(folder))) or write somewhere else")
        case ENOTDIR:
            return ("a part of the path is a file, not a folder", "check the path")
        case EACCES, EPERM:
            if let folder {
                return ("permission denied in the folder \(folder)", "write to a folder you can write to, or change its permissions")
            }
            return ("permission denied", "check the file's permissions (ls -l \(shellWord(path)))")
        case EISDIR:
            return ("it is a folder", "name a file inside it")
        case EROFS:
            return ("the file system is read-only", "write somewhere else")
        case ENOSPC:
            return ("the disk is full", "free some space or write somewhere else")
        case EDQUOT:
            return ("your disk quota is used up", "free some space or write somewhere else")
        case ENAMETOOLONG:
            return ("the name is too long", "choose a shorter name")
        case ELOOP:
            return ("too many symbolic links", "check where the links point (ls -l \(shellWord(path)))")
        case EPIPE:
            return ("the reader closed it before everything was written", nil)
        case ECONNREFUSED:
            return ("nothing is listening on the socket", "start the program that reads from it first")
        case EBADF:
            return ("that file descriptor is not open for writing", nil)
        case ETXTBSY:
            return ("the file is a running program", "write somewhere else")
        default:
            return (String(cString: strerror(code)).lowercased(), nil)
        }
    }

    /// `path` quoted for a shell command in a help line when it needs it.
    private static func shellWord(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+,:@%".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
