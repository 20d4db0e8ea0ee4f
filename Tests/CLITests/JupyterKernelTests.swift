import Foundation
import RexImage
import RexTestSupport
import Testing

/// The Jupyter kernel (SPEC §5, issue 17): installed with `rex --install-kernel --prefix`
/// into a temporary directory, run headless by nbclient on Debian's /usr/bin/python3
/// (Tests/tools/rex_notebook.py), against the test PostgreSQL.
@Suite("Jupyter kernel", .serialized)
struct JupyterKernelTests {
    static let python = URL(fileURLWithPath: "/usr/bin/python3")
    static let driver = TestEnvironment.packageRoot.appendingPathComponent("Tests/tools/rex_notebook.py").path

    /// A fresh prefix with the kernel installed, and the environment that finds it.
    private func installKernel() throws -> (prefix: URL, environment: [String: String?]) {
        let prefix = TestEnvironment.temporaryDirectory()
        let installed = try runRex(["--install-kernel", "--prefix", prefix.path])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("share/jupyter/kernels/rex"))
        let runtime = prefix.appendingPathComponent("runtime")
        return (prefix, [
            "JUPYTER_PATH": prefix.appendingPathComponent("share/jupyter").path,
            "JUPYTER_RUNTIME_DIR": runtime.path,
            "JUPYTER_CONFIG_DIR": prefix.appendingPathComponent("config").path,
            "PYDEVD_DISABLE_FILE_VALIDATION": "1",
            "REX_PASSWORD": nil,
            "XDG_CONFIG_HOME": prefix.appendingPathComponent("xdg").path, // no start-up file
        ])
    }

    @Test("--install-kernel writes kernel.json for Debian's python3 and the kernel file beside it")
    func kernelSpec() throws {
        let (prefix, _) = try installKernel()
        let directory = prefix.appendingPathComponent("share/jupyter/kernels/rex")
        let spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("kernel.json"))) as? [String: Any])
        let argv = try #require(spec["argv"] as? [String])
        #expect(argv.first == "/usr/bin/python3")
        #expect(argv.contains(directory.appendingPathComponent("rex_kernel.py").path))
        #expect(argv.suffix(2) == ["-f", "{connection_file}"])
        #expect(spec["language"] as? String == "rex")
        let binary = (spec["env"] as? [String: String])?["REX_KERNEL_BINARY"]
        #expect(binary.map { FileManager.default.isExecutableFile(atPath: $0) } == true)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("rex_kernel.py").path))
        let usage = try runRex(["--install-kernel", "--user", "--prefix", "/tmp"])
        #expect(usage.status == 2)
        let serveWithFile = try runRex(["--serve", "x.rex"])
        #expect(serveWithFile.status == 2)
    }

    @Test("a notebook run headless by nbclient: HTML table, PNG plot, let across cells, caret diagnostic, PostgreSQL server summary")
    func notebook() throws {
        let (prefix, environment) = try installKernel()
        let postgres = try TestEnvironment.postgres
        let cells = [
            "sample iris | take 3",
            "sample iris | plot scatter Sepal_Length Petal_Length color=Species",
            "let big = sample iris | filter Sepal_Length > 7.5",
            "big | summarize n = count()",
            #"sample iris | filter Specis == "setosa""#,
            ":connect " + postgres,
            "sample iris -> table iris_notebook replace",
            ":context server",
            "table iris_notebook | summary Sepal_Length, Species",
            "sample iris",
            ":set digits 4",
            "table iris_notebook | take 1 | select r = Sepal_Width / 3",
        ]
        let cellsFile = prefix.appendingPathComponent("cells.json")
        try JSONSerialization.data(withJSONObject: cells).write(to: cellsFile)
        let notebookFile = prefix.appendingPathComponent("out.ipynb")
        let run = try runProcess(Self.python, [Self.driver, "run", cellsFile.path, notebookFile.path], environment: environment)
        try #require(run.status == 0, "\(run.stderr)")
        let notebook = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: notebookFile)) as? [String: Any])
        let outputs = try #require(notebook["cells"] as? [[String: Any]]).map { $0["outputs"] as? [[String: Any]] ?? [] }
        try #require(outputs.count == cells.count)

        // 1: an HTML table with the types under the names, and text/plain beside it.
        let table = try #require(outputs[0].first?["data"] as? [String: Any])
        let html = text(table["text/html"])
        #expect(html.contains("<th>Sepal_Length</th>"))
        #expect(html.contains(#"<th style="font-weight:normal;font-style:italic">float</th>"#))
        #expect(html.contains(#">setosa</td>"#))
        #expect(html.contains("3 rows × 5 columns"))
        #expect(text(table["text/plain"]).hasPrefix("Sepal_Length  Sepal_Width"))

        // 2: a PNG that libpng decodes.
        let image = try #require(outputs[1].first?["data"] as? [String: Any])
        let png = try PNGImage(pngData: try #require(Data(base64Encoded: text(image["image/png"]), options: .ignoreUnknownCharacters)))
        #expect(png.width > 100 && png.height > 100)

        // 3–4: the let of one cell is there in the next.
        #expect(outputs[2].isEmpty)
        let count = text((outputs[3].first?["data"] as? [String: Any])?["text/html"])
        #expect(count.contains(">6</td>"))

        // 5: a Jupyter error carrying the caret diagnostic.
        let error = try #require(outputs[4].first)
        #expect(error["output_type"] as? String == "error")
        #expect(error["ename"] as? String == "type")
        let traceback = (error["traceback"] as? [String] ?? []).joined(separator: "\n")
        #expect(traceback.contains("1 | sample iris | filter Specis == \"setosa\"\n  |                      ^^^^^^\n  = help: did you mean 'Species'?"))

        // 6–9: :connect, an upload, :context server and a summary computed on the server.
        let connected = text(outputs[5].first?["text"]), context = text(outputs[7].first?["text"])
        #expect(connected.hasPrefix("connected to rex_test (PostgreSQL"))
        #expect(!connected.contains("Pwd="))
        #expect(context.hasPrefix("context: server (rex_test)"))
        let summary = try #require(outputs[8].first?["data"] as? [String: Any])
        #expect(text(summary["text/plain"]).contains("Summary Statistics Results for: Sepal_Length, Species"))
        #expect(text(summary["text/html"]).contains(#"<span style="color:#888">NULL</span>"#))
        #expect(text(summary["text/html"]).contains(">versicolor</td>"))
        // 10: the server context persists.
        #expect(outputs[9].first?["evalue"] as? String == "'sample iris' is local data and the context is server")
        // 11–12: floats in the HTML table as on the terminal, with :set digits.
        let digits = text((outputs[11].first?["data"] as? [String: Any])?["text/html"])
        #expect(digits.contains(">1.167</td>"), "\(digits)")
    }

    @Test("an interrupt during sql \"SELECT pg_sleep(30)\" returns within 5 s and the kernel goes on")
    func interrupt() throws {
        let (_, environment) = try installKernel()
        let run = try runProcess(Self.python, [Self.driver, "interrupt", ":connect " + TestEnvironment.postgres,
                                               #"sql "SELECT pg_sleep(30)""#, #"sql "SELECT 42 AS answer""#],
                                 environment: environment)
        try #require(run.status == 0, "\(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(result["setup_status"] as? String == "ok")
        #expect((result["seconds"] as? Double).map { $0 < 5 } == true, "\(result)")
        #expect(result["slow_status"] as? String == "error")
        #expect(result["slow_ename"] as? String == "KeyboardInterrupt")
        #expect(result["next_status"] as? String == "ok")
        let next = text(((result["next_outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])?["text/plain"])
        #expect(next.contains("42"))
    }

    @Test("Pwd=? in a notebook asks through input_request (password); the answer connects and is never shown")
    func passwordPrompt() throws {
        var (_, environment) = try installKernel()   // REX_PASSWORD unset: rex asks the notebook
        environment["REX_NOTEBOOK_ANSWER"] = "rex-secret"
        let connect = ":connect " + (try TestEnvironment.postgresUnprivileged).replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=?;")
        try #require(connect.contains("Pwd=?;"))
        let run = try runProcess(Self.python, [Self.driver, "prompt", "answer", connect, ":connections"], environment: environment)
        try #require(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("rex-secret"))
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(result["prompt_password"] as? Bool == true)
        #expect(result["slow_status"] as? String == "ok", "\(result)")
        let connected = ((result["prompt_outputs"] as? [[String: Any]])?.first?["text"] as? String) ?? ""
        #expect(connected.hasPrefix("connected to rex_test (PostgreSQL"), "\(result)")
        #expect(result["next_status"] as? String == "ok")
    }

    @Test("an interrupt while the notebook's password prompt waits cancels the cell within 5 s; the kernel goes on")
    func interruptAtPasswordPrompt() throws {
        let (_, environment) = try installKernel()   // REX_PASSWORD unset: rex asks the notebook
        let connect = ":connect Driver={PostgreSQL Unicode};Server=127.0.0.1;Port=1;Uid=ana;Pwd=?"
        let run = try runProcess(Self.python, [Self.driver, "prompt", "interrupt", connect, "sample iris | take 1 | select Species"],
                                 environment: environment)
        try #require(run.status == 0, "\(run.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(result["prompt_password"] as? Bool == true)
        #expect((result["seconds"] as? Double).map { $0 < 5 } == true, "\(result)")
        #expect(result["slow_status"] as? String == "error")
        #expect(result["slow_ename"] as? String == "KeyboardInterrupt")
        #expect(result["next_status"] as? String == "ok")
        let next = text(((result["next_outputs"] as? [[String: Any]])?.first?["data"] as? [String: Any])?["text/plain"])
        #expect(next.contains("setosa"))
    }

    /// A notebook field as text (nbformat stores multi-line strings as lists of lines).
    private func text(_ value: Any?) -> String {
        if let lines = value as? [String] { return lines.joined() }
        return value as? String ?? ""
    }
}
