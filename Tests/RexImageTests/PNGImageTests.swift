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

@Suite("Image results")
struct ImageResultTests {
    private func png(width: Int, height: Int) throws -> Data {
        try PNGImage(width: width, height: height, rgba: [UInt8](repeating: 128, count: width * height * 4)).pngData()
    }

    @Test("the one-line note and :save with Software, Pipeline and Context text chunks")
    func saveWithText() throws {
        let result = try ImageResult(png: try png(width: 40, height: 30), pipeline: "table iris_data | plot matrix", context: "server (irissql)")
        #expect(result.note(number: 1).hasPrefix("image 1 · 40×30 PNG · "))
        #expect(result.note(number: 1).hasSuffix(" · made on the server · :save 1 FILE.png"))
        let saved = try PNGImage(pngData: try result.savedPNG(software: "rex 0.1.0"))
        #expect(saved.width == 40 && saved.height == 30)
        #expect(saved.texts.map(\.key) == ["Software", "Pipeline", "Context"])
        #expect(saved.texts.map(\.text) == ["rex 0.1.0", "table iris_data | plot matrix", "server (irissql)"])
    }

    @Test("bytes that are not a PNG are refused")
    func invalid() {
        #expect(throws: PNGError.self) { _ = try ImageResult(png: Data([1, 2, 3]), pipeline: "", context: "local") }
    }

    @Test("terminal protocols: REX_IMAGES wins, kitty chunks, iTerm2 inline, off when not a terminal")
    func protocols() throws {
        #expect(TerminalImageProtocol.detect(environment: ["REX_IMAGES": "off", "TERM": "xterm-kitty"], isTerminal: true) == .off)
        #expect(TerminalImageProtocol.detect(environment: ["TERM": "xterm-kitty"], isTerminal: true) == .kitty)
        #expect(TerminalImageProtocol.detect(environment: ["TERM_PROGRAM": "WezTerm"], isTerminal: true) == .iterm)
        #expect(TerminalImageProtocol.detect(environment: ["TERM": "xterm-kitty"], isTerminal: false) == .off)
        let data = Data(repeating: 7, count: 10_000)
        let kitty = try #require(TerminalImageProtocol.kitty.escapeSequence(for: data))
        #expect(kitty.hasPrefix("\u{1B}_Ga=T,f=100,m=1;"))
        #expect(kitty.components(separatedBy: "\u{1B}_G").count - 1 == 4) // 13,336 base64 bytes in 4 chunks
        #expect(kitty.hasSuffix("\u{1B}\\\n"))
        let iterm = try #require(TerminalImageProtocol.iterm.escapeSequence(for: data))
        #expect(iterm.hasPrefix("\u{1B}]1337;File=inline=1;size=10000;"))
        #expect(TerminalImageProtocol.off.escapeSequence(for: data) == nil)
    }
}
