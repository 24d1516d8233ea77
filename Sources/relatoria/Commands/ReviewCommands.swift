import ArgumentParser
import Foundation
import RelatoriaCore
import RelatoriaKit
import RelatoriaReview
import RelatoriaStore

/// What the review commands share: the archive, the person, and the review's errors as exit
/// statuses (66 unknown id, 65 a value the contract refuses, 64 a conflict or bad usage).
struct ReviewOptions: ParsableArguments {
    @OptionGroup var archive: ArchiveOptions
    @Option(name: .long, help: "Who makes the change (default: the login name).") var user: String?

    /// The person: `--user`, else `$USER` or `$LOGNAME`.
    func person() throws -> String {
        let env = ProcessInfo.processInfo.environment
        guard let u = (user ?? env["USER"] ?? env["LOGNAME"])?.trimmingCharacters(in: .whitespaces), !u.isEmpty else {
            printError("relatoria: say who makes the change with --user NAME")
            throw ExitCode(64)
        }
        return u
    }

    func open() throws -> Review {
        let (a, index) = try archive.openIndex()
        return Review(archive: a, index: index)
    }
}

/// Runs `body`, turning the review's failures into one line and an exit status.
func reviewing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let f as Review.Failure {
        printError("relatoria: \(f)")
        switch f {
        case .unknown: throw ExitCode(66)
        case .invalid: throw ExitCode(65)
        case .conflict: throw ExitCode(64)
        }
    } catch let e as ExitCode {
        throw e
    } catch {
        printError("relatoria: \(error)")
        throw ExitCode(70)
    }
}

/// `relatoria history ID`: a record's corrections.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", _superCommandName: RelatoriaCommand.name,
        abstract: "List the corrections of a record: who changed what, when, from what to what.")

    @OptionGroup var options: ArchiveOptions
    @Flag(name: .long, help: "Print JSON: {id, reviewed, corrections, orphaned, log}.") var json = false
    @Argument(help: "Record id or id prefix.") var id: String

    struct Report: Encodable {
        var id: String
        var reviewed: Bool
        var corrections: Int
        var orphaned: [Correction]
        var log: [Correction]
    }

    mutating func run() throws {
        let (a, index) = try options.openIndex(readOnly: true)
        let e = try reviewing { try Review(archive: a, index: index).effective(id) }
        if json {
            print(try jsonLine(Report(id: e.id, reviewed: e.reviewed != nil, corrections: e.corrections, orphaned: e.orphans, log: e.log)))
            return
        }
        guard !e.log.isEmpty else {
            print("\(e.id): no corrections; the record is as extracted")
            return
        }
        print("\(e.id): \(Counting.of(e.corrections, "correction"))" + (e.reviewed.map { ", reviewed by \($0.user)" } ?? ", not reviewed"))
        for line in e.log { print("  " + line.summary + (e.orphans.contains(line) ? "  (orphaned: the item is no longer in the record)" : "")) }
    }
}

/// `relatoria correct ID --set field=value ...`: a correction without the browser.
struct CorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct", _superCommandName: RelatoriaCommand.name,
        abstract: "Correct fields of a record (the extracted record stays as it is), or mark it reviewed.",
        discussion: """
            --set FIELD=VALUE replaces a field of the effective record: title, date, body, place or kind as text \
            (an empty date, body or place is null); attendees, decisions, consensus, dissent, actions or topics \
            as a JSON list, e.g. --set 'decisions=[{"text": "Aprobar la agenda"}]'.
            """)

    @OptionGroup var options: ReviewOptions
    @Option(name: .customLong("set"), help: "FIELD=VALUE (repeatable).") var sets: [String] = []
    @Flag(name: .long, help: "Mark the record reviewed (with or without changes).") var reviewed = false
    @Flag(name: .long, help: "Print the effective record as JSON afterwards.") var json = false
    @Argument(help: "Record id or id prefix.") var id: String

    /// The fields of `--set`.
    static func fields(_ sets: [String]) throws -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        for s in sets {
            guard let eq = s.firstIndex(of: "=") else {
                printError("relatoria: --set takes FIELD=VALUE, not \(s)")
                throw ExitCode(64)
            }
            let field = String(s[..<eq]).trimmingCharacters(in: .whitespaces), raw = String(s[s.index(after: eq)...])
            if FieldRules.scalars.contains(field) {
                out[field] = raw.isEmpty && ["date", "body", "place"].contains(field) ? .null : .string(raw)
            } else if FieldRules.lists.contains(field) {
                guard let v = try? JSONValue.parse(Data(raw.utf8)), v.array != nil else {
                    printError("relatoria: \(field): give the whole list as JSON, e.g. \(field)=[...]")
                    throw ExitCode(65)
                }
                out[field] = v
            } else {
                printError("relatoria: \(field) is not a field that can be corrected (" + FieldRules.all.joined(separator: ", ") + ")")
                throw ExitCode(64)
            }
        }
        return out
    }

    mutating func run() throws {
        let fields = try Self.fields(sets)
        guard !fields.isEmpty || reviewed else {
            printError("relatoria: nothing to do: give --set FIELD=VALUE or --reviewed")
            throw ExitCode(64)
        }
        let user = try options.person()
        let review = try options.open()
        let before = try reviewing { try review.effective(id) }
        let after = try reviewing { try review.correct(id, fields: fields, reviewed: reviewed, user: user) }
        if json {
            print(after.apiJSON().text)
            return
        }
        let new = after.log.dropFirst(before.log.count)
        if new.isEmpty { print("\(after.id): nothing changed") }
        for line in new { print(line.summary) }
    }
}

/// `relatoria withdraw ID --reason TEXT`, and `--undo`.
struct WithdrawCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "withdraw", _superCommandName: RelatoriaCommand.name,
        abstract: "Withdraw a record: kept on disk with the reason, hidden from search and packets.",
        discussion: "--undo returns a withdrawn record to search and packets (the withdrawal stays in its history).")

    @OptionGroup var options: ReviewOptions
    @Option(name: .long, help: "Why the record is withdrawn.") var reason: String?
    @Flag(name: .long, help: "Undo the record's withdrawal.") var undo = false
    @Argument(help: "Record id or id prefix.") var id: String

    mutating func run() throws {
        let user = try options.person()
        guard undo || reason != nil else {
            printError("relatoria: say why the record is withdrawn with --reason TEXT")
            throw ExitCode(64)
        }
        let review = try options.open()
        if undo {
            let e = try reviewing { try review.restore(id, user: user) }
            print("\(e.id): no longer withdrawn" + (e.supersededBy.map { "; still superseded by \($0)" } ?? ""))
            return
        }
        let e = try reviewing { try review.withdraw(id, reason: reason ?? "", user: user) }
        print("\(e.id): withdrawn (\(e.withdrawal?.reason ?? "")); still shown by relatoria show")
    }
}

/// `relatoria supersede NEW --over OLD`.
struct SupersedeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supersede", _superCommandName: RelatoriaCommand.name,
        abstract: "Mark a record as superseding an earlier one (a corrected version of the same document).",
        discussion: "Search then shows the newer record; the older stays reachable by its id, and each links the other.")

    @OptionGroup var options: ReviewOptions
    @Option(name: .long, help: "The earlier record's id.") var over: String
    @Argument(help: "The newer record's id or id prefix.") var id: String

    mutating func run() throws {
        let user = try options.person()
        let review = try options.open()
        let (n, o) = try reviewing { try review.supersede(id, over: over, user: user) }
        print("\(n) supersedes \(o)")
    }
}

/// `relatoria evaluate`: the extractor against the reviewed records.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", _superCommandName: RelatoriaCommand.name,
        abstract: "Score the current extractor against every reviewed record (the fields people confirmed or corrected).",
        discussion: "Prints the per-field table of shared/tools/score.py. A reviewed record counts in every field; a corrected one not marked reviewed only in the fields corrected.")

    @OptionGroup var options: ArchiveOptions

    mutating func run() throws {
        let (a, index) = try options.openIndex(readOnly: true)
        let extractor = try options.extractor()
        let review = Review(archive: a, index: index)
        var evaluation = Evaluation()
        try reviewing {
            for id in review.log.ids().sorted() {
                guard let entry = try index.entry(id: id) else { continue }
                let gold = try review.effective(id: id, recordPath: entry.recordPath)
                guard gold.withdrawal == nil, gold.reviewed != nil || !gold.correctedFields.isEmpty else { continue }
                do {
                    let data = try a.read(entry.originalPath)
                    evaluation.add(gold: gold, predicted: try extractor.record(data: data, filename: gold.extracted.source.filename, path: entry.originalPath))
                } catch {
                    evaluation.errors.append((id, "\(error)"))
                }
            }
        }
        guard evaluation.records + evaluation.errors.count > 0 else {
            print("nothing to evaluate yet: no record has been reviewed or corrected (relatoria correct ID --reviewed, or the review page)")
            return
        }
        print(evaluation.table)
    }
}
