import Foundation

/// One step of a scripted terminal session: wait for text, then watch quietly, then type.
public struct TerminalStep: Sendable {
    /// Wait (up to 20 s) until the output since the previous step's typing contains this text.
    public var expect: String?
    /// Then record everything that arrives during this many seconds (in `quietOutputs`).
    public var quietSeconds: Double?
    /// Then type this (include "\n" to press Return).
    public var send: String?

    public init(expect: String? = nil, quietSeconds: Double? = nil, send: String? = nil) {
        self.expect = expect
        self.quietSeconds = quietSeconds
        self.send = send
    }
}

/// What a terminal session showed.
public struct TerminalTranscript: Sendable {
    /// Everything written to the terminal (stdout, stderr and /dev/tty together).
    public let output: String
    /// What arrived during each step's `quietSeconds`, in step order.
    public let quietOutputs: [String]
    public let status: Int32
}

/// Runs the built `rex` on a new pseudo-terminal (its controlling terminal, so `/dev/tty`
/// and line editing work), following `steps`. Python's `pty` module does the terminal work.
/// - Parameter environment: variables added to (or, with nil, removed from) the current environment.
public func runRexInTerminal(_ arguments: [String], steps: [TerminalStep],
                             environment: [String: String?] = [:]) throws -> TerminalTranscript {
    var env = ProcessInfo.processInfo.environment
    env["TERM"] = "xterm"
    for (key, value) in environment { env[key] = value }
    let plan: [String: Any] = [
        "argv": [TestEnvironment.rexExecutable.path] + arguments,
        "env": env,
        "steps": steps.map { step -> [String: Any] in
            var item: [String: Any] = [:]
            if let expect = step.expect { item["expect"] = expect }
            if let quiet = step.quietSeconds { item["quiet"] = quiet }
            if let send = step.send { item["send"] = send }
            return item
        },
    ]
    let planURL = FileManager.default.temporaryDirectory.appendingPathComponent("rex-tty-\(UUID().uuidString).json")
    try JSONSerialization.data(withJSONObject: plan).write(to: planURL)
    defer { try? FileManager.default.removeItem(at: planURL) }
    let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "/usr/bin/env"
    let prefix = python == "/usr/bin/env" ? ["python3"] : []
    let result = try runProcess(URL(fileURLWithPath: python), prefix + ["-c", terminalDriver, planURL.path])
    guard let data = result.stdout.data(using: .utf8),
          let answer = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw MissingService(message: "the terminal driver failed: \(result.stderr)")
    }
    return TerminalTranscript(output: answer["output"] as? String ?? "",
                              quietOutputs: answer["quiet"] as? [String] ?? [],
                              status: Int32(answer["status"] as? Int ?? -1))
}

/// Forks the command on a pty, follows the plan, prints a JSON transcript.
private let terminalDriver = #"""
import json, os, pty, select, signal, sys, time
plan = json.load(open(sys.argv[1]))
pid, fd = pty.fork()
if pid == 0:
    os.execve(plan["argv"][0], plan["argv"], plan["env"])
out = b""
mark = 0
def read_for(seconds, until=None):
    global out
    end = time.time() + seconds
    got = b""
    while time.time() < end:
        if until is not None and until in out[mark:].decode("utf-8", "replace"):
            return got
        ready, _, _ = select.select([fd], [], [], max(0.0, min(0.05, end - time.time())))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return got
            if not chunk:
                return got
            out += chunk
            got += chunk
    return got
quiet = []
for step in plan["steps"]:
    if "expect" in step:
        read_for(20, until=step["expect"])
    if "quiet" in step:
        quiet.append(read_for(step["quiet"]).decode("utf-8", "replace"))
    if "send" in step:
        mark = len(out)
        os.write(fd, step["send"].encode())
read_for(20, until="\x00never")
for _ in range(100):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        break
    time.sleep(0.1)
else:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
print(json.dumps({"output": out.decode("utf-8", "replace"), "quiet": quiet,
                  "status": os.waitstatus_to_exitcode(status)}))
"""#
