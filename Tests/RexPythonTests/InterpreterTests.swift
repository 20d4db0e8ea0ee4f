import RexPython
import Testing

@Suite("Embedded CPython")
struct InterpreterTests {
    @Test("imports Debian's pandas and evaluates an expression")
    func pandas() throws {
        let version = try PythonInterpreter.shared.evaluate("pandas.__version__", setup: "import pandas")
        #expect(version.hasPrefix("1.5"))
        let total = try PythonInterpreter.shared.evaluate("int(pandas.Series([1, 2, None], dtype='Int64').sum())")
        #expect(total == "3")
        #expect(PythonInterpreter.shared.isStarted)
    }

    @Test("a Python exception becomes a PythonError with its traceback")
    func exception() throws {
        let error = try #require(throws: PythonError.self) {
            _ = try PythonInterpreter.shared.evaluate("1 / 0")
        }
        #expect(error.typeName == "ZeroDivisionError")
        #expect(error.traceback.contains("ZeroDivisionError: division by zero"))
    }
}
