public import Foundation
public import RelatoriaCore
#if canImport(Glibc)
import Glibc
#endif

/// Renders a ``PeriodReport`` as `report.html` (self-contained: inline CSS and SVG, printable
/// to PDF from a browser), `report.md` and `report.json`.
public struct ReportWriter: Sendable {
    public let report: PeriodReport
    let text: ReportText

    public init(report: PeriodReport) {
        self.report = report
        text = ReportText(language: report.language)
    }

    /// Writes the three files into `folder` (created if missing), each under a temporary
    /// name first, then renamed into place.
    /// - Returns: the paths written.
    @discardableResult
    public func write(to folder: URL) throws -> [URL] {
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw RelatoriaError(.inaccessiblePath, path: folder.path, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        var written: [URL] = []
        for (name, data) in [("report.html", Data(html().utf8)), ("report.md", Data(markdown().utf8)), ("report.json", try json())] {
            let target = folder.appendingPathComponent(name)
            let tmp = folder.appendingPathComponent(".\(name).\(UUID().uuidString).tmp")
            do {
                try data.write(to: tmp)
                // rename(2) replaces an earlier report in one step.
                guard rename(tmp.path, target.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                try? FileManager.default.removeItem(at: tmp)
                throw RelatoriaError(.inaccessiblePath, path: target.path, reason: "cannot be written: \(error.localizedDescription)")
            }
            written.append(target)
        }
        return written
    }

    /// `report.json`: the report's content, keys sorted.
    public func json() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(report)
    }

    private func heading() -> String {
        "\(text["title"]): \(text.day(report.from)) – \(text.day(report.to))" + (report.body.map { " · \($0)" } ?? "")
    }

    private func meetingsLabel(_ b: PeriodReport.BodyMeetings) -> String {
        b.planned.map { text.ofPlanned(b.meetings, $0) } ?? text.held(b.meetings)
    }

    // MARK: Markdown

    /// `report.md`.
    public func markdown() -> String {
        var s = "# \(heading())\n\n\(text["asOf"]) \(text.day(report.asOf)).\n\n## \(text["meetingsPerBody"])\n\n"
        s += "| \(text["body"]) | \(text["meetings"]) | \(text["byMonth"]) |\n|---|---|---|\n"
        for b in report.bodies {
            let months = b.byMonth.keys.sorted().map { "\($0): \(b.byMonth[$0]!)" }.joined(separator: ", ")
            s += "| \(cell(b.name)) | \(meetingsLabel(b)) | \(months) |\n"
        }
        s += "\n## \(text["attendance"])\n\n"
        if report.attendance.isEmpty { s += "\(text["none"])\n" } else {
            let bodies = report.bodies.filter { $0.meetings > 0 }.map(\.name)
            s += "| \(text["organization"]) | \(text["group"]) | " + bodies.map(cell).joined(separator: " | ") + " | \(text["total"]) |\n"
            s += "|---|---|" + String(repeating: "---|", count: bodies.count) + "---|\n"
            for r in report.attendance {
                s += "| \(cell(r.organization)) | \(cell(r.group ?? "")) | " + bodies.map { String(r.byBody[$0] ?? 0) }.joined(separator: " | ") + " | \(r.total) |\n"
            }
        }
        s += "\n## \(text["decisions"])\n"
        for b in report.bodies where !b.decisions.isEmpty {
            s += "\n### \(b.name)\n\n"
            for d in b.decisions { s += "- \(text.day(d.date)): \(d.text)\n" }
        }
        if report.bodies.allSatisfy({ $0.decisions.isEmpty }) { s += "\n\(text["noDecisions"])\n" }
        s += "\n## \(text["positions"])\n\n"
        if report.positions.isEmpty { s += "\(text["none"])\n" } else {
            s += "| \(text["topic"]) | \(text["consensus"]) | \(text["dissent"]) | \(text["byParty"]) |\n|---|---|---|---|\n"
            for t in topics() { s += "| \(cell(t.topic)) | \(t.consensus) | \(t.dissent) | \(cell(t.parties)) |\n" }
        }
        s += "\n### \(text["moved"])\n\n"
        if report.moved.isEmpty { s += "\(text["noMoved"])\n" }
        for m in report.moved {
            s += "- **\(m.topic)** (\(m.parties.joined(separator: ", "))): \(text.day(m.dissent.date ?? "")) “\(m.dissent.text)” → \(text.day(m.consensus.date ?? "")) “\(m.consensus.text)”\n"
        }
        let c = report.commitments
        s += "\n## \(text["commitments"])\n\n"
        s += Commitment.Status.allCases.map { "\(c.byStatus[$0.rawValue] ?? 0) \(text[$0.rawValue])" }.joined(separator: " · ") + "\n\n"
        if !c.byOwner.isEmpty {
            s += "| \(text["owner"]) | \(text["done"]) | \(text["open"]) | \(text["overdue"]) | \(text["dropped"]) |\n|---|---|---|---|---|\n"
            for o in c.byOwner { s += "| \(cell(o.owner)) | \(o.done) | \(o.open) | \(o.overdue) | \(o.dropped) |\n" }
        }
        s += "\n### \(text["overdueList"])\n\n"
        if c.overdue.isEmpty { s += "\(text["noOverdue"])\n" }
        for x in c.overdue {
            s += "- \(x.text) — \(x.owner ?? "—"), \(text["due"].lowercased()) \(text.day(x.due ?? "")) (\(x.body ?? "—"), \(text.day(x.date ?? ""))) `\(x.id)`\n"
        }
        return s
    }

    /// One line per topic: its items (each counted once, whatever its parties) and each
    /// party's consensus/dissent, most active first ("Gobierno 6/1, Sociedad civil 2/3").
    func topics() -> [(topic: String, consensus: Int, dissent: Int, parties: String)] {
        var order: [String] = []
        var lines: [String: [PositionsLedger.Line]] = [:]
        for l in report.positions {
            if lines[l.topic] == nil { order.append(l.topic) }
            lines[l.topic, default: []].append(l)
        }
        return order.map { topic in
            let ls = lines[topic]!
            var items = Set<PositionsLedger.Entry>()
            for l in ls { for i in l.items { items.insert(i.entry) } }
            let parties = ls.filter { $0.party != PositionsLedger.noParty }
                .sorted { ($0.consensus + $0.dissent, $1.party) > ($1.consensus + $1.dissent, $0.party) }
                .map { "\($0.party) \($0.consensus)/\($0.dissent)" }.joined(separator: ", ")
            return (topic, items.filter { $0.kind == .consensus }.count, items.filter { $0.kind == .dissent }.count, parties)
        }
    }

    private func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }

    // MARK: HTML

    /// `report.html`.
    public func html() -> String {
        let e = SVGCharts.escape
        var s = """
        <!DOCTYPE html>
        <html lang="\(report.language)"><head><meta charset="utf-8"><title>\(e(heading()))</title>
        <style>
        body{font-family:"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.4}
        h1{font-size:1.6em;border-bottom:3px solid #1565c0;padding-bottom:.2em}h2{margin-top:1.6em;color:#1565c0}
        table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#eef3f9}td.n{text-align:right}.chart{width:100%;height:auto;margin:.5em 0}
        .status-overdue{color:#c62828;font-weight:bold}.muted{color:#666}.cards{display:flex;gap:1em;flex-wrap:wrap}
        .card{border:1px solid #ccc;border-radius:6px;padding:.5em 1em;min-width:8em}.card b{font-size:1.6em;display:block}
        @media print{body{margin:0;max-width:none}h2{page-break-after:avoid}.chart{page-break-inside:avoid}}
        </style></head><body>
        <h1>\(e(heading()))</h1>
        <p class="muted">\(e(text["asOf"])) \(e(text.day(report.asOf))). \(e(text["generated"])).</p>

        """
        s += "<h2>\(e(text["meetingsPerBody"]))</h2>\n" + SVGCharts.timeline(report, text: text) + "\n"
        s += "<table><tr><th>\(e(text["body"]))</th><th>\(e(text["meetings"]))</th><th>\(e(text["byMonth"]))</th></tr>\n"
        for b in report.bodies {
            let months = b.byMonth.keys.sorted().map { "\($0): \(b.byMonth[$0]!)" }.joined(separator: ", ")
            s += "<tr><td>\(e(b.name))</td><td>\(e(meetingsLabel(b)))</td><td>\(e(months))</td></tr>\n"
        }
        s += "</table>\n<h2>\(e(text["attendance"]))</h2>\n" + SVGCharts.attendanceGrid(report, text: text) + "\n"
        if report.attendance.isEmpty { s += "<p>\(e(text["none"]))</p>\n" }
        s += "<h2>\(e(text["decisions"]))</h2>\n"
        for b in report.bodies where !b.decisions.isEmpty {
            s += "<h3>\(e(b.name))</h3><ul>" + b.decisions.map { "<li>\(e(text.day($0.date))): \(e($0.text))</li>" }.joined() + "</ul>\n"
        }
        if report.bodies.allSatisfy({ $0.decisions.isEmpty }) { s += "<p>\(e(text["noDecisions"]))</p>\n" }
        s += "<h2>\(e(text["positions"]))</h2>\n"
        if report.positions.isEmpty { s += "<p>\(e(text["none"]))</p>\n" } else {
            s += "<table><tr><th>\(e(text["topic"]))</th><th>\(e(text["consensus"]))</th><th>\(e(text["dissent"]))</th><th>\(e(text["byParty"]))</th></tr>\n"
            for t in topics() { s += "<tr><td>\(e(t.topic))</td><td class=\"n\">\(t.consensus)</td><td class=\"n\">\(t.dissent)</td><td>\(e(t.parties))</td></tr>\n" }
            s += "</table>\n"
        }
        s += "<h3>\(e(text["moved"]))</h3>\n"
        if report.moved.isEmpty { s += "<p>\(e(text["noMoved"]))</p>\n" } else {
            s += "<ul>" + report.moved.map { m in
                "<li><b>\(e(m.topic))</b> (\(e(m.parties.joined(separator: ", ")))): \(e(text.day(m.dissent.date ?? ""))) “\(e(m.dissent.text))” → \(e(text.day(m.consensus.date ?? ""))) “\(e(m.consensus.text))”</li>"
            }.joined() + "</ul>\n"
        }
        let c = report.commitments
        s += "<h2>\(e(text["commitments"]))</h2>\n<div class=\"cards\">"
        for (status, color) in SVGCharts.statusColors {
            s += "<div class=\"card\" style=\"border-color:\(color)\"><b style=\"color:\(color)\">\(c.byStatus[status] ?? 0)</b>\(e(text[status]))</div>"
        }
        s += "</div>\n" + SVGCharts.commitmentsByStatus(report, text: text) + "\n"
        if !c.byOwner.isEmpty {
            s += "<table><tr><th>\(e(text["owner"]))</th><th>\(e(text["done"]))</th><th>\(e(text["open"]))</th><th>\(e(text["overdue"]))</th><th>\(e(text["dropped"]))</th></tr>\n"
            for o in c.byOwner { s += "<tr><td>\(e(o.owner))</td><td class=\"n\">\(o.done)</td><td class=\"n\">\(o.open)</td><td class=\"n\">\(o.overdue)</td><td class=\"n\">\(o.dropped)</td></tr>\n" }
            s += "</table>\n"
        }
        s += "<h3>\(e(text["overdueList"]))</h3>\n"
        if c.overdue.isEmpty { s += "<p>\(e(text["noOverdue"]))</p>\n" } else {
            s += "<table><tr><th>\(e(text["owner"]))</th><th>\(e(text["commitments"]))</th><th>\(e(text["due"]))</th><th>\(e(text["meeting"]))</th></tr>\n"
            for x in c.overdue {
                s += "<tr><td>\(e(x.owner ?? "—"))</td><td>\(e(x.text))</td><td class=\"status-overdue\">\(e(text.day(x.due ?? "")))</td><td>\(e(x.body ?? "—")), \(e(text.day(x.date ?? "")))</td></tr>\n"
            }
            s += "</table>\n"
        }
        return s + "</body></html>\n"
    }
}
