import Foundation

/// An image's size in pixels read from its header (PNG `IHDR`, JPEG start of frame, TIFF
/// first directory), so an image too large to read is refused before anything decodes it.
enum ImageHeader {
    static func size(_ data: Data, kind: ByteSniffer.Kind) -> (width: Int, height: Int)? {
        let b = [UInt8](data.prefix(1 << 20))
        switch kind {
        case .png:
            guard b.count >= 24 else { return nil }
            return (be32(b, 16), be32(b, 20))
        case .jpeg:
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { return nil }
                let marker = b[i + 1]
                if marker == 0xFF { i += 1; continue }
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { i += 2; continue }
                let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
                if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
                    return (Int(b[i + 7]) << 8 | Int(b[i + 8]), Int(b[i + 5]) << 8 | Int(b[i + 6]))
                }
                i += 2 + length
            }
            return nil
        case .tiff:
            guard b.count >= 8 else { return nil }
            let little = b[0] == 0x49
            func u16(_ o: Int) -> Int { o + 1 < b.count ? (little ? Int(b[o]) | Int(b[o + 1]) << 8 : Int(b[o]) << 8 | Int(b[o + 1])) : 0 }
            func u32(_ o: Int) -> Int { little ? u16(o) | u16(o + 2) << 16 : u16(o) << 16 | u16(o + 2) }
            let ifd = u32(4)
            guard ifd + 2 < b.count else { return nil }
            var w = 0, h = 0
            for n in 0..<min(u16(ifd), 200) {
                let e = ifd + 2 + n * 12
                guard e + 12 <= b.count else { break }
                let tag = u16(e), type = u16(e + 2)
                let value = type == 3 ? u16(e + 8) : u32(e + 8)
                if tag == 256 { w = value } else if tag == 257 { h = value }
            }
            return w > 0 && h > 0 ? (w, h) : nil
        default:
            return nil
        }
    }

    private static func be32(_ b: [UInt8], _ o: Int) -> Int {
        Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3])
    }
}
