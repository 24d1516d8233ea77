import Foundation

/// Finding a run of bytes in a buffer: candidates by their first byte (`memchr`), then
/// compared whole. For searches where bytes decide exactly (UTF-8 of ASCII keys, folded keys
/// separated by newlines), without Foundation's string search.
public enum ByteSearch {
    /// The offset of the first occurrence of `needle` in `hay` at or after `start`, nil when
    /// there is none (or `needle` is empty).
    public static func firstOffset(of needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        guard let first = needle.first, let base = hay.baseAddress else { return nil }
        var at = start
        while at + needle.count <= hay.count,
              let hit = memchr(base + at, Int32(first), hay.count - needle.count + 1 - at) {
            at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if needle.indices.allSatisfy({ hay[at + $0] == needle[$0] }) { return at }
            at += 1
        }
        return nil
    }
}

extension String {
    /// Whether the UTF-8 of this string contains that of `part` (bytes compared: no Unicode
    /// equivalence).
    public func containsBytes(_ part: String) -> Bool {
        var text = self
        return text.withUTF8 { ByteSearch.firstOffset(of: Array(part.utf8), in: $0) != nil }
    }
}
