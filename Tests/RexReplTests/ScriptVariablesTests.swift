@testable import RexRepl
import Testing

@Suite("Script variables")
struct ScriptVariablesTests {
    private var variables: ScriptVariables {
        var v = ScriptVariables()
        v.set("N", "10")
        v.set("S", "setosa")
        v.set("EVIL", "x\"; DROP TABLE t; --")
        v.set("Q", "O'Brien")
        return v
    }

    @Test("rex context: numbers stay numbers, text becomes an escaped string literal")
    func rex() throws {
        #expect(try variables.substitute("sample iris | take $(N)", context: .rex) == "sample iris | take 10")
        #expect(try variables.substitute("filter Species == $(S)", context: .rex) == #"filter Species == "setosa""#)
        #expect(try variables.substitute("filter s == $(EVIL)", context: .rex) == #"filter s == "x\"; DROP TABLE t; --""#)
        #expect(try variables.substitute(#"csv "/data/$(S).csv""#, context: .rex) == #"csv "/data/setosa.csv""#)
        #expect(try variables.substitute(#"filter s == "$(EVIL)""#, context: .rex) == #"filter s == "x\"; DROP TABLE t; --""#)
    }

    @Test("sql context doubles quotes; plain context inserts the value")
    func sql() throws {
        #expect(try variables.substitute("SELECT * FROM t WHERE n = $(Q)", context: .sql) == "SELECT * FROM t WHERE n = 'O''Brien'")
        #expect(try variables.substitute("SELECT '$(Q)'", context: .sql) == "SELECT 'O''Brien'")
        #expect(try variables.substitute("out/$(S).png", context: .plain) == "out/setosa.png")
    }

    @Test("an unset variable is an error naming it")
    func undefined() {
        let error = #expect(throws: ScriptVariables.UndefinedVariable.self) {
            try variables.substitute("take $(MISSING)", context: .rex)
        }
        #expect(error?.description.contains("'MISSING' is not set") == true)
    }

    @Test("-v NAME=VALUE parsing")
    func assignment() {
        var v = ScriptVariables()
        let accepted = v.set(assignment: "A=b=c")
        let emptyName = v.set(assignment: "=x")
        let noValue = v.set(assignment: "novalue")
        #expect(accepted && !emptyName && !noValue)
        #expect(v.values == ["A": "b=c"])
    }
}
