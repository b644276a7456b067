import Foundation
import KefuDomain
import KefuStore
import FluentKit
import Fluent
import Vapor

/// `kefu jobs run-once`: every due background job, once (deadline scan, SRV-10 dispatch check, webhook deliveries, the CMP-40 monthly complaint review, the RTV-06 weekly analysis, the RPT-03 monthly reminder, the MR-18 room reminders, the morning notification digest), under the same lease as `serve`.
public enum JobsOnce {
    public static func run(_ app: Application) async throws -> String {
        let services = app.services
        let started = ContinuousClock.now
        let client = app.client
        guard let (report, flagged, hooks, review, week, monthly, messages, notices, absences) = try await ScannerLease.withLease(app.db, services: services, { db in
            (try await ScanDeadlines(db: db, services: services).run(now: services.now()),
             try await FlagPriorityDispatch(db: db, services: services).run(now: services.now()),
             try await DeliverWebhooks(db: db, services: services, client: client).run(now: services.now()),
             try await ComplaintReviews(db: db, services: services).openDue(now: services.now()),
             try await ReturnVisitWeeks(db: db, services: services).openDue(now: services.now()),
             try await ReportSubmissions(db: db, services: services).remindMonthly(now: services.now()),
             try await PhoneMessages(db: db, services: services).escalateDue(now: services.now()),
             try await NoticeReminders(db: db, services: services).runDue(now: services.now()),
             try await WorkforceAbsences(db: db, services: services).run(now: services.now()))
        }) else { return "deadline scan skipped: another node holds the lease" }
        // MR-18: the day-before room reminders, under the lease again (kept apart for easy merging).
        let reminders = try await ScannerLease.withLease(app.db, services: services) { db in try await RoomReminders(db: db, services: services).remindDue(now: services.now()) } ?? 0
        // FDM-06: parcels uncollected past `mail_room.uncollected_after`, announced once.
        let parcels = try await ScannerLease.withLease(app.db, services: services) { db in try await ParcelQueries(db: db, services: services).remindOverdue(now: services.now()) } ?? 0
        // RTV-14: periodic phone return visits of the hospital's visited patients (hospital mode only).
        let hospitalVisits = try await ScannerLease.withLease(app.db, services: services) { db in try await HospitalReturnVisits(db: db, services: services).run(now: services.now()) } ?? 0
        // ESC-07: reports to a superior still without an instruction past their time, reminded once.
        let upward = try await ScannerLease.withLease(app.db, services: services) { db in try await UpwardReportReminders(db: db, services: services).remindDue(now: services.now()) } ?? 0
        // SEC-13..19: today's duties from the rulebook and the roster, and the overdue ones flagged.
        let duties = try await ScannerLease.withLease(app.db, services: services) { db in try await DutyGeneration(db: db, services: services).run(now: services.now()) }
        // Issue 9: web chats silent past `chat.idle_end_after` are ended (they free the agent's seat).
        let hub = app.chatHub
        let idleChats = try await ScannerLease.withLease(app.db, services: services) { db in try await ChatIdleEnd(db: db, services: services, hub: hub).run(now: services.now()) } ?? 0
        // CHN-16: overdue chat answers recorded as breaches, once each.
        let chatBreaches = try await ScannerLease.withLease(app.db, services: services) { db in try await ChatBreaches(db: db, services: services).scan(now: services.now()) } ?? 0
        // Issue 21 item 8: yesterday's "for my information" notifications as one morning digest each (once a day).
        let digest = try await ScannerLease.withLease(app.db, services: services) { db in try await NotificationDigests(db: db, services: services).runDue(now: services.now()) } ?? nil
        // Issue 9: waiting chats to on-duty agents (no lease: the claim is a conditional UPDATE).
        let chats = try await ChatRouter(db: app.db, services: services, hub: app.chatHub).run(now: services.now())
        let seconds = (ContinuousClock.now - started) / .milliseconds(1) / 1000
        return "deadline scan: \(report.breached) breached, \(report.warned) warned in \(String(format: "%.3f", seconds)) s; "
            + "service jobs flagged for priority dispatch (SRV-10): \(flagged); "
            + "webhooks: \(hooks.delivered) delivered, \(hooks.retrying) to retry, \(hooks.failed) failed"
            + (review.map { "; complaint review of \($0.month) opened (CMP-40)" } ?? "")
            + (week.map { "; return-visit analysis of the week of \($0) delivered (RTV-06)" } ?? "")
            + (monthly.map { "; shift leaders reminded of the service-quality analysis of \($0) (RPT-03)" } ?? "")
            + (messages > 0 ? "; \(messages) unread urgent phone message(s) escalated (FDP-06)" : "")
            + (notices == .init() ? "" : "; notices: \(notices.reminded) reminded, \(notices.reported) reported, \(notices.archived) archived (FDN-05/06)")
            + (reminders > 0 ? "; \(reminders) room booking(s) reminded for the day before (MR-18)" : "")
            + (hospitalVisits > 0 ? "; \(hospitalVisits) hospital patient return visit(s) opened (RTV-14)" : "")
            + (parcels > 0 ? "; \(parcels) uncollected parcel(s) announced for clearance (FDM-06)" : "")
            + (upward > 0 ? "; \(upward) report(s) to a superior past their instruction time reminded (ESC-07)" : "")
            + (duties.map { $0.created + $0.flagged > 0 ? "; duties: \($0.created) generated, \($0.flagged) flagged overdue (SEC-13..19)" : "" } ?? "")
            + (idleChats > 0 ? "; \(idleChats) idle web chat(s) ended" : "")
            + (chatBreaches > 0 ? "; \(chatBreaches) chat answer(s) past the CHN-16 clock recorded" : "")
            + (chats > 0 ? "; \(chats) waiting chat(s) routed to agents on duty" : "")
            + (digest.map { "; notification digest of \($0.day): \($0.digests) reader(s), \($0.folded) notification(s) folded\($0.announced ? ", sent to the work group" : "")" } ?? "")
            + (absences > 0 ? "; \(absences) unapproved leave or missed swap(s) counted as absenteeism (LV-05, SWP-07)" : "")
    }
}
