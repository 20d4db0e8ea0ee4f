/// A half-open range of source text, from `start` up to (not including) `end`.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    public var start: SourceLocation
    public var end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    /// The smallest span covering both.
    public func union(_ other: SourceSpan) -> SourceSpan {
        SourceSpan(start: start.offset <= other.start.offset ? start : other.start,
                   end: end.offset >= other.end.offset ? end : other.end)
    }

    public var description: String { "\(start.line):\(start.column)-\(end.line):\(end.column)" }
}

/// A name as written in the source, with where it was written.
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var span: SourceSpan

    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }

    public var description: String { name }
}
