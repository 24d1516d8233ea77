import CDispatch  // with CoreFoundation and Glibc: struct stat's fields, whichever declares them in this build
import CoreFoundation
import Foundation
import Glibc

/// The inbox's folders that held files the watcher took: each is removed once it has stayed
/// empty for the settle delay, then its parent is looked at the same way.
///
/// Only such folders: one a person just made or moved in, still empty, is theirs to fill and
/// stays; so does the inbox itself. "Stayed empty" is read from the folder's modification
/// time, which every entry created, renamed or removed in it sets; the removal is `rmdir`,
/// which the system refuses for a folder that holds anything (an ignored or hidden file, a
/// file being copied in at that very moment), so nothing in it can be lost.
struct EmptyFolders {
    let inbox: String
    let delay: Double
    /// Folder → when to look at it.
    private(set) var due: [String: Date] = [:]

    init(inbox: String, delay: Double) {
        self.inbox = inbox.hasSuffix("/") && inbox.count > 1 ? String(inbox.dropLast()) : inbox
        self.delay = delay
    }

    /// The earliest time a folder is to be looked at.
    var next: Date? { due.values.min() }

    /// A file at `path` was taken and left the inbox: its folder may now be empty.
    mutating func took(_ path: String, now: Date = Date()) {
        consider((path as NSString).deletingLastPathComponent, now: now)
    }

    private mutating func consider(_ folder: String, now: Date) {
        guard folder.hasPrefix(inbox + "/"), folder.count > inbox.count + 1 else { return }
        due[folder] = now.addingTimeInterval(delay)
    }

    /// Removes the folders whose time has come and that have stayed empty for the delay;
    /// returns those removed. A folder that holds something is forgotten (the file it holds,
    /// once taken, brings it back); one changed within the delay is looked at again later.
    mutating func removeDue(now: Date = Date()) -> [String] {
        var removed: [String] = []
        for (folder, when) in due where when <= now {
            due[folder] = nil
            var st = stat()
            guard lstat(folder, &st) == 0, st.st_mode & S_IFMT == S_IFDIR else { continue }
            let changed = Date(timeIntervalSince1970: Double(st.st_mtim.tv_sec) + Double(st.st_mtim.tv_nsec) / 1e9)
            if now.timeIntervalSince(changed) < delay {
                // Changed lately (a file added and taken, or removed): empty since then at most.
                due[folder] = min(changed, now).addingTimeInterval(delay)
                continue
            }
            guard rmdir(folder) == 0 else { continue }  // not empty, or not ours to remove
            removed.append(folder)
            consider((folder as NSString).deletingLastPathComponent, now: now)
        }
        return removed
    }
}
