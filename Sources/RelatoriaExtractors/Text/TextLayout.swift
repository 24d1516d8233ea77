import Foundation
public import RelatoriaCore

/// The record's full text laid out from blocks, with each block's offset in Unicode scalars,
/// so that every extracted item can carry an ``Anchor`` into the text.
public struct TextLayout: Sendable {
    public let text: String
    /// Start offset (in Unicode scalars) of each block's text.
    public let starts: [Int]
    private let lengths: [Int]

    public init(blocks: [Block]) {
        var text = ""
        var starts: [Int] = []
        var lengths: [Int] = []
        var offset = 0
        for (i, b) in blocks.enumerated() {
            if i > 0 {
                text += "\n\n"
                offset += 2
            }
            starts.append(offset)
            let n = Self.scalarCount(b.text)
            lengths.append(n)
            text += b.text
            offset += n
        }
        self.text = text
        self.starts = starts
        self.lengths = lengths
    }

    /// The number of Unicode scalars of `s`: its UTF-8 bytes that start one.
    static func scalarCount(_ s: String) -> Int {
        var s = s
        return s.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += 1 }
            return n
        }
    }

    /// The anchor of a whole block.
    public func anchor(block: Int) -> Anchor {
        Anchor(start: starts[block], end: starts[block] + lengths[block])
    }

    /// The anchor of `part` inside block `block`, or of the whole block when `part` is not found.
    public func anchor(block: Int, part: Substring, in blockText: String) -> Anchor {
        guard let r = blockText.range(of: part) else { return anchor(block: block) }
        let s = blockText.unicodeScalars.distance(from: blockText.unicodeScalars.startIndex, to: r.lowerBound)
        let n = part.unicodeScalars.count
        return Anchor(start: starts[block] + s, end: starts[block] + s + n)
    }
}
