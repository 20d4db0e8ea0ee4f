import Foundation

/// An image a pipeline returned: checked PNG bytes and where they came from.
public struct ImageResult: Sendable {
    /// The PNG as received (already validated by decoding it).
    public let png: Data
    public let width: Int
    public let height: Int
    /// The pipeline text that made it.
    public let pipeline: String
    /// `local` or `server (NAME)`.
    public let context: String

    /// Validates `png` with libpng; throws PNGError when it is not a complete PNG.
    public init(png: Data, pipeline: String, context: String) throws {
        let decoded = try PNGImage(pngData: png)
        self.png = png
        self.width = decoded.width
        self.height = decoded.height
        self.pipeline = pipeline
        self.context = context
    }

    /// `image 1 · 960×960 PNG · 88 kB · made on the server · :save 1 FILE.png`
    public func note(number: Int) -> String {
        let made = context.hasPrefix("server") ? "made on the server" : "made locally"
        return "image \(number) · \(width)×\(height) PNG · \(Self.size(png.count)) · \(made) · :save \(number) FILE.png"
    }

    /// The PNG to save: re-encoded with libpng, with text chunks (iTXt, UTF-8) Software,
    /// Pipeline and Context. Writing it is the caller's (RexRuntime's `OutputFile`).
    public func savedPNG(software: String) throws -> Data {
        var image = try PNGImage(pngData: png)
        image.texts = image.texts.filter { !["Software", "Pipeline", "Context"].contains($0.key) }
            + [("Software", software), ("Pipeline", pipeline), ("Context", context)]
        return try image.pngData()
    }

    /// `88 kB`, `1.2 MB`, `512 B`.
    public static func size(_ bytes: Int) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        if bytes < 1_000_000 { return "\(Int((Double(bytes) / 1000).rounded())) kB" }
        return String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
