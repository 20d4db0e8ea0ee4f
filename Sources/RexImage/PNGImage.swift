import CPNGShim
import Foundation

/// A PNG failure from libpng: what went wrong, in libpng's words.
public struct PNGError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { "invalid PNG: \(message)" }
}

/// An 8-bit RGBA image with PNG text chunks, decoded and encoded with libpng.
public struct PNGImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// `width * height * 4` bytes, rows top to bottom, RGBA.
    public var rgba: [UInt8]
    /// Text chunks as (key, UTF-8 text), written as iTXt.
    public var texts: [(key: String, text: String)]

    public init(width: Int, height: Int, rgba: [UInt8], texts: [(key: String, text: String)] = []) {
        precondition(rgba.count == width * height * 4, "RGBA buffer size must be width × height × 4")
        self.width = width
        self.height = height
        self.rgba = rgba
        self.texts = texts
    }

    public static func == (lhs: PNGImage, rhs: PNGImage) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.rgba == rhs.rgba
            && lhs.texts.map(\.key) == rhs.texts.map(\.key) && lhs.texts.map(\.text) == rhs.texts.map(\.text)
    }

    /// Decodes PNG bytes (any colour type or depth) and checks them fully.
    public init(pngData: Data) throws {
        var image = rex_png_image()
        // libpng reads the bytes only inside rex_png_decode (the shim's read callback); nothing keeps the pointer.
        let error: UnsafeMutablePointer<CChar>? = pngData.withUnsafeBytes { raw in
            rex_png_decode(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &image)
        }
        if let error {
            defer { rex_png_free_error(error) }
            throw PNGError(message: String(cString: error))
        }
        defer { rex_png_free_image(&image) }
        width = Int(image.width)
        height = Int(image.height)
        rgba = Array(UnsafeBufferPointer(start: image.rgba, count: width * height * 4))
        texts = (0..<image.text_count).map { index in
            let chunk = image.texts[index]
            return (String(cString: chunk.key), String(cString: chunk.text))
        }
    }

    /// Encodes the image, with its text chunks as iTXt (UTF-8).
    public func pngData() throws -> Data {
        var output: UnsafeMutablePointer<UInt8>?
        var length = 0
        let keys = texts.map { strdup($0.key) }
        let values = texts.map { strdup($0.text) }
        defer { keys.forEach { free($0) }; values.forEach { free($0) } }
        let chunks = zip(keys, values).map { rex_png_text(key: $0, text: $1) }
        // libpng reads pixels and text chunks only inside rex_png_encode; `keys`/`values` are freed after it (defer).
        let error = rgba.withUnsafeBufferPointer { pixels in
            chunks.withUnsafeBufferPointer { texts in
                rex_png_encode(pixels.baseAddress, UInt32(width), UInt32(height), texts.baseAddress, texts.count, &output, &length)
            }
        }
        if let error {
            defer { rex_png_free_error(error) }
            throw PNGError(message: String(cString: error))
        }
        guard let output else { throw PNGError(message: "libpng produced no data") }
        defer { rex_png_free_buffer(output) }
        return Data(bytes: output, count: length)
    }
}
