import Foundation
import RexFuzzSupport
import RexImage

/// The PNG reader under fuzzing: any bytes go to `PNGImage(pngData:)` (libpng through the
/// C shim), as they are and with every chunk's CRC made right, so that mutations reach
/// past libpng's checksum test into the image data. What decodes must be sane, and must
/// survive what rex does with an image: the one-line note, the terminal escape sequences,
/// and `:save`'s re-encoding.
///
/// Properties: a decoded image has width, height > 0 and width × height × 4 bytes; the
/// escape sequences carry all the bytes; re-encoding a decoded image and decoding it again
/// gives the same pixels and texts.
enum PNGFuzzTarget {
    /// The largest image (in pixels) whose re-encoding is checked, to keep runs fast.
    static let roundTripPixelLimit = 1 << 16

    static func run(_ bytes: UnsafeRawBufferPointer) {
        let data = Data(bytes)
        check(data)
        if let fixed = withCorrectCRCs(data), fixed != data { check(fixed) }
    }

    /// Decodes `data` and, when it is a PNG, checks the properties above.
    static func check(_ data: Data) {
        let described = { "\(data.count) bytes: \(data.base64EncodedString())" }
        if let kitty = TerminalImageProtocol.kitty.escapeSequence(for: data) {
            let base64 = (data.count + 2) / 3 * 4
            let chunks = kitty.components(separatedBy: "\u{1B}_G").count - 1
            fuzzCheck(chunks == (base64 + 4095) / 4096, "kitty sequence in \(chunks) chunks for \(base64) base64 bytes", input: described())
        }
        _ = TerminalImageProtocol.iterm.escapeSequence(for: data)

        let image: PNGImage
        do {
            image = try PNGImage(pngData: data)
        } catch {
            fuzzCheck(error is PNGError, "decoding threw \(error), not a PNGError", input: described())
            return
        }
        fuzzCheck(image.width > 0 && image.height > 0, "decoded a \(image.width)×\(image.height) image", input: described())
        fuzzCheck(image.rgba.count == image.width * image.height * 4,
                  "\(image.rgba.count) bytes of RGBA for \(image.width)×\(image.height)", input: described())
        if let result = try? ImageResult(png: data, pipeline: "fuzz", context: "local") {
            _ = result.note(number: 1)
        } else {
            fuzzFailure("decodes as PNGImage but ImageResult refuses it", input: described())
        }

        guard image.width * image.height <= roundTripPixelLimit else { return }
        // What `:save` does: re-encode with libpng (text chunks as iTXt) and read it back.
        guard let encoded = try? image.pngData() else { return }
        do {
            let again = try PNGImage(pngData: encoded)
            fuzzCheck(again.width == image.width && again.height == image.height && again.rgba == image.rgba,
                      "re-encoded image decodes to other pixels", input: described())
            fuzzCheck(again.texts.map(\.text) == image.texts.map(\.text),
                      "re-encoded texts \(again.texts.map(\.text)) differ from \(image.texts.map(\.text))", input: described())
        } catch {
            fuzzFailure("rex's own encoding of a decoded image does not decode: \(error)", input: described())
        }
    }

    /// `data` with the CRC of every chunk recomputed, or nil when it is not a PNG signature
    /// followed by whole chunks (what is left after the last whole chunk stays as it is).
    static func withCorrectCRCs(_ data: Data) -> Data? {
        var bytes = [UInt8](data)
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        guard bytes.count >= 8, Array(bytes[0..<8]) == signature else { return nil }
        var position = 8
        while position + 12 <= bytes.count {
            let length = bytes[position..<position + 4].reduce(0) { $0 << 8 | Int($1) }
            let end = position + 8 + length
            guard end + 4 <= bytes.count else { break }
            let crc = crc32(bytes[(position + 4)..<end])
            for index in 0..<4 { bytes[end + index] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(index))) }
            position = end + 4
        }
        return Data(bytes)
    }

    /// The PNG (and zlib) CRC-32 of `bytes`.
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return ~crc
    }

    private static let crcTable: [UInt32] = (0..<256).map { (n: UInt32) in
        var c = n
        for _ in 0..<8 { c = c & 1 != 0 ? (c >> 1) ^ 0xEDB8_8320 : c >> 1 }
        return c
    }
}
