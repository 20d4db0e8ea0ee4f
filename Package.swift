// swift-tools-version:6.0
// rex: a native REPL that compiles a dataframe language to SQL or pandas.
// Layout follows SPEC §6: one system-library target per C library, one Swift
// wrapper per C library, then the language, compiler, runtime and REPL.
import PackageDescription

let package = Package(
    name: "rex",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rex", targets: ["rex"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: C libraries (system-library targets, one per library)
        .systemLibrary(name: "CODBC", pkgConfig: "odbc",
                       providers: [.apt(["unixodbc-dev"])]),
        .systemLibrary(name: "CPython", pkgConfig: "python3-embed",
                       providers: [.apt(["libpython3.11-dev"])]),
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng",
                       providers: [.apt(["libpng-dev"])]),
        // libedit's el_set/history are variadic, which Swift cannot call: a tiny C shim.
        .target(name: "CEditLineShim", dependencies: ["CEditLine"]),
        // libpng's error handling needs setjmp, which Swift cannot call: a tiny C shim.
        .target(name: "CPNGShim", dependencies: ["CPNG"]),

        // MARK: The columnar data model every part exchanges (types, columns, tables, values)
        .target(name: "RexData", dependencies: ["RexPrelude"]),

        // MARK: Swift wrappers, one per C library
        .target(name: "RexODBC", dependencies: ["CODBC", "RexData"]),
        .target(name: "RexPython", dependencies: ["CPython", "RexData", "RexPrelude"]),
        .target(name: "RexImage", dependencies: ["CPNGShim"]),

        // MARK: Files from prelude/ embedded into the binary at build time
        .executableTarget(name: "PreludeEmbedder"),
        .plugin(name: "EmbedPrelude", capability: .buildTool(), dependencies: ["PreludeEmbedder"]),
        .target(name: "RexPrelude", plugins: ["EmbedPrelude"]),

        // MARK: rex itself
        .target(name: "RexLanguage", dependencies: ["RexData"]),
        .target(name: "RexCompiler", dependencies: ["RexLanguage", "RexData", "RexPrelude"]),
        .target(name: "RexRuntime",
                dependencies: ["RexData", "RexLanguage", "RexCompiler", "RexODBC", "RexPython", "RexImage"]),
        .target(name: "RexRepl", dependencies: ["CEditLineShim", "RexRuntime"]),
        .executableTarget(name: "rex", dependencies: [
            "RexRepl",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: Benchmark reader (bench/odbc/run.sh; RexODBCTests runs it alone to measure peak memory)
        .executableTarget(name: "rex-odbc-bench", dependencies: ["RexODBC", "RexData"], path: "bench/odbc/rex-odbc-bench"),

        // MARK: Fuzz targets (make fuzz, scripts/fuzz.sh): libFuzzer under AddressSanitizer there,
        // replayers of saved inputs in a plain build
        .target(name: "CFuzzDriver"),
        .target(name: "RexFuzzSupport", dependencies: ["CFuzzDriver"]),
        .executableTarget(name: "FuzzFrontEnd", dependencies: ["RexFuzzSupport", "RexLanguage", "RexCompiler", "RexData"]),
        .executableTarget(name: "FuzzPNG", dependencies: ["RexFuzzSupport", "RexImage"]),

        // MARK: Tests
        .target(name: "RexTestSupport", dependencies: ["RexODBC"], path: "Tests/RexTestSupport"),
        // The conformance case format, runner and result comparison, shared by the conformance
        // suite and the differential fuzzer.
        .target(name: "RexConformanceSupport",
                dependencies: ["RexRuntime", "RexCompiler", "RexLanguage", "RexData", "RexODBC", "RexTestSupport"],
                path: "Tests/RexConformanceSupport"),
        .testTarget(name: "RexODBCTests", dependencies: ["RexODBC", "RexTestSupport"]),
        .testTarget(name: "RexPythonTests", dependencies: ["RexPython", "RexTestSupport"]),
        .testTarget(name: "RexImageTests", dependencies: ["RexImage"]),
        .testTarget(name: "RexDataTests", dependencies: ["RexData"]),
        .testTarget(name: "RexLanguageTests", dependencies: ["RexLanguage", "RexData", "RexTestSupport"],
                    exclude: ["Golden"]), // golden files are read through #filePath
        .testTarget(name: "RexCompilerTests", dependencies: ["RexCompiler", "RexPython", "RexTestSupport"]),
        .testTarget(name: "RexRuntimeTests", dependencies: ["RexRuntime", "RexTestSupport"]),
        .testTarget(name: "RexReplTests", dependencies: ["RexRepl", "RexTestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["RexTestSupport", "RexImage"]),
        .testTarget(name: "ConformanceTests",
                    dependencies: ["RexRuntime", "RexCompiler", "RexLanguage", "RexData", "RexODBC", "RexTestSupport", "RexConformanceSupport"]),
        // Against a live T-SQL server when REX_TEST_MSSQL is set; skipped with one line otherwise.
        .testTarget(name: "MSSQLTests", dependencies: ["RexODBC", "RexData", "RexTestSupport", "RexConformanceSupport"]),
        .testTarget(name: "DifferentialTests",
                    dependencies: ["RexRuntime", "RexCompiler", "RexLanguage", "RexData", "RexTestSupport", "RexConformanceSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
