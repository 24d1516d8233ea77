import Foundation

/// A greyscale picture of a page (binary PGM, as `pdftoppm -gray` writes it), read to tell
/// bold words from regular ones by the width of their strokes, which Tesseract does not report.
struct Grayscale {
    let width: Int
    let height: Int
    private let pixels: [UInt8]

    /// The picture in a binary PGM (`P5`, 8 bits), or nil when the data is not one.
    init?(pgm data: Data) {
        let bytes = [UInt8](data)
        var i = 0
        func token() -> Int? {
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "#") { while i < bytes.count, bytes[i] != 0x0A { i += 1 } }
                else if bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 } else { break }
            }
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return i > start && i - start < 9 ? Int(String(decoding: bytes[start..<i], as: UTF8.self)) : nil
        }
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { return nil }
        i = 2
        guard let w = token(), let h = token(), let max = token(), max == 255, w > 0, h > 0 else { return nil }
        i += 1
        guard bytes.count - i >= w * h else { return nil }
        width = w
        height = h
        pixels = Array(bytes[i..<(i + w * h)])
    }

    /// The mean length of the dark runs along the rows of a box: about a stroke's width, which
    /// is half as wide again in bold. Nil for a box with too little ink to tell.
    func strokeWidth(x: Int, y: Int, width w: Int, height h: Int) -> Double? {
        let x0 = max(0, x), y0 = max(0, y), x1 = min(width, x + w), y1 = min(height, y + h)
        guard x1 > x0, y1 > y0 else { return nil }
        var dark = 0, runs = 0
        for row in y0..<y1 {
            var inRun = false
            let base = row * width
            for col in x0..<x1 {
                if pixels[base + col] < 128 {
                    dark += 1
                    if !inRun { runs += 1; inRun = true }
                } else {
                    inRun = false
                }
            }
        }
        return runs >= 20 ? Double(dark) / Double(runs) : nil
    }
}
