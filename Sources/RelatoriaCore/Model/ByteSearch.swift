import Foundation

/// Finding a run of bytes in a buffer: candidates by their first byte (`memchr`), then
/// compared whole (`memcmp`; Glibc's `memmem` is not exported to Swift). For searches where bytes
/// decide exactly (UTF-8 of ASCII keys, folded keys separated by newlines), without
/// Foundation's string search.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `hay` at or after `start`, nil when
    /// there is none (or `needle` is empty).
    public static func firstOffset(of needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, in: hay, from: start) }
    }

    /// ``firstOffset(of:in:from:)`` for a needle already in a buffer.
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in hay: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let n = needle.baseAddress, needle.count > 0, let base = hay.baseAddress, start >= 0 else { return nil }
        let first = Int32(n.pointee), count = needle.count
        var at = start
        while at + count <= hay.count, let hit = memchr(base + at, first, hay.count - count + 1 - at) {
            at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, n, count) == 0 { return at }
            at += 1
        }
        return nil
    }

    /// FNV-1a over `bytes`, its high bits folded in: the hash of the open-addressing tables
    /// looked up by a word's bytes (the lexicon's word table, the index's stem cache).
    @inlinable
    public static func hash<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }
}

extension String {
    /// Whether the UTF-8 of this string contains that of `part` (bytes compared: no Unicode
    /// equivalence).
    public func containsBytes(_ part: String) -> Bool {
        var text = self
        var part = part
        return text.withUTF8 { hay in part.withUTF8 { ByteSearch.firstOffset(of: $0, in: hay) != nil } }
    }
}

extension String {
    /// Whether this string contains `needle` as Foundation's `contains(_:)` (its default,
    /// canonical-equivalence search) says, found by bytes when `needle` is plain ASCII.
    ///
    /// For a needle of printable ASCII, tab and line breaks, without `;`, `` ` `` and `K`
    /// (which U+037E, U+1FEF and U+212A are canonically equivalent to), an occurrence can only
    /// be the same bytes; Foundation refuses one that a combining mark (or any other non-ASCII
    /// scalar) follows, so the first byte occurrence decides only when an ASCII byte or the end
    /// follows it. Any other case is Foundation's search. Tested against it for every BMP
    /// scalar around and inside the needle (ByteSearchTests).
    public func containsASCII(_ needle: String) -> Bool {
        if let decided = Self.firstASCIIOffset(of: needle, in: self) { return decided >= 0 }
        return contains(needle)
    }

    /// `range(of: needle)` (Foundation's default search), by bytes as ``containsASCII(_:)``.
    public func rangeOfASCII(_ needle: String) -> Range<String.Index>? {
        guard let decided = Self.firstASCIIOffset(of: needle, in: self) else { return range(of: needle) }
        guard decided >= 0 else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: decided)
        return start..<utf8.index(start, offsetBy: needle.utf8.count)
    }

    /// The byte offset of the first occurrence of plain-ASCII `needle` in `text`, -1 for none,
    /// nil when the bytes cannot decide (a needle that is not plain ASCII, or an occurrence
    /// that a non-ASCII scalar follows).
    private static func firstASCIIOffset(of needle: String, in text: String) -> Int? {
        let n = Array(needle.utf8)
        guard !n.isEmpty, n.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F && $0 != 0x3B && $0 != 0x60 && $0 != 0x4B) || ($0 >= 0x09 && $0 <= 0x0D) }) else {
            return nil
        }
        var text = text
        return text.withUTF8 { hay -> Int? in
            guard let at = ByteSearch.firstOffset(of: n, in: hay) else { return -1 }
            let end = at + n.count
            return end < hay.count && hay[end] >= 0x80 ? nil : at
        }
    }
}

extension String {
    /// The UTF-8 bytes with ASCII letters lower-cased, when no scalar of the string can match an
    /// ASCII letter case-insensitively but an ASCII letter itself: nil when the string holds a
    /// scalar outside ASCII, U+0080–U+00FF but ß (which folds to "ss"), U+2000–U+206F and the
    /// euro sign (outside them, the Kelvin sign, the long s, ligatures and others fold to ASCII).
    /// An ASCII phrase a case-insensitive expression finds in the string is then among these
    /// bytes, lower-cased: when it is not, the expression need not run.
    public func asciiLowercasedBytesIfCaseSafe() -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? UInt8(v + 32) : UInt8(v))
            } else if (v <= 0xFF && v != 0xDF) || (0x2000...0x206F).contains(v) || v == 0x20AC {
                out.append(contentsOf: String(scalar).utf8)
            } else {
                return nil
            }
        }
        return out
    }
}

extension StringProtocol {
    /// Whether the UTF-8 of this text holds byte `b` (memchr over contiguous storage; a walk
    /// of the UTF8View otherwise): `utf8.contains(b)`, which walks byte by byte.
    public func containsByte(_ b: UInt8) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            bytes.baseAddress.map { memchr($0, Int32(b), bytes.count) != nil } ?? false
        }) {
            return found
        }
        return utf8.contains(b)
    }
}

extension String {
    /// `split(separator: " ")` (empty pieces omitted); see ``Substring/wordsAtSpaces()``.
    public func wordsAtSpaces() -> [Substring] { self[...].wordsAtSpaces() }
}

extension Substring {
    /// `split(separator: " ")` (empty pieces omitted), cut at space bytes when every scalar is
    /// below U+0300: each is then a Character of its own, so a space byte is a Character " "
    /// and nothing else is. Splitting by Characters costs tens of instructions a byte; names,
    /// keys and headings are split for every candidate. Other texts are split by Characters.
    public func wordsAtSpaces() -> [Substring] {
        var text = self
        // Byte offsets of the words, or nil when a lead byte from 0xCC up starts a scalar from
        // U+0300 up (a combining mark may join a space into one Character; continuation
        // bytes are below 0xC0).
        let bounds: [(Int, Int)]? = text.withUTF8 { b in
            var out: [(Int, Int)] = []
            var start = -1
            for i in 0..<b.count {
                let c = b[i]
                if c >= 0xCC { return nil }
                if c == 0x20 {
                    if start >= 0 { out.append((start, i)) }
                    start = -1
                } else if start < 0 {
                    start = i
                }
            }
            if start >= 0 { out.append((start, b.count)) }
            return out
        }
        guard let bounds else { return split(separator: " ") }
        let u = utf8
        return bounds.map { self[u.index(u.startIndex, offsetBy: $0.0)..<u.index(u.startIndex, offsetBy: $0.1)] }
    }
}
