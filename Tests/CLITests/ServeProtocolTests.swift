import Foundation
import RexImage
import RexTestSupport
import Testing

/// `rex --serve` (SPEC §5, docs/SERVE.md): the messages of every kind, exactly as written,
/// a multi-statement request stopped by an error, completion and is_complete, a statement
/// cancelled by SIGINT on PostgreSQL, and the password asked of the client.
@Suite("rex --serve protocol", .serialized)
struct ServeProtocolTests {
    static let ready = #"{"id":null,"type":"ready","version":"0.1.0","protocol":1}"#
    static let irisColumns = #"[{"name":"Sepal_Length","type":"float"},{"name":"Sepal_Width","type":"float"},{"name":"Petal_Length","type":"float"},{"name":"Petal_Width","type":"float"},{"name":"Species","type":"text"}]"#

    private func client(environment: [String: String?] = [:]) throws -> ServeClient {
        let client = try ServeClient(environment: environment)
        #expect(client.next() == Self.ready)
        return client
    }

    @Test("table, text and done, exactly; a request's maxrows cuts a table to its head and tail")
    func tableTextDone() throws {
        let serve = try client()
        #expect(try serve.run("sample iris | take 3", id: 1) == [
            #"{"id":1,"type":"table","kind":"plain","columns":\#(Self.irisColumns),"rows":[[5.1,3.5,1.4,0.2,"setosa"],[4.9,3.0,1.4,0.2,"setosa"],[4.7,3.2,1.3,0.2,"setosa"]],"tail":[],"row_count":3,"truncated":false,"display":{"rows":[["5.1","3.5","1.4","0.2",null],["4.9","3.0","1.4","0.2",null],["4.7","3.2","1.3","0.2",null]],"tail":[]}}"#,
            #"{"id":1,"type":"done","status":"ok"}"#,
        ])
        #expect(try serve.run("sample iris", id: "t", extra: #","maxrows":4"#) == [
            #"{"id":"t","type":"table","kind":"plain","columns":\#(Self.irisColumns),"rows":[[5.1,3.5,1.4,0.2,"setosa"],[4.9,3.0,1.4,0.2,"setosa"]],"tail":[[6.2,3.4,5.4,2.3,"virginica"],[5.9,3.0,5.1,1.8,"virginica"]],"row_count":150,"truncated":true,"display":{"rows":[["5.1","3.5","1.4","0.2",null],["4.9","3.0","1.4","0.2",null]],"tail":[["6.2","3.4","5.4","2.3",null],["5.9","3.0","5.1","1.8",null]]}}"#,
            #"{"id":"t","type":"done","status":"ok"}"#,
        ])
        // Float cells also come as a terminal shows them (`display`), with the session's :set digits.
        #expect(try serve.run(":set digits 4", id: 4) == [#"{"id":4,"type":"done","status":"ok"}"#])
        #expect(try serve.run("sample iris | take 1 | select r = Sepal_Length / 3, n = 1, s = 2e16 * Petal_Width", id: 5) == [
            #"{"id":5,"type":"table","kind":"plain","columns":[{"name":"r","type":"float"},{"name":"n","type":"int"},{"name":"s","type":"float"}],"rows":[[1.7,1,4000000000000000.0]],"tail":[],"row_count":1,"truncated":false,"display":{"rows":[["1.7",null,"4.0e+15"]],"tail":[]}}"#,
            #"{"id":5,"type":"done","status":"ok"}"#,
        ])
        #expect(try serve.run("sample iris | take 1 | select r = Sepal_Width / 3", id: 6) == [
            #"{"id":6,"type":"table","kind":"plain","columns":[{"name":"r","type":"float"}],"rows":[[1.1666666666666667]],"tail":[],"row_count":1,"truncated":false,"display":{"rows":[["1.167"]],"tail":[]}}"#,
            #"{"id":6,"type":"done","status":"ok"}"#,
        ])
        #expect(try serve.run(":context local", id: 3) == [
            #"{"id":3,"type":"text","stream":"stdout","text":"context: local — pipelines run in the embedded Python (pandas)\n"}"#,
            #"{"id":3,"type":"done","status":"ok"}"#,
        ])
        #expect(serve.finish() == 0)
    }

    @Test("a let of one request is there in the next; :quit ends the loop after its done")
    func sessionPersists() throws {
        let serve = try client()
        #expect(try serve.run("let two = sample iris | take 2", id: 1) == [#"{"id":1,"type":"done","status":"ok"}"#])
        #expect(try serve.run("two | summarize n = count()", id: 2) == [
            #"{"id":2,"type":"table","kind":"plain","columns":[{"name":"n","type":"int"}],"rows":[[2]],"tail":[],"row_count":1,"truncated":false}"#,
            #"{"id":2,"type":"done","status":"ok"}"#,
        ])
        #expect(try serve.run(":quit", id: 3) == [#"{"id":3,"type":"done","status":"ok"}"#])
        #expect(serve.finish() == 0)
    }

    @Test("errors of each kind carry the rendered diagnostic: syntax, type, runtime, python, protocol")
    func errors() throws {
        let serve = try client()
        #expect(try serve.run("sample iris | filter (Sepal_Length", id: 1) == [
            #"{"id":1,"type":"error","kind":"syntax","message":"expected ')' to close '(', found end of input","rendered":"error: expected ')' to close '(', found end of input\n --> line 1, column 35\n  |\n1 | sample iris | filter (Sepal_Length\n  |                                   ^","diagnostics":[{"message":"expected ')' to close '(', found end of input","line":1,"column":35,"end_line":1,"end_column":35,"help":null}]}"#,
            #"{"id":1,"type":"done","status":"error"}"#,
        ])
        #expect(try serve.run(#"sample iris | filter Specis == "setosa""#, id: 2) == [
            #"{"id":2,"type":"error","kind":"type","message":"unknown column 'Specis' in filter","rendered":"error: unknown column 'Specis' in filter\n --> line 1, column 22\n  |\n1 | sample iris | filter Specis == \"setosa\"\n  |                      ^^^^^^\n  = help: did you mean 'Species'?","diagnostics":[{"message":"unknown column 'Specis' in filter","line":1,"column":22,"end_line":1,"end_column":28,"help":"did you mean 'Species'?"}]}"#,
            #"{"id":2,"type":"done","status":"error"}"#,
        ])
        #expect(try serve.run(":context server", id: 3) == [
            #"{"id":3,"type":"error","kind":"runtime","message":"the server context needs a connection","rendered":"error: the server context needs a connection\n  = help: connect first with :connect CONNSTR"}"#,
            #"{"id":3,"type":"done","status":"error"}"#,
        ])
        let python = try serve.run("python \"\"\"\nprint('before')\n1/0\n\"\"\"", id: 4)
        #expect(python.count == 3, "\(python)")
        #expect(python.first == #"{"id":4,"type":"text","stream":"stdout","text":"before\n"}"#)
        let error = ServeClient.object(python[1])
        #expect(error["type"] as? String == "error")
        #expect(error["kind"] as? String == "python")
        #expect(error["exception"] as? String == "ZeroDivisionError")
        #expect((error["traceback"] as? String)?.contains("1/0") == true)
        #expect((error["rendered"] as? String)?.hasPrefix("error: Python raised ZeroDivisionError\nTraceback") == true)
        #expect(python[2] == #"{"id":4,"type":"done","status":"error"}"#)

        serve.send("not json")
        serve.send(#"{"id":6,"code":1}"#)
        let protocolErrors = [serve.next(), serve.next(), serve.next(), serve.next()]
        #expect(protocolErrors == [
            #"{"id":null,"type":"error","kind":"protocol","message":"a request is one JSON object per line","rendered":"error: a request is one JSON object per line"}"#,
            #"{"id":null,"type":"done","status":"error"}"#,
            #"{"id":6,"type":"error","kind":"protocol","message":"\"code\" must be a string","rendered":"error: \"code\" must be a string"}"#,
            #"{"id":6,"type":"done","status":"error"}"#,
        ])
        #expect(serve.finish() == 0)
    }

    @Test("an error inside a multi-statement request stops the rest; keep_going runs on")
    func multiStatementError() throws {
        let serve = try client()
        let code = "sample iris | take 1 | select Species\nsample iris | filter Specis == 1\nsample iris | take 2 | select Species"
        let stopped = try serve.run(code, id: 1)
        #expect(stopped.map { ServeClient.object($0)["type"] as? String } == ["table", "error", "done"])
        #expect(stopped[1].contains(#""rendered":"error: unknown column 'Specis' in filter\n --> line 2, column 22"#))
        #expect(stopped[2] == #"{"id":1,"type":"done","status":"error"}"#)
        let going = try serve.run(code, id: 2, extra: #","keep_going":true"#)
        #expect(going.map { ServeClient.object($0)["type"] as? String } == ["table", "error", "table", "done"])
        #expect(going[2].contains(#""rows":[["setosa"],["setosa"]]"#))
        #expect(going[3] == #"{"id":2,"type":"done","status":"error"}"#)
        #expect(serve.finish() == 0)
    }

    @Test("image: a PNG that libpng decodes, its size and provenance")
    func image() throws {
        let serve = try client()
        let pipeline = "sample iris | plot scatter Sepal_Length Petal_Length color=Species"
        let lines = try serve.run(pipeline, id: 1, timeout: 120)
        #expect(lines.count == 2, "\(lines)")
        let message = ServeClient.object(lines[0])
        #expect(message["type"] as? String == "image")
        #expect(message["number"] as? Int == 1)
        #expect(message["format"] as? String == "png")
        #expect(message["pipeline"] as? String == pipeline)
        #expect(message["context"] as? String == "local")
        let data = try #require(Data(base64Encoded: message["data"] as? String ?? ""))
        #expect(message["bytes"] as? Int == data.count)
        let png = try PNGImage(pngData: data)
        #expect(png.width == message["width"] as? Int)
        #expect(png.height == message["height"] as? Int)
        #expect(png.width > 100 && png.height > 100)
        #expect(lines[1] == #"{"id":1,"type":"done","status":"ok"}"#)
        // Kept for :save, as at the REPL.
        let images = try serve.run(":images", id: 2)
        #expect(images.first?.contains(#""text":"image 1 · "#) == true, "\(images)")
        // :show N sends the image again, for the client to draw.
        let shown = try serve.run(":show 1", id: 3)
        #expect(shown == [lines[0].replacingOccurrences(of: #"{"id":1,"#, with: #"{"id":3,"#), #"{"id":3,"type":"done","status":"ok"}"#])
        #expect(serve.finish() == 0)
    }

    @Test("linmod: coefficients and fit in the JSON shape of SPEC §2, with the terminal report")
    func linmod() throws {
        let serve = try client()
        let lines = try serve.run("sample iris | linmod Petal_Width ~ Petal_Length", id: 1)
        #expect(lines.count == 2)
        let message = ServeClient.object(lines[0])
        #expect(message["type"] as? String == "linmod")
        #expect(message["formula"] as? String == "Petal_Width ~ Petal_Length")
        #expect(message["context"] as? String == "local")
        let coefficients = try #require(message["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["Term"] as? String } == ["(Intercept)", "Petal_Length"])
        #expect(Set(coefficients[0].keys) == ["Term", "Estimate", "StdError", "TValue", "PValue"])
        let slope = try #require(coefficients[1]["Estimate"] as? Double)
        #expect(abs(slope - 0.4157554163524) < 1e-10)
        let fit = try #require(message["fit"] as? [String: Any])
        #expect(Set(fit.keys) == ["n", "r_squared", "adj_r_squared", "residual_se", "residual_df", "f", "f_df1", "f_df2", "f_pvalue"])
        #expect(fit["n"] as? Int == 150)
        #expect((message["text"] as? String)?.hasPrefix("Linear model: Petal_Width ~ Petal_Length  (150 observations, local)") == true)
        #expect(serve.finish() == 0)
    }

    @Test("completion (code point offsets) and is_complete from rex's completer and splitter")
    func completion() throws {
        let serve = try client()
        serve.send(#"{"id":1,"complete":"sample iris | fil","cursor":17}"#)
        serve.send(#"{"id":2,"complete":"naïve | ta"}"#)
        serve.send(#"{"id":3,"complete":":con x","cursor":4}"#)
        serve.send(#"{"id":4,"is_complete":"sample iris |"}"#)
        serve.send(#"{"id":5,"is_complete":"sample iris | take 3"}"#)
        serve.send(#"{"id":6,"is_complete":"python \"\"\"\nx = 1"}"#)
        let lines = (0..<12).compactMap { _ in serve.next() }
        #expect(lines == [
            #"{"id":1,"type":"completion","matches":["filter"],"cursor_start":14,"cursor_end":17}"#,
            #"{"id":1,"type":"done","status":"ok"}"#,
            #"{"id":2,"type":"completion","matches":["table","take"],"cursor_start":8,"cursor_end":10}"#,
            #"{"id":2,"type":"done","status":"ok"}"#,
            #"{"id":3,"type":"completion","matches":["connect","connections","context"],"cursor_start":1,"cursor_end":4}"#,
            #"{"id":3,"type":"done","status":"ok"}"#,
            #"{"id":4,"type":"is_complete","status":"incomplete","indent":"  "}"#,
            #"{"id":4,"type":"done","status":"ok"}"#,
            #"{"id":5,"type":"is_complete","status":"complete","indent":""}"#,
            #"{"id":5,"type":"done","status":"ok"}"#,
            #"{"id":6,"type":"is_complete","status":"incomplete","indent":"  "}"#,
            #"{"id":6,"type":"done","status":"ok"}"#,
        ])
        #expect(serve.finish() == 0)
    }

    @Test("PostgreSQL: a database error with its SQLSTATE records; SIGINT cancels pg_sleep(30) within 5 s and the next request works")
    func postgresErrorAndCancel() throws {
        let serve = try client()
        let connected = try serve.run(":connect " + TestEnvironment.postgres, id: 1)
        #expect(connected.last == #"{"id":1,"type":"done","status":"ok"}"#, "\(connected)")
        let failed = try serve.run(":exec SELECT 1/0", id: 2)
        let error = ServeClient.object(failed[0])
        #expect(error["kind"] as? String == "database")
        #expect(error["message"] as? String == "the server rejected the statement")
        let records = try #require(error["records"] as? [[String: Any]])
        #expect(records.first?["sqlstate"] as? String == "22012")
        #expect(error["statement"] as? String == "SELECT 1/0")
        #expect((error["rendered"] as? String)?.contains("[22012]") == true)
        #expect(failed.last == #"{"id":2,"type":"done","status":"error"}"#)
        // Values as :format json writes them: floats exact, NULL as null, dates ISO, text escaped.
        let values = try serve.run(#"sql "SELECT 0.1::float8 + 0.2::float8 AS f, NULL::int AS n, DATE '2024-02-29' AS d, 'a\"b' AS t""#, id: 22)
        #expect(values.first == #"{"id":22,"type":"table","kind":"plain","columns":[{"name":"f","type":"float"},{"name":"n","type":"int"},{"name":"d","type":"date"},{"name":"t","type":"text"}],"rows":[[0.30000000000000004,null,"2024-02-29","a\"b"]],"tail":[],"row_count":1,"truncated":false,"display":{"rows":[["0.3",null,null,null]],"tail":[]}}"#, "\(values)")

        serve.send(#"{"id":3,"code":"sql \"SELECT pg_sleep(30)\""}"#)
        Thread.sleep(forTimeInterval: 1.5)
        let started = Date()
        serve.interrupt()
        let cancelled = try serve.messages(until: 3, timeout: 5)
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(cancelled == [#"{"id":3,"type":"done","status":"cancelled"}"#])
        #expect(try serve.run(#"sql "SELECT 42 AS answer""#, id: 4) == [
            #"{"id":4,"type":"table","kind":"plain","columns":[{"name":"answer","type":"int"}],"rows":[[42]],"tail":[],"row_count":1,"truncated":false}"#,
            #"{"id":4,"type":"done","status":"ok"}"#,
        ])
        // SIGINT while idle cancels nothing: the next request runs.
        serve.interrupt()
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try serve.run(#"sql "SELECT 1 AS one""#, id: 5).last == #"{"id":5,"type":"done","status":"ok"}"#)
        #expect(serve.finish() == 0)
    }

    @Test("Pwd=? asks the client with input_request (password, never echoed); REX_PASSWORD answers without asking")
    func password() throws {
        let secret = "s3cret-\(UUID().uuidString.prefix(8))"
        let asking = try TestEnvironment.postgresUnprivileged.replacingOccurrences(of: "Pwd=rex-secret;", with: "Pwd=?;")
        #expect(asking.contains("Pwd=?;"))
        let serve = try client(environment: ["REX_PASSWORD": nil])
        serve.send(#"{"id":1,"code":\#(ServeClient.json(":connect " + asking))}"#)
        let request = try #require(serve.next())
        #expect(request.hasPrefix(#"{"id":1,"type":"input_request","prompt":"Password for rex_user @ 127.0.0.1"#), "\(request)")
        #expect(request.hasSuffix(#""password":true}"#))
        serve.send(#"{"id":1,"input":"rex-secret"}"#)
        let connected = try serve.messages(until: 1)
        #expect(connected.last == #"{"id":1,"type":"done","status":"ok"}"#, "\(connected)")
        #expect(!connected.joined().contains("rex-secret"))
        // Declined: a connection error, and the loop goes on.
        serve.send(#"{"id":2,"code":\#(ServeClient.json(":connect " + asking + " as other"))}"#)
        #expect(serve.next()?.contains(#""type":"input_request""#) == true)
        serve.send(#"{"id":2,"input":null}"#)
        let declined = try serve.messages(until: 2)
        #expect(declined.first?.contains(#""kind":"connection""#) == true, "\(declined)")
        #expect(declined.first?.contains("no password was given") == true)
        // Ctrl-C while the prompt waits cancels the statement (as at a terminal's prompt).
        serve.send(#"{"id":3,"code":\#(ServeClient.json(":connect " + asking + " as third"))}"#)
        #expect(serve.next()?.contains(#""type":"input_request""#) == true)
        serve.interrupt()
        #expect(try serve.messages(until: 3, timeout: 5) == [#"{"id":3,"type":"done","status":"cancelled"}"#])
        #expect(serve.finish() == 0)

        let withVariable = try client(environment: ["REX_PASSWORD": secret])
        let lines = try withVariable.run(":connect " + asking, id: 1)
        #expect(!lines.joined().contains("input_request"))
        #expect(!lines.joined().contains(secret))
        #expect(withVariable.finish() == 0)
    }
}
