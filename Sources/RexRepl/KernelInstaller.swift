import Foundation
import RexPrelude

/// `rex --install-kernel [--user|--prefix P]` (SPEC §5): writes the Jupyter kernel spec
/// `rex` — `kernel.json` and the kernel itself, `rex_kernel.py`, embedded in this binary
/// from `prelude/jupyter/` — so that notebooks run rex cells through `rex --serve`.
/// The kernel runs on Debian's `/usr/bin/python3` (its `python3-ipykernel`), whatever
/// `python3` is first on `PATH`, and starts the binary that installed it.
public enum KernelInstaller {
    /// Where the spec goes, as `jupyter kernelspec install` puts it.
    public enum Place: Equatable {
        /// `/usr/local/share/jupyter/kernels/rex`.
        case system
        /// `$JUPYTER_DATA_DIR/kernels/rex`, else `$XDG_DATA_HOME/jupyter/kernels/rex`, else
        /// `~/.local/share/jupyter/kernels/rex`.
        case user
        /// `P/share/jupyter/kernels/rex`.
        case prefix(String)
    }

    /// The interpreter the kernel runs on.
    static let python = "/usr/bin/python3"
    static let kernelFile = "rex_kernel.py"

    /// The kernel spec's directory for `place`.
    static func directory(_ place: Place, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        switch place {
        case .system:
            return "/usr/local/share/jupyter/kernels/rex"
        case .prefix(let prefix):
            return absolute(prefix) + "/share/jupyter/kernels/rex"
        case .user:
            if let data = environment["JUPYTER_DATA_DIR"], !data.isEmpty { return absolute(data) + "/kernels/rex" }
            if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/jupyter/kernels/rex" }
            return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share/jupyter/kernels/rex"
        }
    }

    /// Installs the spec; prints where, or the error (status 1).
    public static func run(_ place: Place) -> ExitStatus {
        let target = directory(place)
        do {
            guard let source = Prelude.data("jupyter/\(kernelFile)") else {
                throw KernelInstallError("the kernel is missing from this build")
            }
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let kernelPath = target + "/" + kernelFile
            try source.write(to: URL(fileURLWithPath: kernelPath))
            try Data(kernelSpec(kernelPath: kernelPath, binary: executablePath()).utf8)
                .write(to: URL(fileURLWithPath: target + "/kernel.json"))
        } catch {
            let text = (error as? KernelInstallError)?.message ?? error.localizedDescription
            FileHandle.standardError.write(Data("error: cannot install the kernel in \(target): \(text)\n".utf8))
            if case .system = place {
                FileHandle.standardError.write(Data("  = help: run it as root, or use --user or --prefix DIR\n".utf8))
            }
            return .statementFailed
        }
        FileHandle.standardOutput.write(Data("installed the Jupyter kernel 'rex' in \(target)\n".utf8))
        if !FileManager.default.isExecutableFile(atPath: python) || !pythonHasIPyKernel() {
            FileHandle.standardError.write(Data(
                "warning: \(python) cannot import ipykernel: the kernel will not start\n  = help: apt-get install python3-ipykernel (make run installs it)\n".utf8))
        }
        return .success
    }

    /// `kernel.json`: Debian's Python runs the kernel file beside it, which starts `binary --serve`.
    static func kernelSpec(kernelPath: String, binary: String) -> String {
        let argv = ServeJSON.array([.string(python), .string("-Xfrozen_modules=off"), .string(kernelPath), .string("-f"), .string("{connection_file}")])
        let spec = ServeJSON.object([
            ("argv", argv),
            ("display_name", .string("rex")),
            ("language", .string("rex")),
            ("interrupt_mode", .string("signal")),
            ("env", .object([("REX_KERNEL_BINARY", .string(binary))])),
            ("metadata", .object([("rex_version", .string(RexVersion.current))])),
        ])
        return spec.text + "\n"
    }

    /// The absolute path of the running rex binary.
    static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return absolute(CommandLine.arguments[0])
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    private static func pythonHasIPyKernel() -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import ipykernel"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}

/// Why the kernel spec could not be written.
struct KernelInstallError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
