import ArgumentParser
import Foundation
import RelatoriaKit
import RelatoriaServer

/// `relatoria user`: the accounts of the web application (`ARCHIVE/users.json`).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        _superCommandName: RelatoriaCommand.name,
        abstract: "Manage the accounts of the web application (relatoria serve).",
        discussion: """
            Accounts live in ARCHIVE/users.json, passwords hashed with bcrypt. Roles: reader \
            (search and read), reviewer (also upload), admin (also manage users). A running \
            server sees changes at once; removing a user or changing a password ends their sessions.
            """,
        subcommands: [Add.self, List.self, Remove.self, Passwd.self]
    )

    /// The store of `options`' archive.
    static func store(_ options: ArchiveOptions) -> UserStore { UserStore(archive: URL(fileURLWithPath: options.archive)) }

    /// The exit status of a store problem, after printing it.
    static func fail(_ problem: UserStore.Problem) -> ExitCode {
        printError("relatoria: \(problem)")
        switch problem.kind {
        case .invalid: return ExitCode(64)
        case .exists, .lastAdmin, .unreadable: return ExitCode(65)
        case .unknown: return ExitCode(66)
        }
    }

    /// A password: one line of standard input, or asked twice on the terminal without echo.
    static func password(fromStdin: Bool, for name: String) throws -> String {
        if fromStdin {
            guard let line = readLine(strippingNewline: true) else {
                printError("relatoria: --password-stdin: standard input is empty")
                throw ExitCode(64)
            }
            return line
        }
        guard isatty(0) == 1 else {
            printError("relatoria: no terminal to ask the password on; pass --password-stdin and write it to standard input")
            throw ExitCode(64)
        }
        let first = try askHidden("Password for \(name): ")
        let second = try askHidden("Again: ")
        guard first == second else {
            printError("relatoria: the two passwords differ; nothing was changed")
            throw ExitCode(64)
        }
        return first
    }

    private static func askHidden(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        tcgetattr(0, &saved)
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(0, TCSAFLUSH, &quiet)
        defer {
            tcsetattr(0, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true) else { throw ExitCode(64) }
        return line
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a user.")
        @OptionGroup var options: ArchiveOptions
        @Option(name: .long, help: "reader, reviewer or admin.") var role: String
        @Flag(name: .long, help: "Read the password from standard input (one line) instead of asking.") var passwordStdin = false
        @Argument(help: "The user name (letters, digits, . _ - @).") var name: String

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be reader, reviewer or admin, not \(role)") }
        }

        func run() throws {
            let role = Role(rawValue: role)!
            let store = UserCommand.store(options)
            do {
                // Refused before a password is asked for, when it could only fail.
                if try store.user(named: name) != nil { throw UserStore.Problem(kind: .exists, message: "a user named \(name) already exists") }
                let password = try UserCommand.password(fromStdin: passwordStdin, for: name)
                try store.add(name: name, role: role, password: password)
            } catch let p as UserStore.Problem { throw UserCommand.fail(p) }
            print("added \(name) (\(role.rawValue)) to \(store.url.path)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the users and their roles.")
        @OptionGroup var options: ArchiveOptions
        @Flag(name: .long, help: "Print JSON: [{name, role, created}].") var json = false

        struct Row: Encodable { var name: String; var role: String; var created: String }

        func run() throws {
            let users: [User]
            do { users = try UserCommand.store(options).users() } catch let p as UserStore.Problem { throw UserCommand.fail(p) }
            if json {
                print(try jsonLine(users.map { Row(name: $0.name, role: $0.role.rawValue, created: $0.created) }))
                return
            }
            if users.isEmpty { print("no users (add the first admin with: relatoria user add NAME --role admin)") }
            for u in users { print("\(u.name.padding(toLength: max(16, u.name.count), withPad: " ", startingAt: 0))  \(u.role.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  since \(u.created)") }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a user (not the last admin while others remain).")
        @OptionGroup var options: ArchiveOptions
        @Argument(help: "The user name.") var name: String

        func run() throws {
            do { try UserCommand.store(options).remove(name: name) } catch let p as UserStore.Problem { throw UserCommand.fail(p) }
            print("removed \(name)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a user's password.")
        @OptionGroup var options: ArchiveOptions
        @Flag(name: .long, help: "Read the password from standard input (one line) instead of asking.") var passwordStdin = false
        @Argument(help: "The user name.") var name: String

        func run() throws {
            let store = UserCommand.store(options)
            do {
                guard try store.user(named: name) != nil else { throw UserStore.Problem(kind: .unknown, message: "no user named \(name)") }
                let password = try UserCommand.password(fromStdin: passwordStdin, for: name)
                try store.setPassword(name: name, password: password)
            } catch let p as UserStore.Problem { throw UserCommand.fail(p) }
            print("password of \(name) changed")
        }
    }
}
