import Foundation

/// The result of running a program to completion.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs `executable` with `arguments`, feeding `input` on stdin (or /dev/null), and waits.
/// - Parameter environment: variables added to (or, with nil, removed from) the current environment.
/// - Parameter directory: the working directory (default: the test process's).
public func runProcess(_ executable: URL, _ arguments: [String], input: String? = nil,
                       environment: [String: String?] = [:], directory: URL? = nil) throws -> ProcessResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    if let input {
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
    } else {
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }
    // Read both pipes concurrently so a full pipe never blocks the child.
    let errBox = DataBox()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errBox.data = stderr.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = stdout.fileHandleForReading.readDataToEndOfFile()
    group.wait() // orders the write of errBox.data before the read below
    let errData = errBox.data
    process.waitUntilExit()
    return ProcessResult(status: process.terminationStatus,
                         stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}

/// Runs the built `rex` binary.
public func runRex(_ arguments: [String], input: String? = nil, environment: [String: String?] = [:],
                   directory: URL? = nil) throws -> ProcessResult {
    try runProcess(TestEnvironment.rexExecutable, arguments, input: input, environment: environment, directory: directory)
}

private final class DataBox: @unchecked Sendable {
    var data = Data()
}
