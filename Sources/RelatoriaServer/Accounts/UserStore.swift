public import Foundation
import HummingbirdBcrypt
import CDispatch  // with CoreFoundation and Glibc: struct stat's fields, whichever declares them in this build
import CoreFoundation
import Glibc
import Synchronization

/// What a user may do: readers search and read; reviewers also upload and (later) correct;
/// admins also manage users.
public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case reader, reviewer, admin

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// One account of the web application.
public struct User: Sendable, Codable, Equatable {
    public var name: String
    public var role: Role
    /// The bcrypt hash of the password (never the password).
    public var hash: String
    public var created: String
    public var passwordChanged: String?
}

/// The accounts of the web application, in `ARCHIVE/users.json`, read afresh when the file
/// changes and written atomically (a temporary file renamed over it, under a lock), so that
/// `relatoria user add` works while `relatoria serve` runs.
public final class UserStore: Sendable {
    /// A problem with a name, a password or the file, said in one readable line.
    public struct Problem: Error, Sendable, CustomStringConvertible, Equatable {
        public enum Kind: Sendable, Equatable { case invalid, exists, unknown, lastAdmin, unreadable }
        public let kind: Kind
        public let message: String
        public var description: String { message }
        public init(kind: Kind, message: String) { (self.kind, self.message) = (kind, message) }
    }

    public let url: URL
    /// The bcrypt cost of new hashes (12 by default; tests use the minimum, 4).
    public let cost: UInt8
    private let cache = Mutex<(stamp: FileChange?, users: [User])>((nil, []))

    /// The shortest password accepted.
    public static let minimumPasswordLength = 8

    /// The store of the archive at `archive` (the file need not exist yet).
    public init(archive: URL, cost: UInt8 = 12) {
        url = archive.appendingPathComponent("users.json")
        self.cost = cost
    }

    /// Every user, sorted by name.
    /// - Throws: ``Problem`` `.unreadable` when the file exists but cannot be read or parsed.
    public func users() throws -> [User] {
        let stamp = FileChange(path: url.path)
        if let cached = cache.withLock({ $0.stamp != nil && $0.stamp == stamp ? $0.users : nil }) { return cached }
        guard let stamp else { cache.withLock { $0 = (nil, []) }; return [] }
        let users: [User]
        do {
            let data = try Data(contentsOf: url)
            users = try JSONDecoder().decode(File.self, from: data).users.sorted { $0.name < $1.name }
        } catch {
            throw Problem(kind: .unreadable, message: "\(url.path) cannot be read as a list of users: \(error.localizedDescription)")
        }
        cache.withLock { $0 = (stamp, users) }
        return users
    }

    /// The user called `name` (names are compared ignoring case).
    public func user(named name: String) throws -> User? {
        let key = name.lowercased()
        return try users().first { $0.name.lowercased() == key }
    }

    /// Adds a user.
    /// - Throws: ``Problem`` for a bad name or password, or a name already taken.
    public func add(name: String, role: Role, password: String, now: Date = Date()) throws {
        try Self.validate(name: name)
        try Self.validate(password: password)
        let hash = Bcrypt.hash(password, cost: cost)
        try modify { users in
            guard !users.contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw Problem(kind: .exists, message: "a user named \(name) already exists")
            }
            users.append(User(name: name, role: role, hash: hash, created: Self.timestamp(now), passwordChanged: nil))
        }
    }

    /// Removes a user; the last admin cannot be removed while other users remain.
    public func remove(name: String) throws {
        try modify { users in
            guard let i = users.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw Problem(kind: .unknown, message: "no user named \(name)")
            }
            if users[i].role == .admin, users.count > 1, users.filter({ $0.role == .admin }).count == 1 {
                throw Problem(kind: .lastAdmin, message: "\(users[i].name) is the last admin; make another admin first")
            }
            users.remove(at: i)
        }
    }

    /// Sets a user's password.
    public func setPassword(name: String, password: String, now: Date = Date()) throws {
        try Self.validate(password: password)
        let hash = Bcrypt.hash(password, cost: cost)
        try modify { users in
            guard let i = users.firstIndex(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw Problem(kind: .unknown, message: "no user named \(name)")
            }
            users[i].hash = hash
            users[i].passwordChanged = Self.timestamp(now)
        }
    }

    /// The user whose name and password these are, or nil. Takes a bcrypt's time whether or
    /// not the name exists, so that the time of an answer says nothing about the names.
    public func authenticate(name: String, password: String) -> User? {
        let user = try? self.user(named: name)
        let ok = Bcrypt.verify(password, hash: user?.hash ?? Self.decoyHash)
        return ok ? user : nil
    }

    /// A hash of no one's password, verified against when the name is unknown.
    private static let decoyHash = Bcrypt.hash(UUID().uuidString, cost: 12)

    // MARK: - Rules

    static func validate(name: String) throws {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-@"))
        guard (1...64).contains(name.count), name.unicodeScalars.allSatisfy(allowed.contains), !name.hasPrefix("-") else {
            throw Problem(kind: .invalid, message: "a user name is 1 to 64 letters, digits, dots, dashes, underscores or @, not starting with a dash")
        }
    }

    static func validate(password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw Problem(kind: .invalid, message: "a password needs at least \(minimumPasswordLength) characters")
        }
        // bcrypt reads at most 72 bytes: a longer password would be cut without saying so.
        guard password.utf8.count <= 72 else {
            throw Problem(kind: .invalid, message: "a password may have at most 72 bytes (bcrypt reads no further)")
        }
    }

    // MARK: - The file

    private struct File: Codable {
        var version = 1
        var users: [User]
    }

    /// Reads, changes and writes the file under an exclusive lock (`users.json.lock`).
    private func modify(_ change: (inout [User]) throws -> Void) throws {
        let folder = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw Problem(kind: .unreadable, message: "cannot create \(folder.path): \(error.localizedDescription)")
        }
        let lockPath = url.path + ".lock"
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Problem(kind: .unreadable, message: "cannot lock \(lockPath): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        cache.withLock { $0 = (nil, []) }
        var users = try self.users()
        try change(&users)
        users.sort { $0.name < $1.name }
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try enc.encode(File(users: users)) } catch {
            throw Problem(kind: .unreadable, message: "cannot encode the users: \(error.localizedDescription)")
        }
        let tmp = folder.appendingPathComponent(".users.json.\(getpid()).tmp")
        do {
            // Readable by the owner only: the hashes are no one else's business.
            guard FileManager.default.createFile(atPath: tmp.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let h = open(tmp.path, O_RDONLY)
            if h >= 0 { fsync(h); close(h) }
            guard rename(tmp.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            unlink(tmp.path)
            throw Problem(kind: .unreadable, message: "cannot write \(url.path): \(String(cString: strerror(errno)))")
        }
        cache.withLock { $0 = (nil, []) }
    }

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: date)
    }
}

/// A file's identity and last change, to notice that it was replaced.
struct FileChange: Equatable, Sendable {
    var inode: UInt64
    var modified: Int
    var modifiedNanos: Int
    var size: Int64

    init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        inode = UInt64(st.st_ino)
        modified = st.st_mtim.tv_sec
        modifiedNanos = st.st_mtim.tv_nsec
        size = Int64(st.st_size)
    }
}
