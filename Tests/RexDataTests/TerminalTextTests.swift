import RexData
import Testing

@Suite("Terminal text: control characters shown, never raw")
struct TerminalTextTests {
    @Test("a cell shows every control character as an escape")
    func cell() {
        let hostile = "a\u{1B}]0;pwned\u{07}b\u{1B}[2J\rc\td\ne\u{7F}\u{9B}31m\u{202E}f\u{2028}"
        let shown = TerminalText.cell(hostile)
        #expect(shown == "a\\x1b]0;pwned\\x07b\\x1b[2J\\rc\\td\\ne\\x7f\\x9b31m\\u{202e}f\\u{2028}")
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test("a message keeps line feeds and tabs, escapes the rest")
    func message() {
        #expect(TerminalText.message("line 1\n\tline 2\r\u{1B}[1A") == "line 1\n\tline 2\\r\\x1b[1A")
    }

    @Test("plain text, backslashes and non-ASCII are unchanged")
    func plain() {
        for text in ["", "C:\\new", "naïve 日本 😀", "e\u{301}"] {
            #expect(TerminalText.cell(text) == text)
            #expect(TerminalText.message(text) == text)
        }
    }
}
