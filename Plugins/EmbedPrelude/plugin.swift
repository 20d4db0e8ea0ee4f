import Foundation
import PackagePlugin

/// Turns every file under `prelude/` into Swift source, so an installed rex
/// needs no files beside its binary (SPEC §6).
@main
struct EmbedPrelude: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let preludeDirectory = context.package.directoryURL.appendingPathComponent("prelude")
        let files = try FileManager.default.subpathsOfDirectory(atPath: preludeDirectory.path)
            .filter { !$0.hasPrefix(".") && !$0.contains("__pycache__") }
            .map { preludeDirectory.appendingPathComponent($0) }
            .filter { url in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
            .sorted { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedPreludeFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding prelude/ (\(files.count) files)",
                executable: try context.tool(named: "PreludeEmbedder").url,
                arguments: [preludeDirectory.path, output.path],
                inputFiles: files,
                outputFiles: [output]
            ),
        ]
    }
}
