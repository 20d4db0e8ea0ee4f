@testable import RexRepl
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
}
