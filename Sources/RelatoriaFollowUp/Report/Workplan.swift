public import Foundation
public import RelatoriaCore
import Yams

/// The meetings planned per year and body, from `config/workplan.yaml` (optional):
///
/// ```yaml
/// plan:
///   2006:
///     Comisión de Seguimiento: 6                           # a count
///     Grupo de Trabajo de Comunidades en Riesgo: [2006-03-01, 2006-06-07]   # or the dates
/// ```
public struct Workplan: Sendable {
    /// What is planned for one body in one year.
    public enum Plan: Sendable, Hashable {
        case count(Int)
        case dates([String])
    }

    /// year → body → plan.
    public var plan: [Int: [String: Plan]]

    public init(plan: [Int: [String: Plan]] = [:]) { self.plan = plan }

    public var isEmpty: Bool { plan.isEmpty }

    /// The meetings of `body` planned in the period: planned dates inside it, and the count
    /// of every year the period touches (a count is for a whole year); nil when the workplan
    /// plans nothing for the body in those years.
    public func planned(body: String, from: String, to: String) -> Int? {
        let key = FollowUpText.key(body)
        guard let first = Int(from.prefix(4)), let last = Int(to.prefix(4)), first <= last else { return nil }
        var total: Int?
        for year in first...last {
            guard let bodies = plan[year] else { continue }
            for (name, p) in bodies where FollowUpText.key(name) == key {
                switch p {
                case .count(let n): total = (total ?? 0) + n
                case .dates(let ds): total = (total ?? 0) + ds.filter { $0 >= from && $0 <= to }.count
                }
            }
        }
        return total
    }

    /// Bodies the workplan names for the years of the period.
    public func bodies(from: String, to: String) -> [String] {
        guard let first = Int(from.prefix(4)), let last = Int(to.prefix(4)), first <= last else { return [] }
        var out: [String] = []
        for year in first...last { for name in (plan[year] ?? [:]).keys.sorted() where !out.contains(name) { out.append(name) } }
        return out
    }

    /// Reads `workplan.yaml` from the configuration folder; an empty plan when there is none.
    public static func load(folder: URL?) throws -> Workplan {
        guard let folder else { return Workplan() }
        let url = folder.appendingPathComponent("workplan.yaml")
        guard FileManager.default.fileExists(atPath: url.path) else { return Workplan() }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw RelatoriaError(.invalidConfiguration, path: url.path, reason: "cannot be read as UTF-8")
        }
        return try parse(text, path: url.path)
    }

    /// Parses the text of a `workplan.yaml`.
    public static func parse(_ text: String, path: String) throws -> Workplan {
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch {
            throw RelatoriaError(.invalidConfiguration, path: path, reason: "not valid YAML: \(error)")
        }
        guard let root = node else { return Workplan() }
        func fail(_ n: Node, _ what: String) -> RelatoriaError {
            RelatoriaError(.invalidConfiguration, path: path, reason: "line \(n.mark?.line ?? 0): \(what)")
        }
        guard let top = root.mapping else { throw fail(root, "expected the key plan") }
        var out = Workplan()
        for (k, v) in top {
            guard k.string == "plan" else { throw fail(k, "unknown key \(k.string ?? "")") }
            guard let years = v.mapping else { throw fail(v, "plan must map years to bodies") }
            for (y, bodies) in years {
                guard let yearText = y.string, let year = Int(yearText), (1900...2999).contains(year) else { throw fail(y, "\(y.string ?? "") is not a year") }
                guard let map = bodies.mapping else { throw fail(bodies, "the year \(year) must map bodies to a count or dates") }
                for (b, p) in map {
                    guard let body = b.string, !body.isEmpty else { throw fail(b, "a body name is missing") }
                    if let s = p.string, let n = Int(s), n >= 0 {
                        out.plan[year, default: [:]][body] = .count(n)
                    } else if let list = p.sequence {
                        var dates: [String] = []
                        for d in list {
                            guard let s = d.string, s.count == 10, s.hasPrefix(String(year)), DateCheck.isDay(s) else {
                                throw fail(d, "\(d.string ?? "") is not a date of \(year) written YYYY-MM-DD")
                            }
                            dates.append(s)
                        }
                        out.plan[year, default: [:]][body] = .dates(dates.sorted())
                    } else {
                        throw fail(p, "the plan of \(body) must be a count or a list of dates")
                    }
                }
            }
        }
        return out
    }
}

/// Checks of `YYYY-MM-DD` days.
public enum DateCheck {
    /// Whether `s` is a real calendar day written `YYYY-MM-DD`.
    public static func isDay(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard s.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    /// Today's date in UTC, `YYYY-MM-DD`.
    public static func today(_ now: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: now)
    }
}
