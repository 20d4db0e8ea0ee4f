/// Terminal column width of text: East Asian wide characters and emoji take two
/// columns, combining marks and zero-width characters none.
func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
        width += scalarWidth(scalar)
    }
    return width
}

/// Cuts `text` to at most `limit` columns, ending with `…` when it was cut.
func truncateToWidth(_ text: String, _ limit: Int) -> String {
    guard displayWidth(text) > limit else { return text }
    var result = ""
    var width = 0
    for character in text {
        let w = displayWidth(String(character))
        if width + w > limit - 1 { break }
        result.append(character)
        width += w
    }
    return result + "…"
}

private func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
    let v = scalar.value
    if v == 0 { return 0 }
    if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if scalar.properties.isEmojiPresentation { return 2 }
    // East Asian Wide and Fullwidth blocks.
    let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
    return wideRanges.contains { $0.contains(v) } ? 2 : 1
}
