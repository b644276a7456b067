import Fluent
import Foundation
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import SQLKit
import Testing
import Vapor

/// Issue 20: on SQLite a process killed during a deadline scan left the lease held for five minutes (and the
/// lease was timed by the real clock). Now it lasts one scan interval on the app's clock, and a holder whose
/// process is gone is replaced at once.
@Suite("Issue 20: the scanner lease outlives its holder by at most one scan interval")
struct ScannerLeaseTests {
    private func expiry(_ app: Application) async throws -> Date? {
        struct Row: Decodable { let expires_at: Date }
        return try await (app.db as! any SQLDatabase).select().column("expires_at").from("job_leases")
            .where("name", .equal, ScannerLease.leaseName).first(decoding: Row.self)?.expires_at
    }

    @Test("I20-LEASE-1 A scan's lease runs on the app's clock and lasts one scan interval (plus 5 s), not 5 minutes")
    func leaseLastsOneInterval() async throws {
        guard !testsUsePostgres else { return }
        try await withTestApp { app in
            app.services.now = { .t0 }
            let interval = TimeInterval(app.services.rulebook.deadlines.scanIntervalSeconds)
            let during = try await ScannerLease.withLease(app.db, services: app.services) { _ in try await expiry(app) }
            #expect(during == .some(Date.t0.addingTimeInterval(interval + 5)))
        }
    }

    @Test("I20-LEASE-2 A lease its holder stopped renewing (another machine) is free one scan interval later by the app's clock")
    func foreignHolderExpires() async throws {
        guard !testsUsePostgres else { return }
        try await withTestApp { app in
            app.services.now = { .t0 }
            let duration = ScannerLease.leaseDuration(app.services)
            let claimed = try await JobLeaseRepository(db: app.db).claim(ScannerLease.leaseName, holder: "other-machine 4242 x y",
                                                                         at: .t0, for: duration)
            #expect(claimed)
            app.services.now = { Date.t0.addingTimeInterval(duration - 1) }
            let early = try await ScannerLease.withLease(app.db, services: app.services) { _ in 1 }
            #expect(early == nil)
            app.services.now = { Date.t0.addingTimeInterval(duration + 1) }
            let late = try await ScannerLease.withLease(app.db, services: app.services) { _ in 1 }
            #expect(late == 1)
        }
    }

    @Test("I20-LEASE-3 A lease held by a killed process of this machine is taken over at once")
    func deadHolderReplaced() async throws {
        guard !testsUsePostgres, !LeaseHolder.current.bootID.isEmpty else { return }
        // A process that has ended: its pid no longer runs.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = "\(LeaseHolder.current.bootID) \(finished.processIdentifier) \(UUID().uuidString) \(UUID().uuidString)"
        try await withTestApp { app in
            app.services.now = { .t0 }
            let claimed = try await JobLeaseRepository(db: app.db).claim(ScannerLease.leaseName, holder: dead, at: .t0, for: 300)
            #expect(claimed)
            let taken = try await ScannerLease.withLease(app.db, services: app.services) { _ in "taken over" }
            #expect(taken == "taken over")
            // A live holder in this process is not mistaken for a dead one.
            let services: AppServices = app.services
            let live = try await ScannerLease.withLease(app.db, services: services) { db in
                try await ScannerLease.withLease(db, services: services) { _ in "second" }
            }
            #expect(live == .some(nil))
        }
    }
}
