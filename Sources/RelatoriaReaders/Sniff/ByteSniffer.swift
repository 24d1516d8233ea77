import Foundation
import RelatoriaCore

/// Recognizes the binary formats Relatoría reads from their first bytes, whatever the file is
/// called: a `.docx` named `.doc` is read as a `.docx` and a `.doc` named `.docx` as a `.doc`.
enum ByteSniffer {
    /// What the first bytes say.
    enum Kind: Equatable {
        case pdf, ole, rtf, png, jpeg, tiff, zip
    }

    static func kind(_ data: Data) -> Kind? {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole }
        if head.starts(with: Array("{\\rtf".utf8)) { return .rtf }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        // A PDF may have up to 1 KB of junk before its header.
        if pdfStart(data) != nil { return .pdf }
        return nil
    }

    /// Where `%PDF-` starts within the first 1,024 bytes.
    static func pdfStart(_ data: Data) -> Int? {
        let marker = Array("%PDF-".utf8)
        let head = [UInt8](data.prefix(1024))
        guard head.count >= marker.count else { return nil }
        for i in 0...(head.count - marker.count) where head[i] == marker[0] && Array(head[i..<i + marker.count]) == marker {
            return i
        }
        return nil
    }

    /// True when `%%EOF` appears in the last 1,024 bytes, as in every complete PDF.
    static func hasPDFEnd(_ data: Data) -> Bool {
        let tail = [UInt8](data.suffix(1024))
        let marker = Array("%%EOF".utf8)
        guard tail.count >= marker.count else { return false }
        for i in 0...(tail.count - marker.count) where tail[i] == 0x25 && Array(tail[i..<i + marker.count]) == marker { return true }
        return false
    }

    /// True when an OLE2 compound file holds a `WordDocument` stream (its directory names
    /// streams in UTF-16): a Word 97-2003 document, not an Excel or PowerPoint file.
    static func isWordOLE(_ data: Data) -> Bool {
        let name = Array("WordDocument".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        return data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= name.count else { return false }
            var i = 0
            while i <= bytes.count - name.count {
                if bytes[i] == 0x57, bytes[i + 1] == 0, bytes[i + 2] == 0x6F {
                    var j = 3
                    while j < name.count && bytes[i + j] == name[j] { j += 1 }
                    if j == name.count { return true }
                }
                i += 1
            }
            return false
        }
    }
}
