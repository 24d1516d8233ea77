import Foundation
import RelatoriaCore
/// The report's pictures, drawn as inline SVG by the project (no charting service, nothing
/// fetched): a timeline of meetings per body, an attendance grid, commitments by status.
enum SVGCharts {
    static let statusColors: [(status: String, color: String)] = [
        ("done", "#2e7d32"), ("open", "#1565c0"), ("overdue", "#c62828"), ("dropped", "#9e9e9e"),
    ]

    /// Escapes text for HTML and SVG (``HTMLText``).
    static func escape(_ s: String) -> String { HTMLText.escape(s) }

    /// Months from `from` to `to` as (year, month).
    static func months(from: String, to: String) -> [(Int, Int)] {
        guard let y0 = Int(from.prefix(4)), let m0 = Int(from.dropFirst(5).prefix(2)),
              let y1 = Int(to.prefix(4)), let m1 = Int(to.dropFirst(5).prefix(2)), (y0, m0) <= (y1, m1) else { return [] }
        var out: [(Int, Int)] = []
        var (y, m) = (y0, m0)
        while (y, m) <= (y1, m1) && out.count < 1200 {
            out.append((y, m))
            m += 1
            if m > 12 { m = 1; y += 1 }
        }
        return out
    }

    private static func clip(_ s: String, _ n: Int) -> String { s.count > n ? String(s.prefix(n - 1)) + "…" : s }

    /// One row per body, a dot per meeting on a time axis of the period's months.
    static func timeline(_ report: PeriodReport, text: ReportText) -> String {
        let ms = months(from: report.from, to: report.to)
        let bodies = report.bodies.filter { $0.meetings > 0 }
        guard !ms.isEmpty, !bodies.isEmpty else { return "" }
        let left = 300.0, width = 1100.0, rowH = 26.0, top = 30.0
        let plot = width - left - 20
        let height = top + Double(bodies.count) * rowH + 30
        func x(_ date: String) -> Double {
            guard let y = Int(date.prefix(4)), let m = Int(date.dropFirst(5).prefix(2)), let d = Int(date.dropFirst(8).prefix(2)),
                  let i = ms.firstIndex(where: { $0 == (y, m) }) else { return left }
            return left + (Double(i) + Double(d - 1) / 31) / Double(ms.count) * plot
        }
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(text["timeline"]))\" class=\"chart\">"
        for (i, (y, m)) in ms.enumerated() where m == 1 || i == 0 || (ms.count <= 24 && m % 3 == 1) {
            let px = left + Double(i) / Double(ms.count) * plot
            s += "<line x1=\"\(px)\" y1=\"\(top - 8)\" x2=\"\(px)\" y2=\"\(height - 25)\" stroke=\"#ccc\"/>"
            s += "<text x=\"\(px + 2)\" y=\"\(top - 12)\" font-size=\"11\" fill=\"#555\">\(m == 1 || i == 0 ? "\(text.month(m)) \(y)" : text.month(m))</text>"
        }
        for (i, b) in bodies.enumerated() {
            let cy = top + Double(i) * rowH + rowH / 2
            if i % 2 == 0 { s += "<rect x=\"0\" y=\"\(cy - rowH / 2)\" width=\"\(width)\" height=\"\(rowH)\" fill=\"#f5f7fa\"/>" }
            s += "<text x=\"\(left - 8)\" y=\"\(cy + 4)\" font-size=\"12\" text-anchor=\"end\"><title>\(escape(b.name))</title>\(escape(clip(b.name, 40)))</text>"
            for m in b.held {
                s += "<circle cx=\"\(x(m.date))\" cy=\"\(cy)\" r=\"6\" fill=\"#1565c0\" fill-opacity=\"0.8\"><title>\(escape(text.day(m.date))) — \(escape(m.title))</title></circle>"
            }
            let label = b.planned.map { text.ofPlanned(b.meetings, $0) } ?? String(b.meetings)
            s += "<text x=\"\(width - 16)\" y=\"\(cy + 4)\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">\(escape(label))</text>"
        }
        return s + "</svg>"
    }

    /// Organizations (rows) by bodies (columns), each cell shaded by the meetings attended.
    static func attendanceGrid(_ report: PeriodReport, text: ReportText, limit: Int = 30) -> String {
        let rows = Array(report.attendance.prefix(limit))
        let bodies = report.bodies.filter { $0.meetings > 0 }.map(\.name)
        guard !rows.isEmpty, !bodies.isEmpty else { return "" }
        let left = 300.0, cell = 34.0, top = 170.0
        // Room on the right for the last columns' slanted labels.
        let width = left + Double(bodies.count) * cell + 160, height = top + Double(rows.count) * 22 + 10
        let most = max(1, rows.flatMap { $0.byBody.values }.max() ?? 1)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(text["attendanceGrid"]))\" class=\"chart\" style=\"max-width:\(Int(width))px\">"
        for (j, b) in bodies.enumerated() {
            let cx = left + Double(j) * cell + cell / 2
            s += "<text transform=\"translate(\(cx + 4),\(top - 6)) rotate(-60)\" font-size=\"11\"><title>\(escape(b))</title>\(escape(clip(b, 30)))</text>"
        }
        for (i, r) in rows.enumerated() {
            let y = top + Double(i) * 22
            s += "<text x=\"\(left - 8)\" y=\"\(y + 15)\" font-size=\"12\" text-anchor=\"end\"><title>\(escape(r.organization))</title>\(escape(clip(r.organization, 40)))</text>"
            for (j, b) in bodies.enumerated() {
                let n = r.byBody[b] ?? 0
                let x = left + Double(j) * cell
                let opacity = n == 0 ? 0.0 : 0.2 + 0.8 * Double(n) / Double(most)
                s += "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(cell - 2)\" height=\"20\" fill=\"#2e7d32\" fill-opacity=\"\(opacity)\" stroke=\"#ddd\"><title>\(escape(r.organization)) — \(escape(b)): \(n)</title></rect>"
                if n > 0 { s += "<text x=\"\(x + cell / 2)\" y=\"\(y + 15)\" font-size=\"11\" text-anchor=\"middle\" fill=\"\(opacity > 0.6 ? "#fff" : "#000")\">\(n)</text>" }
            }
        }
        return s + "</svg>"
    }

    /// Stacked bars of the commitments made each month (each quarter over two years), by status.
    static func commitmentsByStatus(_ report: PeriodReport, text: ReportText) -> String {
        let ms = months(from: report.from, to: report.to)
        guard !ms.isEmpty, report.commitments.total > 0 else { return "" }
        let quarterly = ms.count > 24
        var buckets: [(label: String, counts: [String: Int])] = []
        var index: [String: Int] = [:]
        for (y, m) in ms {
            let label = quarterly ? "\(y) T\((m - 1) / 3 + 1)" : "\(text.month(m)) \(y)"
            if index[label] == nil { index[label] = buckets.count; buckets.append((label, [:])) }
            let key = "\(y)-\(m < 10 ? "0" : "")\(m)"
            for (status, n) in report.commitments.byMonth[key] ?? [:] { buckets[index[label]!].counts[status, default: 0] += n }
        }
        let left = 40.0, width = 1100.0, top = 40.0, plotH = 220.0
        let height = top + plotH + 60
        let most = max(1, buckets.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        let barW = (width - left - 20) / Double(buckets.count)
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(escape(text["commitmentsChart"]))\" class=\"chart\">"
        var lx = left
        for (status, color) in statusColors {
            s += "<rect x=\"\(lx)\" y=\"8\" width=\"12\" height=\"12\" fill=\"\(color)\"/><text x=\"\(lx + 16)\" y=\"18\" font-size=\"12\">\(escape(text[status])) (\(report.commitments.byStatus[status] ?? 0))</text>"
            lx += 150
        }
        s += "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(width - 20)\" y2=\"\(top + plotH)\" stroke=\"#999\"/>"
        s += "<text x=\"\(left - 6)\" y=\"\(top + 4)\" font-size=\"11\" text-anchor=\"end\">\(most)</text><text x=\"\(left - 6)\" y=\"\(top + plotH)\" font-size=\"11\" text-anchor=\"end\">0</text>"
        for (i, b) in buckets.enumerated() {
            let x = left + Double(i) * barW
            var y = top + plotH
            for (status, color) in statusColors {
                let n = b.counts[status] ?? 0
                guard n > 0 else { continue }
                let h = Double(n) / Double(most) * plotH
                y -= h
                s += "<rect x=\"\(x + barW * 0.15)\" y=\"\(y)\" width=\"\(barW * 0.7)\" height=\"\(h)\" fill=\"\(color)\"><title>\(escape(b.label)): \(n) \(escape(text[status]))</title></rect>"
            }
            if buckets.count <= 36 || i % 3 == 0 {
                s += "<text transform=\"translate(\(x + barW / 2),\(top + plotH + 12)) rotate(45)\" font-size=\"10\">\(escape(b.label))</text>"
            }
        }
        return s + "</svg>"
    }
}
