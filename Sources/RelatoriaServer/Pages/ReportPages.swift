import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RelatoriaCore
import RelatoriaFollowUp
import RelatoriaKit

extension FollowUpPages {
    // MARK: - Positions

    /// `/positions`: consensus and dissent per topic and party (``PositionsLedger``, as
    /// `relatoria positions`), and the points that moved from dissent to consensus.
    func positions(_ f: FormFields, _ context: WebContext) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        var values: [String: Any] = ["path": "/positions?" + f.query, "party": Self.value(f, "party") ?? "", "topic": Self.value(f, "topic") ?? "",
                                     "from": Self.value(f, "from") ?? "", "to": Self.value(f, "to") ?? ""]
        let from: String?, to: String?
        do {
            (from, to) = (try Self.day(f, "from", w("search.from")), try Self.day(f, "to", w("search.to")))
        } catch let e as WebError {
            values["error"] = e.message
            return pages.page("positions", title: w("positions.title"), values, context: context, status: .badRequest)
        }
        guard let followUp = try await load() else {
            values["empty"] = true
            return pages.page("positions", title: w("positions.title"), values, context: context)
        }
        let ledger = PositionsLedger(records: followUp.records, parties: followUp.parties, party: Self.value(f, "party"), topic: Self.value(f, "topic"),
                                     from: from, to: to, stopwords: followUp.lexicon.stopwords)
        func entry(_ e: PositionsLedger.Entry) -> [String: Any] {
            present(["date": e.date ?? w("record.undated"), "kind": w("record.\(e.kind.rawValue)"), "kindCode": e.kind.rawValue, "text": e.text,
                     "body": e.body, "record": e.record])
        }
        var topics: [[String: Any]] = []
        for l in ledger.lines {
            let line: [String: Any] = ["party": l.party, "consensus": l.consensus, "dissent": l.dissent, "items": l.items.map { i in
                var e = entry(i.entry)
                if !i.with.isEmpty { e["with"] = i.with.joined(separator: ", ") }
                return e
            }]
            if var last = topics.last, last["topic"] as? String == l.topic {
                last["lines"] = (last["lines"] as? [[String: Any]] ?? []) + [line]
                topics[topics.count - 1] = last
            } else {
                topics.append(["topic": l.topic, "lines": [line]])
            }
        }
        values["topics"] = topics
        values["empty"] = topics.isEmpty
        values["moved"] = ledger.moved.map { m in
            ["topic": m.topic, "parties": m.parties.joined(separator: ", "), "dissent": entry(m.dissent), "consensus": entry(m.consensus)] as [String: Any]
        }
        values["hasMoved"] = !ledger.moved.isEmpty
        return pages.page("positions", title: w("positions.title"), values, context: context)
    }

    // MARK: - Report

    /// `/report`: the form of a period (and a body) whose report opens at `/report/view`.
    func report(_ f: FormFields, _ context: WebContext) async throws -> Response {
        let lang = context.language
        func w(_ k: String) -> String { env.resources.word(k, lang) }
        let year = String(DateCheck.today().prefix(4))
        let values: [String: Any] = ["path": "/report", "from": Self.value(f, "from") ?? "\(year)-01-01", "to": Self.value(f, "to") ?? "\(year)-12-31",
                                     "body": Self.value(f, "body") ?? "",
                                     "languages": ["es", "en"].map { ["code": $0, "name": w("language.\($0)"), "selected": $0 == lang.rawValue] as [String: Any] }]
        return pages.page("report", title: w("report.title"), values, context: context)
    }

    /// `/report/view?from=&to=&body=&lang=`: the report's HTML as `relatoria report` writes
    /// `report.html` (``ReportWriter/html()``), a document of its own.
    func reportView(_ f: FormFields, _ context: WebContext) async throws -> Response {
        let w = { (k: String) in env.resources.word(k, context.language) }
        guard let from = try Self.day(f, "from", w("search.from")), let to = try Self.day(f, "to", w("search.to")) else {
            throw WebError.badRequest("choose the first and last day of the period", code: "invalid_date")
        }
        guard from <= to else { throw WebError.badRequest("the period ends (\(to)) before it starts (\(from))", code: "invalid_date") }
        let lang = Self.value(f, "lang") ?? context.language.rawValue
        guard lang == "es" || lang == "en" else { throw WebError.badRequest("the language must be es or en") }
        guard let followUp = try await load() else { throw WebError.notFound("the archive holds no record yet") }
        let body = Self.value(f, "body")
        let html = try await blocking {
            ReportWriter(report: try PeriodReport(followUp: followUp, from: from, to: to, body: body, language: lang, asOf: DateCheck.today())).html()
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // The report carries its own style (it is also a file sent by itself) and no script.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
