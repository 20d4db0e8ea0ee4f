import Foundation
import RexTestSupport
import Testing

/// `-> csv`, `-> png` and `:save` from the real binary, into every kind of path: what the
/// path is afterwards, who received the bytes, and what a signal in the middle leaves.
@Suite("Sinks into files, pipes and devices")
struct SinkFileTests {
    private let irisHeader = "Sepal_Length,Sepal_Width,Petal_Length,Petal_Width,Species\n"

    @Test("/dev/stdout in a pipe: the CSV arrives on the pipe, before the message")
    func devStdout() throws {
        let result = try runRex(["--no-rc", "-e", #"sample iris | take 2 -> csv "/dev/stdout""#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == irisHeader + "5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\nwrote 2 rows to /dev/stdout\n")
    }

    @Test("/dev/null is written in place and stays a character device")
    func devNull() throws {
        let before = try status("/dev/null")
        #expect(before.st_mode & S_IFMT == S_IFCHR)
        let result = try runRex(["--no-rc", "-e", #"sample iris -> csv "/dev/null""#])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "wrote 150 rows to /dev/null\n")
        let after = try status("/dev/null")
        #expect(after.st_mode & S_IFMT == S_IFCHR && after.st_rdev == before.st_rdev && after.st_ino == before.st_ino)
    }

    @Test("a named pipe with a reader: the reader gets the CSV and the pipe stays a pipe")
    func namedPipe() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let fifo = folder.appendingPathComponent("ff").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = ReadInBackground(fifo)
        let result = try runRex(["--no-rc", "-e", "sample iris -> csv \"\(fifo)\""])
        if result.status != 0 { close(open(fifo, O_WRONLY | O_NONBLOCK)) } // let the reader finish
        #expect(result.status == 0, "\(result.stderr)")
        let text = String(decoding: received.wait(), as: UTF8.self)
        #expect(text.hasPrefix(irisHeader + "5.1,3.5,1.4,0.2,setosa\n"))
        #expect(text.split(separator: "\n").count == 151)
        #expect(try status(fifo).st_mode & S_IFMT == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["ff"])
    }

    @Test("an existing 0600 file through a symbolic link: the link is kept, the file replaced, its mode kept")
    func linkAndMode() throws {
        let folder = TestEnvironment.temporaryDirectory()
        let target = folder.appendingPathComponent("target.csv").path
        let link = folder.appendingPathComponent("link.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.csv")
        let result = try runRex(["--no-rc", "-e", "sample iris | take 1 -> csv \"\(link)\""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "target.csv")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == irisHeader + "5.1,3.5,1.4,0.2,setosa\n")
        #expect(try status(target).st_mode & 0o7777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["link.csv", "target.csv"])
    }

    @Test("a missing folder: a sentence, not NSCocoaErrorDomain, and exit status 1 (-> csv and :save)")
    func missingFolder() throws {
        let csv = try runRex(["--no-rc", "-e", #"sample iris -> csv "/no/such/dir/x.csv""#])
        #expect(csv.status == 1)
        #expect(csv.stderr == """
        error: cannot write /no/such/dir/x.csv: the folder /no/such/dir does not exist
          = help: create it first (mkdir -p /no/such/dir) or write somewhere else

        """)
        let save = try runRex(["--no-rc"], input: "sample iris | plot hist Sepal_Length\n:save 1 /no/such/dir/x.png\n")
        #expect(save.status == 1)
        #expect(save.stderr.contains("error: cannot write /no/such/dir/x.png: the folder /no/such/dir does not exist\n"), "\(save.stderr)")
        #expect(!save.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test("SIGTERM in the middle of a write: rex ends by the signal, the temporary file is gone, the target unchanged")
    func sigterm() throws {
        let (folder, target, process) = try startLongWrite()
        process.terminate() // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.csv"])
    }

    @Test("Ctrl-C in the middle of a write: exit 130, the temporary file is gone, the target unchanged")
    func sigint() throws {
        let (folder, target, process) = try startLongWrite()
        process.interrupt() // SIGINT
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(!process.isRunning, "rex did not stop within 5 s of SIGINT")
        if process.isRunning { process.terminate(); return }
        #expect(process.terminationStatus == 130)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["big.csv"])
    }

    /// Starts `sample airline -> csv "big.csv"` (600,000 rows) over an existing big.csv and
    /// returns once its temporary file exists, so a signal sent now lands in the write.
    private func startLongWrite() throws -> (folder: URL, target: String, process: Process) {
        let folder = TestEnvironment.temporaryDirectory()
        let target = folder.appendingPathComponent("big.csv").path
        try Data("old\n".utf8).write(to: URL(fileURLWithPath: target))
        let process = Process()
        process.executableURL = TestEnvironment.rexExecutable
        process.arguments = ["--no-rc", "-e", "sample airline -> csv \"\(target)\""]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning && Date() < deadline {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            if names.contains(where: { $0.hasPrefix(".big.csv.rex-\(process.processIdentifier)-") }) { return (folder, target, process) }
            usleep(500)
        }
        if process.isRunning { process.terminate() }
        throw TestFailure("the temporary file of the write never appeared (rex ended: \(!process.isRunning))")
    }
}

private struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// lstat: what is at `path` itself.
private func status(_ path: String) throws -> stat {
    var info = stat()
    guard lstat(path, &info) == 0 else { throw TestFailure("lstat \(path): \(String(cString: strerror(errno)))") }
    return info
}

/// Reads a named pipe to its end on a thread of its own (opening it waits for the writer).
private final class ReadInBackground: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ path: String) {
        Thread {
            self.data = FileHandle(forReadingAtPath: path)?.readDataToEndOfFile() ?? Data()
            self.done.signal()
        }.start()
    }

    /// What was read (the semaphore orders the write of `data` before this read).
    func wait() -> Data {
        done.wait()
        return data
    }
}
