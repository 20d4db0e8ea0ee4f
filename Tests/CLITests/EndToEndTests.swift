import Foundation
import RexTestSupport
import Testing

/// The real binary, as a user runs it from the shell.
@Suite("rex end to end")
struct EndToEndTests {
    @Test("a misspelled column prints the caret diagnostic and exits 1")
    func diagnostic() throws {
        let result = try runRex(["-e", #"sample iris | filter Specis == "setosa""#])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
        error: unknown column 'Specis' in filter
         --> line 1, column 22
          |
        1 | sample iris | filter Specis == "setosa"
          |                      ^^^^^^
          = help: did you mean 'Species'?

        """)
    }

    @Test("piped output is CSV, never cut")
    func csvWhenPiped() throws {
        let result = try runRex(["-e", "sample iris | take 2"])
        #expect(result.status == 0)
        #expect(result.stdout == "Sepal_Length,Sepal_Width,Petal_Length,Petal_Width,Species\n5.1,3.5,1.4,0.2,setosa\n4.9,3.0,1.4,0.2,setosa\n")
        // More rows than a terminal shows (maxrows 40): all of them, one per line.
        let all = try runRex([], input: "sample iris | select Species\n")
        #expect(all.stdout.components(separatedBy: "\n").count == 152) // header, 150 rows, final newline
    }

    @Test("scripts stop at the first failing statement unless --keep-going; errors name the file")
    func scripts() throws {
        let directory = TestEnvironment.temporaryDirectory()
        let script = directory.appendingPathComponent("report.rex")
        try """
        let setosa = sample iris | filter Species == "setosa"
        setosa | summarize n = count()
        setosa | select Nope
        setosa | summarize m = max(Sepal_Length)
        """.write(to: script, atomically: true, encoding: .utf8)
        let stopped = try runRex([script.path])
        #expect(stopped.status == 1)
        #expect(stopped.stdout == "n\n50\n")
        #expect(stopped.stderr.contains("report.rex"))
        #expect(stopped.stderr.contains("line 3, column 17"))
        let going = try runRex(["--keep-going", script.path])
        #expect(going.status == 1)
        #expect(going.stdout == "n\n50\nm\n5.8\n")
    }

    @Test("-v variables are substituted as literals")
    func variables() throws {
        let result = try runRex(["-v", "S=setosa", "-v", "N=2", "-e", "sample iris | filter Species == $(S) | take $(N) | select Species"])
        #expect(result.status == 0)
        #expect(result.stdout == "Species\nsetosa\nsetosa\n")
        let setvar = try runRex([], input: ":setvar N 3\nsample iris | take $(N) | select Species\n")
        #expect(setvar.stdout == "Species\nsetosa\nsetosa\nsetosa\n", "\(setvar.stderr)")
        let missing = try runRex(["-e", "sample iris | take $(N)"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("'N' is not set"))
    }

    @Test(":set bulk_copy takes on or off")
    func bulkCopySetting() throws {
        let ok = try runRex(["--no-rc", "-e", ":set bulk_copy on", "-e", ":set bulk_copy off"])
        #expect(ok.status == 0, "\(ok.stderr)")
        let bad = try runRex(["--no-rc", "-e", ":set bulk_copy maybe"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains(":set bulk_copy takes on or off"))
    }

    @Test("--format json and markdown")
    func formats() throws {
        let json = try runRex(["--format", "json", "-e", "sample iris | take 1 | select Species, Petal_Width"])
        #expect(json.stdout == "[\n  {\"Species\": \"setosa\", \"Petal_Width\": 0.2}\n]\n")
        let markdown = try runRex(["--format", "markdown", "-e", "sample iris | take 1 | select Species"])
        #expect(markdown.stdout == "| Species |\n| --- |\n| setosa |\n")
        let bad = try runRex(["--format", "xml", "-e", "sample iris"])
        #expect(bad.status == 2)
    }

    @Test("SQLite through ODBC: -> table, :tables, :describe, :exec, server context, :sql")
    func sqliteSession() throws {
        let database = TestEnvironment.sqliteDatabase()
        let result = try runRex(["-c", database.connectionString], input: """
        sample iris -> table iris_data
        :tables
        :describe iris_data
        :exec SELECT count(*) AS n FROM iris_data
        :context server
        table iris_data | summarize n = count() by Species | sort Species
        :sql table iris_data | filter Species == "setosa" | select Species
        sample iris | take 1
        """)
        #expect(result.stdout.contains("wrote 150 rows to table iris_data"))
        #expect(result.stdout.contains("schema,name,kind\n,iris_data,table\n"))
        #expect(result.stdout.contains("Sepal_Length,float,"))
        #expect(result.stdout.contains("n\n150\n"))
        #expect(result.stdout.contains("Species,n\nsetosa,50\nversicolor,50\nvirginica,50\n"))
        #expect(result.stdout.contains("WHERE \"Species\" = 'setosa'"))
        #expect(result.stderr.contains("'sample iris' is local data and the context is server"))
        #expect(result.stderr.contains("upload it first"))
        #expect(result.status == 1)
    }

    @Test("PostgreSQL: connect, catalog, a server error with SQLSTATE and text, password masked")
    func postgresSession() throws {
        let connection = try TestEnvironment.postgresUnprivileged
        let result = try runRex([], input: """
        :connect \(connection) as pg
        :connections
        :exec SELECT 1/0
        """, environment: ["REX_HISTORY": ""])
        #expect(result.stdout.contains("connected to pg (PostgreSQL"))
        #expect(result.stdout.contains("Pwd=***"))
        #expect(!result.stdout.contains("rex-secret") && !result.stderr.contains("rex-secret"))
        #expect(result.stderr.contains("error: the server rejected the statement"))
        #expect(result.stderr.contains("[22012]"))
        #expect(result.stderr.contains("division by zero"))
        #expect(result.stderr.contains("statement: SELECT 1/0"))
    }

    @Test("a connection that fails exits 3 with the driver's records; Pwd=? without a terminal fails")
    func connectFailures() throws {
        let result = try runRex(["-c", "Driver={ODBC Driver 18 for SQL Server};Server=127.0.0.1,1;Uid=ana;Pwd=hunter2;Login Timeout=2", "-e", "sample iris"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("[Microsoft][ODBC Driver 18 for SQL Server]"))
        #expect(!result.stderr.contains("hunter2"))
        let prompt = try runRex(["-c", "Driver={PostgreSQL Unicode};Server=127.0.0.1;Uid=ana;Pwd=?", "-e", "sample iris"],
                                environment: ["REX_PASSWORD": nil])
        #expect(prompt.status == 3)
    }
}

@Suite("Analytic results end to end")
struct AnalyticEndToEndTests {
    @Test("linmod as JSON carries the coefficients and the fit; iris values as R's lm gives them")
    func linmodJSON() throws {
        let result = try runRex(["--format", "json", "-e", "sample iris | linmod Petal_Width ~ Petal_Length"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        let slope = try #require(coefficients.last?["Estimate"] as? Double)
        #expect(abs(slope - 0.415755) < 1e-6)                 // lm(Petal.Width ~ Petal.Length, iris)
        let fit = try #require(object["fit"] as? [String: Any])
        #expect(fit["n"] as? Int == 150)
        #expect(abs((fit["r_squared"] as? Double ?? 0) - 0.9271) < 1e-4)
    }

    @Test("plot -> png writes a valid PNG with rex's text chunks")
    func plotToPNG() throws {
        let path = TestEnvironment.temporaryDirectory().appendingPathComponent("iris.png").path
        let result = try runRex(["-e", "sample iris | plot hist Sepal_Length bins=10 -> png \"\(path)\""])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("saved \(path) ("))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(Array(bytes.prefix(4)) == [0x89, 0x50, 0x4E, 0x47])
        #expect(bytes.range(of: Data("Pipeline".utf8)) != nil)
        #expect(bytes.range(of: Data("plot hist Sepal_Length".utf8)) != nil)
    }
}

@Suite("Cancelling statements")
struct CancelEndToEndTests {
    @Test(":set timeout cancels a running Python block and a server query; the session goes on")
    func timeout() throws {
        let result = try runRex(["--keep-going", "-c", try TestEnvironment.postgres], input: """
        :set timeout 1
        python \"\"\"
        while True: pass
        \"\"\"
        :exec SELECT pg_sleep(30)
        :exec SELECT 42 AS answer
        """)
        #expect(result.stderr.components(separatedBy: "ran longer than the timeout (1 s)").count == 3, "\(result.stderr)")
        #expect(result.stdout.contains("answer\n42\n"))
    }

    @Test("SIGINT stops a script with status 130")
    func interruptScript() throws {
        // The Python block says when it runs (a file), so the signal surely lands in the loop.
        let ready = TestEnvironment.temporaryDirectory().appendingPathComponent("ready").path
        let process = Process()
        process.executableURL = TestEnvironment.rexExecutable
        process.arguments = ["-e", "python \"\"\"\nopen('\(ready)', 'w').close()\nwhile True: pass\n\"\"\""]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let started = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready) && process.isRunning && Date() < started {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(FileManager.default.fileExists(atPath: ready), "the Python block never started")
        process.interrupt()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "rex did not stop within 5 s of SIGINT")
        if process.isRunning { process.terminate(); return }
        #expect(process.terminationStatus == 130)
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(text.contains("interrupted"))
    }

    @Test("SIGINT while Python is still starting stops the statement too")
    func interruptDuringStartup() throws {
        let process = Process()
        process.executableURL = TestEnvironment.rexExecutable
        process.arguments = ["-e", "python \"\"\"\nwhile True: pass\n\"\"\""]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 0.3) // rex is up; Python is starting or about to
        process.interrupt()
        let deadline = Date().addingTimeInterval(30) // Python's start-up must finish before it can stop
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning, "rex did not stop after SIGINT during start-up")
        if process.isRunning { process.terminate(); return }
        #expect(process.terminationStatus == 130)
    }
}

@Suite("Connections from the command line")
struct ConnectionEndToEndTests {
    @Test("REX_CONNECT connects at start; :python shows the pipeline's pandas code")
    func rexConnect() throws {
        let database = TestEnvironment.sqliteDatabase()
        let result = try runRex(["-e", "sample iris | take 2 -> table two", "-e", ":tables", "-e", ":python table two | filter Sepal_Length > 5"],
                                environment: ["REX_CONNECT": database.connectionString])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("wrote 2 rows to table two"))
        #expect(result.stdout.contains(",two,table"))
        #expect(result.stdout.contains("df = _source0  # table \"two\"\ndf = df[_rex.true(df[\"Sepal_Length\"] > 5)]\nresult = df\n"))
        #expect(!result.stdout.contains("import _rex"))
    }

    @Test("a lost connection ends a script with status 3; :connect again works")
    func lostConnection() throws {
        let connection = try TestEnvironment.postgres
        let script = """
        :connect \(connection) as a
        :exec SELECT pg_terminate_backend(pg_backend_pid())
        :exec SELECT 1 AS still_there
        """
        let stopped = try runRex([], input: script)
        #expect(stopped.status == 3)
        #expect(stopped.stderr.contains("connection to the server was lost"))
        #expect(!stopped.stdout.contains("still_there"))
        let again = try runRex(["--keep-going"], input: script + "\n:connect \(connection) as a\n:exec SELECT 2 AS back\n")
        #expect(again.stdout.contains("back\n2\n"), "\(again.stderr)")
    }
}

@Suite("Server work without Python")
struct NoPythonTests {
    @Test("uploading sample data and server pipelines never start Python")
    func serverWithoutPython() throws {
        let database = TestEnvironment.sqliteDatabase()
        let probe = try PythonStartProbe()
        let result = try runRex(["-c", database.connectionString, "--context", "server", "-e", "sample iris -> table t",
                                 "-e", "table t | summarize n = count() by Species | sort Species", "-e", "table t | summary Sepal_Length"],
                                environment: probe.environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Species,n\nsetosa,50\nversicolor,50\nvirginica,50\n"))
        #expect(result.stdout.contains("Sepal_Length,,,5.843333333333"))
        #expect(!probe.pythonStarted, "server work started Python")
        // The probe does see a start: the local context.
        let local = try runRex(["-e", "sample iris | summarize n = count()"], environment: probe.environment)
        #expect(local.status == 0, "\(local.stderr)")
        #expect(probe.pythonStarted)
    }
}

@Suite("Server install")
struct ServerInstallTests {
    @Test(":server install as a superuser lets a member of rex_python run plot steps on the server")
    func install() throws {
        // A database of its own: once rex.run exists, every test on that database would use it.
        let setup = try runRex(["-c", try TestEnvironment.postgres, "-e", ":exec DROP DATABASE IF EXISTS rex_server_install",
                                "-e", ":exec CREATE DATABASE rex_server_install"])
        #expect(setup.status == 0, "\(setup.stderr)")
        let adminConnection = try TestEnvironment.postgres.replacingOccurrences(of: "Database=rex_test", with: "Database=rex_server_install")
        let userConnection = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Database=rex_test", with: "Database=rex_server_install")
        let prepare = try runRex(["-c", adminConnection, "-e", ":exec CREATE EXTENSION plpython3u", "-e", ":exec GRANT ALL ON SCHEMA public TO rex_user"])
        #expect(prepare.status == 0, "\(prepare.stderr)")
        let admin = try runRex(["-c", adminConnection, "-e", ":server install", "-e", ":exec GRANT rex_python TO rex_user"])
        #expect(admin.status == 0, "\(admin.stderr)")
        #expect(admin.stdout.contains("CREATE FUNCTION rex.run(spec_text text) RETURNS bytea LANGUAGE plpython3u"))
        let path = TestEnvironment.temporaryDirectory().appendingPathComponent("hist.png").path
        let user = try runRex(["-c", userConnection, "--context", "server",
                               "-e", "sample iris -> table install_iris replace",
                               "-e", "table install_iris | plot hist Sepal_Length bins=12 -> png \"\(path)\""])
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("saved \(path) (800×600"))
    }
}
