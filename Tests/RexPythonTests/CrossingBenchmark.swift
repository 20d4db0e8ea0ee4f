import Foundation
import RexData
import CPython
@testable import RexPython
import Testing

/// Not a test: `REX_BENCH=1` runs it (bench/python/crossing.sh). Shows that a
/// 1M-row numeric column crosses into pandas as a whole buffer, by comparing with
/// the naive path that makes one Python int per value.
@Suite("Benchmark: crossing 1M rows", .enabled(if: ProcessInfo.processInfo.environment["REX_BENCH"] == "1"))
struct CrossingBenchmark {
    @Test("whole-buffer crossing vs one Python object per value")
    func crossing() throws {
        let python = PythonInterpreter.shared
        let count = 1_000_000
        let values = (0..<count).map { Int64($0 &* 7919 % 1_000_003) }
        let validity = (0..<count).map { $0 % 13 != 0 }
        let table = Table(schema: Schema([Field("n", .int)]), columns: [Column(storage: .int(values), validity: validity)])
        _ = try python.run(code: "import pandas", input: table)  // warm up: start Python, import pandas

        func best(_ body: () throws -> Void) rethrows -> Double {
            var times: [Double] = []
            for _ in 0..<5 {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            }
            return times.min() ?? 0
        }
        let whole = try best {
            try python.perform { bridge in _ = try FrameConversion.frame(from: table, bridge: bridge) }
        }
        let perValue = try best {
            try python.perform { bridge in
                let list = try PyRef.check(PyList_New(count))
                for index in 0..<count {
                    let item = validity[index] ? PyLong_FromLongLong(values[index]) : { Py_IncRef(pyNone); return pyNone }()
                    PyList_SetItem(list.pointer, index, item)
                }
                let pandas = try PyRef.check(PyImport_ImportModule("pandas"))
                let array = try pandas.callMethod("array", [list, .string("Int64")])
                _ = try pandas.callMethod("DataFrame", [.dictionary([("n", array)])])
            }
        }
        let rowsBack = try best { _ = try python.run(code: "result = df", input: table) }
        print(String(format: "1M-row Int64 column → DataFrame: whole buffer %.4f s, one Python int per value %.4f s (%.0f× slower); round trip Swift→pandas→Swift %.4f s",
                     whole, perValue, perValue / max(whole, 1e-9), rowsBack))
        #expect(whole < perValue)

        var text = VarBuffer()
        for index in 0..<count { text.append("value \(index % 1000)") }
        let texts = Table(schema: Schema([Field("s", .text)]), columns: [Column(storage: .text(text), validity: validity)])
        let textIn = try best {
            try python.perform { bridge in _ = try FrameConversion.frame(from: texts, bridge: bridge) }
        }
        let textBack = try best { _ = try python.run(code: "result = df", input: texts) }
        print(String(format: "1M-row text column → DataFrame (one PyUnicode_DecodeUTF8 per value) %.4f s; round trip %.4f s",
                     textIn, textBack))
    }
}
