import KefuDomain
import FluentKit
import Fluent
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// `serve` runs the deadline scanner every `deadlines.scan_interval_seconds` of the rulebook (default 30)
/// under the lease.
struct ScannerLoop: LifecycleHandler {
    private let task = NIOLockedValueBox<Task<Void, Never>?>(nil)

    func didBootAsync(_ app: Application) async throws {
        let interval = TimeInterval(app.services.rulebook.deadlines.scanIntervalSeconds)
        let logger = Logger(label: "kefu.deadlines")
        task.withLockedValue { $0 = Task {
            while !Task.isCancelled {
                do {
                    let services = app.services
                    let report = try await ScannerLease.withLease(app.db, services: services) { db in
                        let report = try await ScanDeadlines(db: db, services: services).run(now: services.now())
                        _ = try await FlagPriorityDispatch(db: db, services: services).run(now: services.now())
                        _ = try await DeliverWebhooks(db: db, services: services, client: app.client).run(now: services.now())
                        _ = try await ComplaintReviews(db: db, services: services).openDue(now: services.now())
                        _ = try await ReturnVisitWeeks(db: db, services: services).openDue(now: services.now())
                        _ = try await ReportSubmissions(db: db, services: services).remindMonthly(now: services.now())
                        _ = try await PhoneMessages(db: db, services: services).escalateDue(now: services.now())
                        _ = try await NoticeReminders(db: db, services: services).runDue(now: services.now())
                        _ = try await RoomReminders(db: db, services: services).remindDue(now: services.now())
                        _ = try await WorkforceAbsences(db: db, services: services).run(now: services.now())
                        _ = try await ParcelQueries(db: db, services: services).remindOverdue(now: services.now())
                        _ = try await HospitalReturnVisits(db: db, services: services).run(now: services.now())
                        _ = try await UpwardReportReminders(db: db, services: services).remindDue(now: services.now())
                        _ = try await DutyGeneration(db: db, services: services).run(now: services.now())
                        _ = try await ChatBreaches(db: db, services: services).scan(now: services.now())
                        _ = try await NotificationDigests(db: db, services: services).runDue(now: services.now())
                        return report
                    }
                    if let report, report.breached + report.warned > 0 {
                        logger.info("deadline scan", metadata: ["breached": "\(report.breached)", "warned": "\(report.warned)"])
                    }
                } catch {
                    logger.error("deadline scan failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
                try? await Task.sleep(for: .seconds(interval))
            }
        } }
    }

    func shutdownAsync(_ app: Application) async {
        task.withLockedValue { $0?.cancel() }
    }
}
