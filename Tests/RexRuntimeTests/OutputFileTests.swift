import Foundation
@testable import RexRuntime
import RexTestSupport
import Testing

/// `OutputFile`, through real files of every kind: what each kind of path becomes after a
/// write, and what the user reads when a write cannot happen.
@Suite("Output files")
struct OutputFileTests {
    private let csv = "a,b\n1,\"x\r\ny\"\n"

    @Test("a new file is created with the umask's mode, and no temporary file stays")
    func newFile() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let path = folder.appendingPathComponent("new.csv").path
        try OutputFile.write(Data(csv.utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == csv)
        #expect(try fileStatus(path).st_mode & 0o777 == 0o666 & ~(try currentUmask()))
        #expect(try entries(folder) == ["new.csv"])
    }

    @Test("an existing file is replaced in one step and keeps its mode 0600, owner and group")
    func existingFile() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let path = folder.appendingPathComponent("old.csv").path
        try Data("old contents\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(chmod(path, 0o600) == 0)
        // As root the test gives the file away, so keeping the owner and group shows.
        let owner: uid_t = geteuid() == 0 ? 4242 : geteuid()
        let group: gid_t = geteuid() == 0 ? 4343 : getegid()
        #expect(chown(path, owner, group) == 0)
        let before = try fileStatus(path)
        try OutputFile.write(to: path) { file in
            try file.write("a,b\n")
            // Until the write is complete the old contents are still what readers see.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
            try file.write("1,2\n")
        }
        let after = try fileStatus(path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\n1,2\n")
        #expect(after.st_ino != before.st_ino) // a new file renamed over the old one
        #expect(after.st_mode == before.st_mode)
        #expect(after.st_uid == owner && after.st_gid == group)
        #expect(try entries(folder) == ["old.csv"])
    }

    @Test("a symbolic link (a chain, relative and absolute) is kept and its final target replaced")
    func symbolicLink() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let target = data.appendingPathComponent("target.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o640) == 0)
        let middle = folder.appendingPathComponent("middle.csv").path
        let link = folder.appendingPathComponent("link.csv").path
        try FileManager.default.createSymbolicLink(atPath: middle, withDestinationPath: "data/target.csv")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: middle)
        try OutputFile.write(Data(csv.utf8), to: link)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == middle)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: middle) == "data/target.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == csv)
        #expect(try fileStatus(target).st_mode & 0o777 == 0o640)
        #expect(try entries(data) == ["target.csv"])
        // A dangling link gets its target created, as a shell's `>` does.
        let dangling = folder.appendingPathComponent("dangling.csv").path
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "data/created.csv")
        try OutputFile.write(Data(csv.utf8), to: dangling)
        #expect(try String(contentsOfFile: data.appendingPathComponent("created.csv").path, encoding: .utf8) == csv)
        #expect(try fileStatus(dangling, followingLinks: false).st_mode & S_IFMT == S_IFLNK)
    }

    @Test("a named pipe is written in place: its reader gets the bytes, the pipe stays a pipe")
    func namedPipe() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let big = String(repeating: csv, count: 20_000) // more than a pipe holds: the writer waits for the reader
        let reader = InBackground { try readAll(fifo) }
        do {
            try OutputFile.write(Data(big.utf8), to: fifo)
        } catch {
            close(open(fifo, O_WRONLY | O_NONBLOCK)) // the reader, waiting for a writer, sees the end
            throw error
        }
        #expect(try reader.value() == Data(big.utf8))
        #expect(try fileStatus(fifo, followingLinks: false).st_mode & S_IFMT == S_IFIFO)
        #expect(try entries(folder) == ["pipe"])
    }

    @Test("/dev/null is written in place and stays a character device (rex may run as root)")
    func devNull() throws {
        let before = try fileStatus("/dev/null", followingLinks: false)
        #expect(before.st_mode & S_IFMT == S_IFCHR)
        try OutputFile.write(Data(csv.utf8), to: "/dev/null")
        let after = try fileStatus("/dev/null", followingLinks: false)
        #expect(after.st_mode & S_IFMT == S_IFCHR)
        #expect(after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
    }

    @Test("/dev/fd/N writes into rex's own descriptor N; one open only for reading is refused")
    func ownDescriptor() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        defer { close(ends[0]) }
        try OutputFile.write(Data(csv.utf8), to: "/dev/fd/\(ends[1])")
        close(ends[1]) // OutputFile wrote through a duplicate and closed it: this was the last writer
        #expect(readAll(descriptor: ends[0]) == Data(csv.utf8))
        let readOnly = open("/dev/null", O_RDONLY)
        defer { close(readOnly) }
        #expect(message { try OutputFile.write(Data(csv.utf8), to: "/dev/fd/\(readOnly)") }
            == "error: cannot write /dev/fd/\(readOnly): that file descriptor is not open for writing")
    }

    @Test("a Unix domain socket is connected to and written; it stays a socket")
    func unixSocket() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let path = folder.appendingPathComponent("s.sock").path
        let server = try listeningSocket(at: path)
        defer { close(server) }
        let reader = InBackground { () -> Data in
            let connection = accept(server, nil, nil)
            defer { close(connection) }
            return readAll(descriptor: connection)
        }
        try OutputFile.write(Data(csv.utf8), to: path)
        #expect(try reader.value() == Data(csv.utf8))
        #expect(try fileStatus(path, followingLinks: false).st_mode & S_IFMT == S_IFSOCK)
    }

    @Test("an error while writing removes the temporary file and leaves the target unchanged")
    func errorKeepsTarget() throws {
        struct Failure: Error {}
        let folder = TestEnvironment.temporaryDirectory()
        let path = folder.appendingPathComponent("keep.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: Failure.self) {
            try OutputFile.write(to: path) { file in
                try file.write(String(repeating: "x", count: 100_000))
                throw Failure()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try entries(folder) == ["keep.csv"])
    }

    @Test("file errors are worded for people: missing folder, a folder, a file in the path, /proc")
    func messages() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let file = folder.appendingPathComponent("file").path
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(message { try OutputFile.write(Data(), to: "/no/such/dir/x.png") } == """
        error: cannot write /no/such/dir/x.png: the folder /no/such/dir does not exist
          = help: create it first (mkdir -p /no/such/dir) or write somewhere else
        """)
        #expect(message { try OutputFile.write(Data(), to: folder.path) } == """
        error: cannot write \(folder.path): it is a folder
          = help: name a file inside it
        """)
        #expect(message { try OutputFile.write(Data(), to: file + "/x.csv") } == """
        error: cannot write \(file)/x.csv: a part of the path is a file, not a folder
          = help: check the path
        """)
        #expect(message { try OutputFile.write(Data(), to: "/proc/version") } == """
        error: cannot write /proc/version: files cannot be created in the folder /proc
          = help: write somewhere else
        """)
        #expect(message { try OutputFile.write(Data(), to: "") }.hasPrefix("error: cannot write : that is not a file name"))
    }

    @Test("errno wording: permission, read-only, full disk, a closed pipe")
    func errnoWording() {
        #expect(FileWriteError.error(EACCES, path: "/srv/x.csv", step: .inFolder("/srv")).description == """
        error: cannot write /srv/x.csv: permission denied in the folder /srv
          = help: write to a folder you can write to, or change its permissions
        """)
        #expect(FileWriteError.error(EACCES, path: "/dev/x", step: .onFile).message == "cannot write /dev/x: permission denied")
        #expect(FileWriteError.error(EROFS, path: "/x", step: .onFile).message == "cannot write /x: the file system is read-only")
        #expect(FileWriteError.error(ENOSPC, path: "/x", step: .onFile).message == "cannot write /x: the disk is full")
        #expect(FileWriteError.error(EPIPE, path: "p", step: .onFile).message == "cannot write p: the reader closed it before everything was written")
        #expect(FileWriteError.error(ENOENT, path: "my dir/x", step: .inFolder("my dir")).help == "create it first (mkdir -p 'my dir') or write somewhere else")
    }

    @Test("names of rex's own descriptors are recognised; the folder of a path")
    func descriptorNames() {
        #expect(OutputDestination.descriptorNumber("/dev/stdout") == 1)
        #expect(OutputDestination.descriptorNumber("/dev/stderr") == 2)
        #expect(OutputDestination.descriptorNumber("/dev/fd/7") == 7)
        #expect(OutputDestination.descriptorNumber("/proc/self/fd/3") == 3)
        #expect(OutputDestination.descriptorNumber("/dev/null") == nil)
        #expect(OutputDestination.directory(of: "x.csv") == ".")
        #expect(OutputDestination.directory(of: "/x.csv") == "/")
        #expect(OutputDestination.directory(of: "a/b/x.csv") == "a/b")
    }
}

// MARK: - Helpers

private func fileStatus(_ path: String, followingLinks: Bool = true) throws -> stat {
    var info = stat()
    guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else {
        throw RuntimeError("stat \(path): \(String(cString: strerror(errno)))")
    }
    return info
}

/// The process's umask, read without changing it (umask(2) can only read by setting).
private func currentUmask() throws -> mode_t {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
          let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) else {
        throw RuntimeError("no Umask in /proc/self/status")
    }
    return mask
}

private func entries(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
}

private func message(_ body: () throws -> Void) -> String {
    do {
        try body()
        return "no error"
    } catch {
        return "\(error)"
    }
}

/// Opens `path` for reading (for a named pipe: waits for the writer) and reads to its end.
private func readAll(_ path: String) throws -> Data {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw RuntimeError("open \(path): \(String(cString: strerror(errno)))") }
    defer { close(descriptor) }
    return readAll(descriptor: descriptor)
}

private func readAll(descriptor: Int32) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    while true {
        let count = read(descriptor, &buffer, buffer.count)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return data }
        data.append(contentsOf: buffer[..<count])
    }
}

/// Runs `body` on a thread of its own (it may block in open, read or accept).
private final class InBackground<T>: @unchecked Sendable {
    private var result: Result<T, Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping () throws -> T) {
        Thread {
            self.result = Result { try body() }
            self.done.signal()
        }.start()
    }

    /// Waits for `body` and returns what it returned (the semaphore orders the write of `result` before this read).
    func value() throws -> T {
        done.wait()
        guard let result else { throw RuntimeError("no result") }
        return try result.get()
    }
}

/// A Unix stream socket listening at `path`.
private func listeningSocket(at path: String) throws -> Int32 {
    let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard server >= 0, bound == 0, listen(server, 1) == 0 else {
        throw RuntimeError("socket \(path): \(String(cString: strerror(errno)))")
    }
    return server
}
