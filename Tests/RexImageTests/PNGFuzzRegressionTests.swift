import Foundation
import RexImage
import Testing

/// Inputs the PNG fuzzer (scripts/fuzz.sh, Sources/FuzzPNG) found, reduced to their shape:
/// each once made the reader allocate gigabytes for a file of a few dozen bytes.
@Suite("PNG reader: fuzzer findings")
struct PNGFuzzRegressionTests {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// One chunk: length, type, data, CRC-32. `length` overrides the real length.
    static func chunk(_ type: String, _ data: [UInt8], length: UInt32? = nil) -> [UInt8] {
        let body = Array(type.utf8) + data
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in body {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return bigEndian(length ?? UInt32(data.count)) + body + bigEndian(~crc)
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    /// IHDR of an 8-bit RGBA (colour type 6) or other image.
    static func header(width: UInt32, height: UInt32, depth: UInt8 = 8, color: UInt8 = 6) -> [UInt8] {
        chunk("IHDR", bigEndian(width) + bigEndian(height) + [depth, color, 0, 0, 0])
    }

    static func message(_ bytes: [UInt8]) -> String {
        do {
            _ = try PNGImage(pngData: Data(bytes))
            return "decoded"
        } catch {
            return "\(error)"
        }
    }

    @Test("a header claiming 8965×524291 pixels is refused before anything is allocated")
    func gigapixelHeader() {
        let png = Self.signature + Self.header(width: 8965, height: 524_291, depth: 16, color: 2)
            + Self.chunk("IDAT", [UInt8](repeating: 0, count: 49)) + Self.chunk("IEND", [])
        #expect(Self.message(png) == "invalid PNG: the image is too large (8965×524291 pixels; rex reads at most 100 megapixels)")
    }

    @Test("5000×5000 pixels from a kilobyte of image data cannot be: refused before allocating 100 MB")
    func tooLittleImageData() {
        let png = Self.signature + Self.header(width: 5000, height: 5000)
            + Self.chunk("IDAT", [UInt8](repeating: 0x55, count: 1000)) + Self.chunk("IEND", [])
        #expect(Self.message(png) == "invalid PNG: PNG data ends early (too little image data for 5000×5000 pixels)")
    }

    @Test("a text chunk declaring 1.95 GB in a short file is refused before libpng allocates it")
    func chunkLongerThanTheData() {
        let png = Self.signature + Self.header(width: 4, height: 4)
            + Self.chunk("iTXt", Array("Pipeline\0\0\0\0\0x".utf8), length: 0x7445_5874)
        #expect(Self.message(png) == "invalid PNG: PNG data ends early (a chunk is longer than the data left)")
        let negative = Self.signature + Self.header(width: 4, height: 4) + Self.chunk("tEXt", [], length: 0xFFFF_FFF0)
        #expect(Self.message(negative) == "invalid PNG: invalid chunk length")
        #expect(Self.message(Self.signature + Self.header(width: 4, height: 4)) == "invalid PNG: PNG data ends early")
    }

    @Test("a large image compressed near deflate's limit (one colour) still decodes")
    func highlyCompressedImage() throws {
        let side = 2000
        let png = try PNGImage(width: side, height: side, rgba: [UInt8](repeating: 0, count: side * side * 4)).pngData()
        #expect(png.count < side * side * 4 / 500)
        let decoded = try PNGImage(pngData: png)
        #expect(decoded.width == side && decoded.height == side && decoded.rgba.allSatisfy { $0 == 0 })
    }
}
