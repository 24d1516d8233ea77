import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaTestSupport
import Testing

/// The issue's "done when": ten documents of the shared corpus, each as .docx, Word 97-2003
/// .doc, RTF and a PDF printed from it (LibreOffice headless), and as a 300-dpi scan of that
/// PDF (pdftoppm, img2pdf), converted by scripts/convert-corpus.sh. The first four give the
/// same title, date, body and item counts; the scan the same date and body and at least 90%
/// of the items matched by ../shared/tools/score.py's rules.
///
/// Run with the tools installed (CI's .ci/run installs them):
/// `apt-get install libreoffice-writer-nogui poppler-utils img2pdf wv tesseract-ocr tesseract-ocr-spa tesseract-ocr-eng`
struct FormatEquivalenceTests {
    static let corpus = PackagePaths.root.appendingPathComponent("../shared/corpus").standardizedFileURL
    static let toolsPresent = ["soffice", "pdftoppm", "pdftohtml", "img2pdf", "wvWare", "tesseract"].allSatisfy { tool in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(tool)")
        }
    } && FileManager.default.fileExists(atPath: corpus.path)

    @Test(.enabled(if: toolsPresent, "needs ../shared/corpus and: apt-get install libreoffice-writer-nogui poppler-utils img2pdf wv tesseract-ocr-spa tesseract-ocr-eng"),
          .timeLimit(.minutes(30)))
    func sameRecordFromEveryFormat() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("relatoria-conversions")
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/bin/bash")
        convert.arguments = [PackagePaths.root.appendingPathComponent("scripts/convert-corpus.sh").path, Self.corpus.path, out.path]
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0)
        let extractor = RecordExtractor(loader: DocumentLoader(), pipeline: pipeline)
        let bases = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".docx") }.map { String($0.dropLast(5)) }.sorted()
        #expect(bases.count >= 10)
        var scanItems = 0, scanMatched = 0
        for base in bases {
            func rec(_ ext: String) throws -> Record { try extractor.record(at: out.appendingPathComponent("\(base).\(ext)").path) }
            let docx = try rec("docx")
            for ext in ["doc", "rtf", "pdf"] {
                let r = try rec(ext)
                #expect(r.title == docx.title, "\(base).\(ext) title")
                #expect(r.date == docx.date, "\(base).\(ext) date")
                #expect(r.body == docx.body, "\(base).\(ext) body")
                #expect(Self.counts(r) == Self.counts(docx), "\(base).\(ext) items")
            }
            let scan = try rec("scan.pdf")
            #expect(scan.source.ocr == true)
            #expect(scan.date == docx.date, "\(base) scan date")
            #expect(ScoreRules.scalarOK(docx.body, scan.body), "\(base) scan body: \(scan.body ?? "nil") for \(docx.body ?? "nil")")
            for (field, gold, got) in Self.items(docx, scan) {
                scanItems += gold.count
                scanMatched += ScoreRules.matched(gold, got, names: field == "attendees")
            }
        }
        #expect(scanItems > 0 && Double(scanMatched) >= 0.9 * Double(scanItems), "scan items matched: \(scanMatched) of \(scanItems)")
    }

    private static func counts(_ r: Record) -> [Int] {
        [r.attendees.count, r.decisions.count, r.consensus.count, r.dissent.count, r.actions.count]
    }

    private static func items(_ a: Record, _ b: Record) -> [(String, [String], [String])] {
        [("attendees", a.attendees.map(\.name), b.attendees.map(\.name)),
         ("decisions", a.decisions.map(\.text), b.decisions.map(\.text)),
         ("consensus", a.consensus.map(\.text), b.consensus.map(\.text)),
         ("dissent", a.dissent.map(\.text), b.dissent.map(\.text)),
         ("actions", a.actions.map(\.text), b.actions.map(\.text))]
    }
}

/// ../shared/tools/score.py's matching rules, in Swift: items match one to one, greedily by
/// similarity, names at 0.75 of name similarity, other items at 0.5 of Dice over words.
enum ScoreRules {
    static let stop: Set<String> = Set("""
        a al ante bajo con contra de del desde el en entre hacia hasta la las lo los para por segun sin sobre tras un una
        unos unas y o u e que se su sus es son fue fueron ha han como mas the of and to in on for by with at from an or is
        are was were be been this that these those it its as
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    static let honorifics: Set<String> = Set("sr sra srta dr dra don dona doña lic ing embajador embajadora h e mr mrs ms miss prof excmo excma sir dame"
        .split(separator: " ").map(String.init))

    static func fold(_ s: String) -> String {
        let bare = s.decomposedStringWithCompatibilityMapping.unicodeScalars.filter { $0.properties.canonicalCombiningClass == .notReordered }
        let lower = String(String.UnicodeScalarView(bare)).lowercased()
        return lower.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) ? String($0) : " " }.joined()
            .split(separator: " ").joined(separator: " ")
    }

    static func tokens(_ s: String, dropStop: Bool = true) -> [String] {
        let ts = fold(s).split(separator: " ").map(String.init)
        return dropStop ? ts.filter { !stop.contains($0) && $0.count > 1 } : ts
    }

    static func dice(_ a: String, _ b: String) -> Double {
        let A = Set(tokens(a)), B = Set(tokens(b))
        if A.isEmpty && B.isEmpty { return 1 }
        if A.isEmpty || B.isEmpty { return 0 }
        return 2 * Double(A.intersection(B).count) / Double(A.count + B.count)
    }

    static func nameSim(_ a: String, _ b: String) -> Double {
        let A = Set(tokens(a, dropStop: false).filter { !honorifics.contains($0) })
        let B = Set(tokens(b, dropStop: false).filter { !honorifics.contains($0) })
        if A.isEmpty || B.isEmpty { return 0 }
        if A == B { return 1 }
        let (small, large) = A.count <= B.count ? (A, B) : (B, A)
        if small.count >= 2 && small.isSubset(of: large) { return 0.9 }
        return 2 * Double(A.intersection(B).count) / Double(A.count + B.count)
    }

    static func matched(_ gold: [String], _ pred: [String], names: Bool) -> Int {
        var pairs: [(Double, Int, Int)] = []
        for (i, g) in gold.enumerated() {
            for (j, p) in pred.enumerated() {
                let s = names ? nameSim(g, p) : dice(g, p)
                if s >= (names ? 0.75 : 0.5) { pairs.append((s, i, j)) }
            }
        }
        pairs.sort { $0 > $1 }
        var usedG = Set<Int>(), usedP = Set<Int>()
        for (_, i, j) in pairs where !usedG.contains(i) && !usedP.contains(j) {
            usedG.insert(i)
            usedP.insert(j)
        }
        return usedG.count
    }

    static func scalarOK(_ g: String?, _ p: String?) -> Bool {
        let gEmpty = (g ?? "").isEmpty, pEmpty = (p ?? "").isEmpty
        if gEmpty || pEmpty { return gEmpty == pEmpty }
        let fg = fold(g!), fp = fold(p!)
        return fg == fp || (fg.contains(fp) || fp.contains(fg)) || dice(g!, p!) >= 0.6
    }
}
