import FluentKit
import Foundation
import KefuDomain
import KefuStore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Only one node or process runs the scanner at a time. PostgreSQL: a session advisory lock held on one
/// connection for the whole scan (the scan's own per-clock transactions run on that connection and stay
/// separate). SQLite: a lease row, because `serve` and a cron `kefu jobs run-once` are two processes.
///
/// Issue 20: a process killed during a scan must not stop warnings and escalations for long. The SQLite
/// lease therefore lasts one scan interval (plus a little) and is renewed while the scan runs, and the
/// holder names its machine boot and process, so another process on the same machine takes over at once
/// when the holder's process is gone.
package enum ScannerLease {
    package static let lockKey: Int64 = 0x6B65_6675_0001 // "kefu" + 1
    package static let leaseName = "deadline-scanner"
    /// Added to the scan interval: room for the next scan of a live holder to renew in time.
    package static let leaseMargin: TimeInterval = 5

    package static func leaseDuration(_ services: AppServices) -> TimeInterval {
        TimeInterval(max(1, services.rulebook.deadlines.scanIntervalSeconds)) + leaseMargin
    }

    /// Runs `body` if the lease is free, else returns nil without running it.
    package static func withLease<T: Sendable>(_ db: any Database, services: AppServices,
                                       _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T? {
        if JobLeaseRepository.usesAdvisoryLocks(db) {
            return try await JobLeaseRepository.withAdvisoryLock(lockKey, on: db, body)
        }
        let holder = LeaseHolder.current.name
        let leases = JobLeaseRepository(db: db)
        let duration = leaseDuration(services)
        guard try await leases.claim(leaseName, holder: holder, at: services.now(), for: duration,
                                     holderIsGone: LeaseHolder.isGone) else { return nil }
        // Renewed three times per lease while the scan runs, so a long scan keeps it and a dead one loses it.
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(duration / 3))
                if Task.isCancelled { break }
                _ = try? await leases.claim(leaseName, holder: holder, at: services.now(), for: duration, holderIsGone: { _ in false })
            }
        }
        defer { renewal.cancel() }
        do {
            let result = try await body(db)
            renewal.cancel()
            try await leases.release(leaseName, holder: holder)
            return result
        } catch {
            renewal.cancel()
            try? await leases.release(leaseName, holder: holder)
            throw error
        }
    }
}

/// Who holds a lease: `boot-id pid instance call`. The boot id (Linux) tells whether the holder ran on this
/// machine since its last start; then its process id tells whether it still runs. The instance id tells a
/// restarted process that got the same pid (pid 1 in a container) from the dead one.
package struct LeaseHolder: Sendable {
    package let bootID: String
    package let pid: Int32
    package let instance: String

    package init(bootID: String, pid: Int32, instance: String) {
        self.bootID = bootID
        self.pid = pid
        self.instance = instance
    }

    package static let current = LeaseHolder(bootID: readBootID(), pid: getpid(), instance: UUID().uuidString)

    /// A fresh name per claim (two claims in one process stay distinct, as before).
    package var name: String { "\(bootID) \(pid) \(instance) \(UUID().uuidString)" }

    /// True when `name` was written by a process of this machine's current boot that no longer runs.
    /// Unknown formats (older releases) and other machines: false — their lease simply expires.
    @Sendable package static func isGone(_ name: String) -> Bool {
        let parts = name.split(separator: " ").map(String.init)
        guard parts.count == 4, let pid = Int32(parts[1]), pid > 0 else { return false }
        let me = current
        guard !me.bootID.isEmpty, parts[0] == me.bootID else { return false }
        if pid == me.pid { return parts[2] != me.instance }
        return kill(pid, 0) != 0 && errno == ESRCH
    }

    private static func readBootID() -> String {
        let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? ""
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
