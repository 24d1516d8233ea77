public import Foundation
public import RelatoriaCore
import RelatoriaStore

/// A record as the archive serves it: the record as extracted, with its corrections applied
/// in the order they were made. The extracted record is never rewritten; this is computed
/// each time from it and the correction log.
public struct EffectiveRecord: Sendable {
    /// The record as the machine made it.
    public let extracted: Record
    /// The effective record as JSON: the record file's keys (extra keys such as an item's
    /// `confidence` kept) with the corrected fields replaced.
    public let json: [String: JSONValue]
    /// The effective record.
    public let record: Record
    /// The whole correction log, oldest first.
    public let log: [Correction]
    /// The field changes that no longer apply: the item they changed is not in the record any
    /// more (after a re-extraction). Kept in the log, listed here, never dropped.
    public let orphans: [Correction]

    public var id: String { extracted.id }

    /// Reads the record file's bytes and applies `log`.
    /// - Throws: when the record file or the corrected record does not decode.
    public init(recordFile: Data, log: [Correction]) throws {
        let extracted = try RecordEncoding.decode(recordFile)
        guard var object = try JSONValue.parse(recordFile).object else {
            throw FieldRules.Invalid("record", "the record file is not a JSON object")
        }
        let orphans = Self.apply(log, to: &object)
        self.extracted = extracted
        self.json = object
        self.record = try JSONValue.object(object).decode(Record.self)
        self.log = log
        self.orphans = orphans
    }

    /// The last `reviewed` line: who confirmed the record, and when.
    public var reviewed: Correction? { log.last { $0.event == .reviewed } }

    /// The withdrawal in force: the last `withdrawn` line, unless a `restored` came after it.
    public var withdrawal: Correction? {
        guard let i = log.lastIndex(where: { $0.event == .withdrawn || $0.event == .restored }), log[i].event == .withdrawn else { return nil }
        return log[i]
    }

    /// The newer record this one is superseded by.
    public var supersededBy: String? { log.last { $0.event == .supersededBy }?.record }

    /// The earlier records this one supersedes.
    public var supersedes: [String] { log.filter { $0.event == .supersedes }.compactMap(\.record) }

    /// The number of field changes made by people.
    public var corrections: Int { log.filter(\.changesField).count }

    /// The fields a person changed.
    public var correctedFields: Set<String> { Set(log.filter(\.changesField).compactMap(\.field)) }

    /// Whether search and packets leave the record out (withdrawn, or superseded by a newer one).
    public var isHidden: Bool { withdrawal != nil || supersededBy != nil }

    /// The effective record's JSON with `reviewed` and `corrections` added, as the API serves it.
    public func apiJSON() -> JSONValue {
        var o = json
        o["reviewed"] = .bool(reviewed != nil)
        o["corrections"] = .int(corrections)
        return .object(o)
    }

    // MARK: Applying and making corrections

    /// Applies the field changes of `log` to a record's JSON object, in order.
    /// - Returns: the changes whose item was not found (orphaned).
    static func apply(_ log: [Correction], to object: inout [String: JSONValue]) -> [Correction] {
        var orphans: [Correction] = []
        for c in log {
            guard let field = c.field else { continue }
            switch c.event {
            case .set:
                object[field] = c.to ?? .null
                Self.markAsPersons(field, value: c.to ?? .null, in: &object)
            case .item:
                var list = object[field]?.array ?? []
                if let from = c.from {
                    guard let i = Self.find(from, in: list, near: c.at) else { orphans.append(c); continue }
                    if let to = c.to { list[i] = to } else { list.remove(at: i) }
                } else if let to = c.to {
                    list.insert(to, at: min(max(c.at ?? list.count, 0), list.count))
                }
                object[field] = .array(list)
            default: continue
            }
        }
        return orphans
    }

    /// The fields whose `confidence` and `via` the record carries in objects of its own.
    static let scalarFieldsWithConfidence: Set<String> = ["title", "date", "body"]

    /// A value a person set is no longer the extractor's guess: its `confidence` becomes 1 and
    /// its `via` `review`; a field a person emptied has neither (as an empty field extracted).
    static func markAsPersons(_ field: String, value: JSONValue, in object: inout [String: JSONValue]) {
        guard scalarFieldsWithConfidence.contains(field) else { return }
        for (key, mark) in [("confidence", JSONValue.double(1)), ("via", JSONValue.string("review"))] {
            var fields = object[key]?.object ?? [:]
            fields[field] = value == .null ? nil : mark
            object[key] = fields.isEmpty ? nil : .object(fields)
        }
    }

    /// Where `item` is in `list`: at `near` when it is there, else the first equal item, else
    /// the first with the same text (a re-extraction may move an item's anchor).
    static func find(_ item: JSONValue, in list: [JSONValue], near: Int?) -> Int? {
        if let n = near, list.indices.contains(n), list[n] == item { return n }
        if let i = list.firstIndex(of: item) { return i }
        guard let key = FieldRules.key(item) else { return nil }
        return list.firstIndex { FieldRules.key($0) == key }
    }

    /// The log lines that turn `old` into `new` for `field`: a `set` for a scalar field; for a
    /// list, one line per item changed, removed or added (replacements first, then removals
    /// from the end, then additions in order, so that each line's `at` holds when applied).
    public static func changes(_ field: String, from old: JSONValue, to new: JSONValue, user: String, time: String) -> [Correction] {
        guard old != new else { return [] }
        guard FieldRules.lists.contains(field) else { return [Correction(time: time, user: user, event: .set, field: field, from: old, to: new)] }
        let a = old.array ?? [], b = new.array ?? []
        let diff = b.difference(from: a)
        var removals: [(offset: Int, item: JSONValue, kept: Int)] = [], insertions: [(offset: Int, item: JSONValue, kept: Int)] = []
        // (A difference lists its removals from the last; both are taken in offset order here.)
        var removed: [(Int, JSONValue)] = [], inserted: [(Int, JSONValue)] = []
        for change in diff {
            switch change {
            case .remove(let o, let e, _): removed.append((o, e))
            case .insert(let o, let e, _): inserted.append((o, e))
            }
        }
        for (o, e) in removed.sorted(by: { $0.0 < $1.0 }) { removals.append((o, e, o - removals.count)) }
        for (o, e) in inserted.sorted(by: { $0.0 < $1.0 }) { insertions.append((o, e, o - insertions.count)) }
        var out: [Correction] = []
        var pairedRemovals = Set<Int>(), pairedInsertions = Set<Int>()
        var j = 0
        for (ri, r) in removals.enumerated() {
            while j < insertions.count && insertions[j].kept < r.kept { j += 1 }
            if j < insertions.count && insertions[j].kept == r.kept {
                out.append(Correction(time: time, user: user, event: .item, field: field, from: r.item, to: insertions[j].item, at: r.offset))
                pairedRemovals.insert(ri)
                pairedInsertions.insert(j)
                j += 1
            }
        }
        for (ri, r) in removals.enumerated().reversed() where !pairedRemovals.contains(ri) {
            out.append(Correction(time: time, user: user, event: .item, field: field, from: r.item, at: r.offset))
        }
        for (ii, i) in insertions.enumerated() where !pairedInsertions.contains(ii) {
            out.append(Correction(time: time, user: user, event: .item, field: field, to: i.item, at: i.offset))
        }
        return out
    }
}
