import CFuzzDriver
import Foundation

/// The `main` of a fuzz executable. In a fuzzing build (scripts/fuzz.sh) libFuzzer runs
/// `libFuzzer` with the process's arguments; in a plain build the files named as arguments
/// are replayed through `replay` (see `replayFuzzInputs`). Exits with their status.
public func fuzzMain(libFuzzer: rex_fuzz_callback, replay: (UnsafeRawBufferPointer) -> Void) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = rex_fuzz_run(&argc, &argv, libFuzzer)
    if status != REX_FUZZ_NOT_BUILT { exit(status) }
    exit(replayFuzzInputs(Array(CommandLine.arguments.dropFirst()), target: replay))
}

/// The bytes libFuzzer passes to a target, as a buffer (empty for a null pointer).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
}

/// A property a fuzz target checks failed: prints what and why, then stops the process
/// the way a crash does, so libFuzzer saves the input as a reproducer.
public func fuzzFailure(_ message: @autoclosure () -> String, input: @autoclosure () -> String) -> Never {
    FileHandle.standardError.write(Data("rex fuzz: property failed: \(message())\ninput: \(input().debugDescription)\n".utf8))
    abort()
}

/// Stops like a crash when `condition` is false (see `fuzzFailure`).
public func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String, input: @autoclosure () -> String) {
    if !condition { fuzzFailure(message(), input: input()) }
}

/// Runs `target` on each file named in `arguments` (or on standard input when there is
/// none): what a fuzz executable does when it is built without libFuzzer, to replay
/// reproducers and regression inputs in a plain build. A failing check aborts.
public func replayFuzzInputs(_ arguments: [String], target: (UnsafeRawBufferPointer) -> Void) -> Int32 {
    let paths = arguments.filter { !$0.hasPrefix("-") }
    if paths.isEmpty {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        data.withUnsafeBytes(target)
        return 0
    }
    var files: [String] = []
    for path in paths {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
            return 2
        }
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            files += names.sorted().map { path + "/" + $0 }
        } else {
            files.append(path)
        }
    }
    for file in files {
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("cannot read \(file)\n".utf8))
            return 2
        }
        data.withUnsafeBytes(target)
    }
    print("replayed \(files.count) input(s) without a failure")
    return 0
}
