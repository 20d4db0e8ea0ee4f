import RexData

/// Renders diagnostics as in EXAMPLES.md, each ending with a newline and separated by a
/// blank line:
///
///     error: unknown column 'Specis' in filter
///      --> line 1, column 22
///       |
///     1 | sample iris | filter Specis == "setosa"
///       |                      ^^^^^^
///       = help: did you mean 'Species'?
///
/// With a file name the location reads ` --> FILE, line 1, column 22`. A span over
/// several lines underlines the rest of its first line. Tabs are shown as 4 spaces and
/// wide (East Asian, emoji) characters count two columns, so the caret stays under the text.
/// Other control characters (in the source line, or a value the message quotes) are shown
/// as visible escapes (`TerminalText`), never sent to the terminal raw.
/// - Parameters:
///   - list: the diagnostics; their spans refer to `source`.
///   - source: the whole text that was parsed (the script, not one statement).
///   - color: ANSI colours (bold red errors, blue gutter).
public func render(_ list: DiagnosticList, source: String, color: Bool = false) -> String {
    let renderer = DiagnosticRenderer(source: source, fileName: list.fileName, color: color)
    return list.diagnostics.map(renderer.render).joined(separator: "\n")
}

/// Renders one diagnostic (see `render(_:source:color:)`).
public func render(_ diagnostic: Diagnostic, source: String, fileName: String? = nil, color: Bool = false) -> String {
    DiagnosticRenderer(source: source, fileName: fileName, color: color).render(diagnostic)
}

struct DiagnosticRenderer {
    let lines: [Substring]
    let fileName: String?
    let color: Bool

    init(source: String, fileName: String?, color: Bool) {
        lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.fileName = fileName
        self.color = color
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func render(_ diagnostic: Diagnostic) -> String {
        let start = diagnostic.span.start
        let lineNumber = String(start.line)
        let gutter = String(repeating: " ", count: lineNumber.count)
        let severityCode = diagnostic.severity == .error ? "1;31" : "1;33"
        var out = paint(diagnostic.severity.rawValue, severityCode) + paint(": " + TerminalText.message(diagnostic.message), "1") + "\n"
        let place = fileName.map { "\(TerminalText.cell($0)), \(start)" } ?? "\(start)"
        out += gutter + paint("--> ", "34") + place + "\n"
        if start.line >= 1, start.line <= lines.count {
            let text = lines[start.line - 1]
            let (shown, caretStart, caretWidth) = layout(text, diagnostic.span)
            out += gutter + " " + paint("|", "34") + "\n"
            out += paint(lineNumber + " |", "34") + " " + shown + "\n"
            out += gutter + " " + paint("|", "34") + " " + String(repeating: " ", count: caretStart)
                + paint(String(repeating: "^", count: caretWidth), severityCode) + "\n"
        }
        if let help = diagnostic.help {
            out += gutter + " " + paint("= help:", "1") + " " + TerminalText.message(help) + "\n"
        }
        return out
    }

    /// The displayed line (tabs expanded, trailing `\r` dropped), the display column where
    /// the caret starts and how many carets (at least one).
    private func layout(_ text: Substring, _ span: SourceSpan) -> (String, Int, Int) {
        var scalarsShown = Array(text.unicodeScalars)
        if scalarsShown.last == "\r" { scalarsShown.removeLast() }
        let first = min(max(span.start.column - 1, 0), scalarsShown.count)
        let last: Int
        if span.end.line == span.start.line {
            last = min(max(span.end.column - 1, first), scalarsShown.count)
        } else {
            last = scalarsShown.count
        }
        var shown = ""
        var column = 0
        var caretStart = 0
        var caretEnd = 0
        for (i, c) in scalarsShown.enumerated() {
            if i == first { caretStart = column }
            if i == last { caretEnd = column }
            if c == "\t" {
                shown += "    "
                column += 4
            } else if TerminalText.isControl(c) {
                let escaped = TerminalText.escape(c)
                shown += escaped
                column += escaped.count
            } else {
                shown.unicodeScalars.append(c)
                column += Self.displayWidth(c)
            }
        }
        if first >= scalarsShown.count { caretStart = column }
        if last >= scalarsShown.count { caretEnd = column }
        return (shown, caretStart, max(1, caretEnd - caretStart))
    }

    /// Terminal columns of a scalar: 0 for combining marks, 2 for wide characters, else 1.
    static func displayWidth(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        switch c.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        let wide: [ClosedRange<UInt32>] = [
            0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD,
        ]
        return wide.contains { $0.contains(v) } ? 2 : 1
    }
}
