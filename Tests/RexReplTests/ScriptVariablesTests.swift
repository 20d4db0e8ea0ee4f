@testable import RexRepl
import RexLanguage
import RexODBC
import RexRuntime
import Testing

@Suite("Script variables in the REPL")
struct ScriptVariablesTests {
    @Test(":setvar lines never go to history (a variable may hold a secret)")
    func history() {
        #expect(!HistoryFile.mayStore(":setvar pw p@ss-Secret17"))
        #expect(!HistoryFile.mayStore("  :setvar pw x"))
        #expect(!HistoryFile.mayStore("sample iris\n:setvar pw x"))
        #expect(!HistoryFile.mayStore(":setvar"))
        #expect(!HistoryFile.mayStore("sample iris; :setvar pw x"))
        #expect(HistoryFile.mayStore("sample iris | take $(n)"))
    }

    @Test(":connect: a value stays inside its key's value, braced for the driver; it cannot add a key", arguments: [
        "x;Driver=/tmp/evil.so", "x;Database=postgres", "x};Server={evil", " spaced ", "a}}b{c", "?", "",
    ])
    func connectionValues(value: String) throws {
        let variables = ScriptVariables(["pw": value, "db": "sales"])
        let text = try Repl.connectionText("Driver={PostgreSQL Unicode};Server=h;Database=$(db);Uid=u;Pwd=$(pw)", variables: variables)
        let parsed = ConnectionString(text)
        #expect(parsed.pairs.map(\.key) == ["Driver", "Server", "Database", "Uid", "Pwd"], "\(text)")
        #expect(parsed["Pwd"] == value && parsed["Driver"] == "PostgreSQL Unicode" && parsed["Server"] == "h")
        #expect(parsed["Database"] == "sales")
    }

    @Test(":connect: no variables leave the text as written; a whole $(conn) or DSN is the whole value; a variable cannot write a key")
    func connectionWhole() throws {
        let variables = ScriptVariables(["conn": "Driver=SQLite3;Database=/tmp/x.db", "dsn": "warehouse", "k": "a;Driver", "p": "Pwd"])
        #expect(try Repl.connectionText("Driver={PostgreSQL Unicode};Server=h", variables: variables) == "Driver={PostgreSQL Unicode};Server=h")
        #expect(try Repl.connectionText("$(conn)", variables: variables) == "Driver=SQLite3;Database=/tmp/x.db")
        #expect(try Repl.connectionText("$(dsn)", variables: variables) == "warehouse")
        #expect(try Repl.connectionText("Driver=x;$(p)=1", variables: variables) == "Driver=x;Pwd=1;")
        #expect(throws: RuntimeError.self) { try Repl.connectionText("Driver=x;$(k)=/tmp/evil.so", variables: variables) }
        #expect(throws: UnsetVariable.self) { try Repl.connectionText("Driver=x;Pwd=$(nope)", variables: variables) }
    }
}
