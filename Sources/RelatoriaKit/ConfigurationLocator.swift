public import Foundation

/// Finds the configuration folder (`config/`): an explicit path, then `$RELATORIA_CONFIG`,
/// then `./config`, then a `config/` beside or above the executable (a source checkout).
public enum ConfigurationLocator {
    public static func folder(explicit: String?, executable: String = CommandLine.arguments.first ?? "") -> URL? {
        let fm = FileManager.default
        func ok(_ path: String) -> URL? {
            var isDir: ObjCBool = false
            let lexicon = (path as NSString).appendingPathComponent("lexicon")
            return fm.fileExists(atPath: lexicon, isDirectory: &isDir) && isDir.boolValue ? URL(fileURLWithPath: path) : nil
        }
        if let explicit { return URL(fileURLWithPath: explicit) }
        if let env = ProcessInfo.processInfo.environment["RELATORIA_CONFIG"], !env.isEmpty { return URL(fileURLWithPath: env) }
        if let u = ok(fm.currentDirectoryPath + "/config") { return u }
        var dir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if let u = ok(dir.appendingPathComponent("config").path) { return u }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }
}
