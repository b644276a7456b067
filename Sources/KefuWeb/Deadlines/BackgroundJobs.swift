import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One background job: what it is called, whether it needs the scanner lease (one node at a time), and
/// what it did, as a fragment of `kefu jobs run-once`'s summary (nil: nothing worth saying).
struct BackgroundJob: Sendable {
    let name: String
    /// Under `ScannerLease`: jobs that write what must happen once whatever the number of nodes.
    let leased: Bool
    let run: @Sendable (_ db: any Database, _ services: AppServices, _ now: Date) async throws -> String?
}

/// Every background job, in the order it runs: `serve`'s loop (`ScannerLoop`) and `kefu jobs run-once`
/// (`JobsOnce`) both run this one list, so a job added here runs in both (issue 22: the two lists had
/// drifted — `serve` never ended idle chats, only `run-once` did). Chat routing stays out of `serve`'s scan
/// loop (`inLoop: false`): `ChatRouterLoop` runs it every 5 s.
enum BackgroundJobs {
    struct Entry: Sendable {
        let job: BackgroundJob
        /// `serve` runs it on its scan interval too.
        let inLoop: Bool
    }

    static func all(_ app: Application) -> [Entry] {
        let client = app.client
        let hub = app.chatHub
        func leased(_ name: String, loop: Bool = true, _ run: @escaping @Sendable (any Database, AppServices, Date) async throws -> String?) -> Entry {
            Entry(job: BackgroundJob(name: name, leased: true, run: run), inLoop: loop)
        }
        return [
            leased("deadline scan") { db, services, now in
                let started = ContinuousClock.now
                let report = try await ScanDeadlines(db: db, services: services).run(now: now)
                let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
                return "deadline scan: \(report.breached) breached, \(report.warned) warned in \(String(format: "%.3f", seconds)) s"
            },
            leased("service priority dispatch") { db, services, now in
                "service jobs flagged for priority dispatch (SRV-10): \(try await FlagPriorityDispatch(db: db, services: services).run(now: now))"
            },
            leased("webhooks") { db, services, now in
                let hooks = try await DeliverWebhooks(db: db, services: services, client: client).run(now: now)
                return "webhooks: \(hooks.delivered) delivered, \(hooks.retrying) to retry, \(hooks.failed) failed"
            },
            leased("complaint review") { db, services, now in
                try await ComplaintReviews(db: db, services: services).openDue(now: now).map { "complaint review of \($0.month) opened (CMP-40)" }
            },
            leased("return-visit week") { db, services, now in
                try await ReturnVisitWeeks(db: db, services: services).openDue(now: now).map { "return-visit analysis of the week of \($0) delivered (RTV-06)" }
            },
            leased("monthly report reminder") { db, services, now in
                try await ReportSubmissions(db: db, services: services).remindMonthly(now: now)
                    .map { "shift leaders reminded of the service-quality analysis of \($0) (RPT-03)" }
            },
            leased("urgent phone messages") { db, services, now in
                let count = try await PhoneMessages(db: db, services: services).escalateDue(now: now)
                return count > 0 ? "\(count) unread urgent phone message(s) escalated (FDP-06)" : nil
            },
            leased("notice reminders") { db, services, now in
                let notices = try await NoticeReminders(db: db, services: services).runDue(now: now)
                return notices == .init() ? nil : "notices: \(notices.reminded) reminded, \(notices.reported) reported, \(notices.archived) archived (FDN-05/06)"
            },
            leased("absenteeism") { db, services, now in
                let count = try await WorkforceAbsences(db: db, services: services).run(now: now)
                return count > 0 ? "\(count) unapproved leave or missed swap(s) counted as absenteeism (LV-05, SWP-07)" : nil
            },
            leased("room reminders") { db, services, now in
                let count = try await RoomReminders(db: db, services: services).remindDue(now: now)
                return count > 0 ? "\(count) room booking(s) reminded for the day before (MR-18)" : nil
            },
            leased("hospital return visits") { db, services, now in
                let count = try await HospitalReturnVisits(db: db, services: services).run(now: now)
                return count > 0 ? "\(count) hospital patient return visit(s) opened (RTV-14)" : nil
            },
            leased("uncollected parcels") { db, services, now in
                let count = try await ParcelQueries(db: db, services: services).remindOverdue(now: now)
                return count > 0 ? "\(count) uncollected parcel(s) announced for clearance (FDM-06)" : nil
            },
            leased("upward report reminders") { db, services, now in
                let count = try await UpwardReportReminders(db: db, services: services).remindDue(now: now)
                return count > 0 ? "\(count) report(s) to a superior past their instruction time reminded (ESC-07)" : nil
            },
            leased("duties") { db, services, now in
                let duties = try await DutyGeneration(db: db, services: services).run(now: now)
                return duties.created + duties.flagged > 0 ? "duties: \(duties.created) generated, \(duties.flagged) flagged overdue (SEC-13..19)" : nil
            },
            leased("idle chats") { db, services, now in
                let count = try await ChatIdleEnd(db: db, services: services, hub: hub).run(now: now)
                return count > 0 ? "\(count) idle web chat(s) ended" : nil
            },
            leased("chat answer breaches") { db, services, now in
                let count = try await ChatBreaches(db: db, services: services).scan(now: now)
                return count > 0 ? "\(count) chat answer(s) past the CHN-16 clock recorded" : nil
            },
            leased("notification digest") { db, services, now in
                try await NotificationDigests(db: db, services: services).runDue(now: now).map {
                    "notification digest of \($0.day): \($0.digests) reader(s), \($0.folded) notification(s) folded\($0.announced ? ", sent to the work group" : "")"
                }
            },
            // Issue 9: waiting chats to agents on duty; no lease: the claim is a conditional UPDATE.
            Entry(job: BackgroundJob(name: "chat routing", leased: false) { db, services, now in
                let count = try await ChatRouter(db: db, services: services, hub: hub).run(now: now)
                return count > 0 ? "\(count) waiting chat(s) routed to agents on duty" : nil
            }, inLoop: false),
        ]
    }

    /// Runs the leased jobs under one lease, then the others. nil when another node holds the lease.
    static func run(_ entries: [Entry], app: Application) async throws -> [String]? {
        let services = app.services
        let leased = entries.filter(\.job.leased).map(\.job)
        guard let done = try await ScannerLease.withLease(app.db, services: services, { db in
            var lines: [String] = []
            for job in leased { if let line = try await job.run(db, services, services.now()) { lines.append(line) } }
            return lines
        }) else { return nil }
        var lines = done
        for job in entries.map(\.job) where !job.leased {
            if let line = try await job.run(app.db, services, services.now()) { lines.append(line) }
        }
        return lines
    }
}
