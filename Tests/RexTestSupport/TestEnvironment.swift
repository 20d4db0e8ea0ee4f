import Foundation

/// Facts about the test environment that `make test` (scripts/with-postgres.sh) provides.
public enum TestEnvironment {
    /// ODBC connection string of the private PostgreSQL test database (superuser).
    /// Tests that need it fail loudly when it is missing: run them through `make test`.
    public static var postgres: String {
        get throws {
            guard let value = ProcessInfo.processInfo.environment["REX_TEST_PG"], !value.isEmpty else {
                throw MissingService(message: "REX_TEST_PG is not set: run the tests with `make test`, which starts PostgreSQL")
            }
            return value
        }
    }

    /// The same database as the unprivileged role `rex_user`.
    public static var postgresUnprivileged: String {
        get throws {
            guard let value = ProcessInfo.processInfo.environment["REX_TEST_PG_USER"], !value.isEmpty else {
                throw MissingService(message: "REX_TEST_PG_USER is not set: run the tests with `make test`")
            }
            return value
        }
    }

    /// ODBC connection string of a live T-SQL server (SQL Server 2019+, or Babelfish for
    /// PostgreSQL) from `REX_TEST_MSSQL`, or nil when it is unset: the live T-SQL suite is then
    /// skipped with one line saying so. The login needs CREATE TABLE and CREATE SCHEMA.
    public static var mssql: String? {
        guard let value = ProcessInfo.processInfo.environment["REX_TEST_MSSQL"], !value.isEmpty else { return nil }
        return value
    }

    /// True when the tests run under a sanitizer (`make test` sets `REX_TEST_SANITIZER`): its
    /// shadow memory and quarantine make peak-memory measurements meaningless.
    public static var underSanitizer: Bool {
        !(ProcessInfo.processInfo.environment["REX_TEST_SANITIZER"] ?? "").isEmpty
    }

    /// A connection string for a new SQLite database file in a fresh temporary directory.
    public static func sqliteDatabase(name: String = "test") -> (connectionString: String, path: String) {
        let directory = temporaryDirectory()
        let path = directory.appendingPathComponent("\(name).sqlite").path
        return ("Driver={SQLite3};Database=\(path);", path)
    }

    /// A new empty temporary directory.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rex-tests-\(UUID().uuidString)", isDirectory: true)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The package's root directory (where Package.swift is).
    public static var packageRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    /// The `rex` executable the CLI tests run: `REX_BINARY` (an absolute path; scripts/test.sh
    /// sets it to the binary `make run` builds, so the optimized binary itself is tested) when
    /// set, else the one built next to the test bundle.
    public static var rexExecutable: URL {
        if let path = ProcessInfo.processInfo.environment["REX_BINARY"], !path.isEmpty {
            precondition(path.hasPrefix("/"), "REX_BINARY must be an absolute path, not '\(path)'")
            precondition(FileManager.default.isExecutableFile(atPath: path), "REX_BINARY '\(path)' is not an executable file")
            return URL(fileURLWithPath: path)
        }
        let bundle = Bundle.main.bundleURL
        for candidate in [bundle.appendingPathComponent("rex"), bundle.deletingLastPathComponent().appendingPathComponent("rex")]
        where FileManager.default.isExecutableFile(atPath: candidate.path) {
            return candidate
        }
        return packageRoot.appendingPathComponent(".build/debug/rex")
    }
}

/// A service that the tests need is not there.
public struct MissingService: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
    public init(message: String) { self.message = message }
}
