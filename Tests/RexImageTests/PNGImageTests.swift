import Foundation
import RexImage
import Testing

@Suite("PNG encode and decode with libpng")
struct PNGImageTests {
    @Test("writes a PNG file, reads it back: size, pixels and UTF-8 text chunks")
    func roundTrip() throws {
        let width = 7, height = 5
        var pixels = [UInt8]()
        for y in 0..<height { for x in 0..<width { pixels += [UInt8(x * 30), UInt8(y * 50), 200, UInt8(255 - x)] } }
        let image = PNGImage(width: width, height: height, rgba: pixels,
                             texts: [("Software", "rex"), ("Pipeline", "sample iris | plot matrix — ü")])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rex-\(UUID().uuidString).png")
        try image.pngData().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let bytes = try Data(contentsOf: url)
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(bytes.range(of: Data("iTXt".utf8)) != nil)
        let decoded = try PNGImage(pngData: bytes)
        #expect(decoded.width == width && decoded.height == height)
        #expect(decoded.rgba == pixels)
        #expect(decoded.texts.map(\.text) == ["rex", "sample iris | plot matrix — ü"])
    }

    @Test("corrupt data is a PNGError, not a crash")
    func corrupt() throws {
        let good = try PNGImage(width: 2, height: 2, rgba: [UInt8](repeating: 9, count: 16)).pngData()
        #expect(throws: PNGError.self) { _ = try PNGImage(pngData: Data("not a png".utf8)) }
        #expect(throws: PNGError.self) { _ = try PNGImage(pngData: good.prefix(good.count - 20)) }
    }
}
