extension SourceSpan {
    /// The source text this span covers (by UTF-8 offsets), e.g. a statement's text for
    /// history or an image's text chunk. Empty when the span lies outside `source`.
    public func text(in source: String) -> String {
        let utf8 = source.utf8
        guard start.offset >= 0, start.offset <= end.offset, end.offset <= utf8.count else { return "" }
        let from = utf8.index(utf8.startIndex, offsetBy: start.offset)
        let to = utf8.index(utf8.startIndex, offsetBy: end.offset)
        return String(decoding: utf8[from..<to], as: UTF8.self)
    }
}
