import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue 20: the database, its backups and the folders Kefu makes hold personal data, so Kefu creates them
/// readable by their owner only — 0700 folders, 0600 files — whatever the umask. SQLite gives a database's
/// `-wal` and `-shm` files the mode of the database file, so creating that file 0600 covers them.
/// Files and folders that already exist keep the mode an administrator gave them.
public enum OwnerOnlyFiles {
    public static let folderMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600

    /// Creates `path` and any missing parents with mode 0700 (the ones that exist are left alone).
    public static func createFolder(_ path: String) throws {
        var missing: [String] = []
        var current = (path as NSString).standardizingPath
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for folder in missing.reversed() {
            if mkdir(folder, folderMode) != 0, errno != EEXIST { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: folder]) }
            _ = chmod(folder, folderMode)
        }
    }

    /// Creates `path` as an empty 0600 file if it does not exist yet; true when this call created it.
    @discardableResult
    public static func createFile(_ path: String) throws -> Bool {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, fileMode)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { close(fd) }
        _ = fchmod(fd, fileMode)
        return true
    }

    /// The permission bits of `path` (for tests).
    public static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }
}
