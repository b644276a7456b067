import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The morning digest (issue 21 item 8): at `notifications.digest_at` (organization's zone) everyone who had
/// "for my information" notifications yesterday gets one digest notification counting them by kind, and those
/// notifications are marked read — the digest stands for them. The work group's webhook, where one is set up,
/// gets one message with the organization's day (distinct events by kind).
///
/// Once per day however many nodes run it: the run claims the `notification-digest` lease until tomorrow's
/// digest time inside the transaction that writes the digests, so a second node or a second scan the same
/// morning finds it taken, and a run that fails leaves it free for the next scan.
package struct NotificationDigests {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let leaseName = "notification-digest"

    package struct Report: Sendable, Equatable {
        package var day: LocalDate
        /// Digest notifications written (one per reader).
        package var digests = 0
        /// "For my information" notifications marked read by them.
        package var folded = 0
        /// Whether the organization's day went to the webhooks' outbox.
        package var announced = false

        package init(day: LocalDate, digests: Int = 0, folded: Int = 0, announced: Bool = false) {
            self.day = day
            self.digests = digests
            self.folded = folded
            self.announced = announced
        }
    }

    /// Runs today's digest if it is due and nobody ran it yet; nil otherwise.
    @discardableResult
    package func runDue(now: Date) async throws -> Report? {
        let rules = services.rulebook
        guard let run = NotificationDigestSchedule.due(at: now, digestAt: rules.notifications.digestAt, calendar: rules.calendar) else {
            return nil
        }
        let services = services
        return try await WriteContention.retrying(services) { try await db.transaction { db -> Report? in
            let leases = JobLeaseRepository(db: db)
            guard try await leases.claim(Self.leaseName, holder: "digest \(run.day) \(UUID().uuidString)", at: now,
                                         for: run.nextRunAt.timeIntervalSince(now)) else { return nil }
            return try await NotificationDigests(db: db, services: services).write(run, at: now)
        } }
    }

    private func write(_ run: NotificationDigestSchedule.Run, at now: Date) async throws -> Report {
        let repository = NotificationRepository(db: db)
        var report = Report(day: run.day)
        let perUser = Dictionary(grouping: try await repository.informationCounts(from: run.from, to: run.to).filter { $0.userID != nil },
                                 by: { $0.userID! })
        for (userID, counts) in perUser {
            guard let digest = NotificationDigest.compose(day: run.day, counts: counts.map { ($0.kind, $0.count) }) else { continue }
            report.digests += try await repository.add([NotificationRecord(
                userID: userID, kind: NotificationKinds.digest, titleKey: "notice.fyi_digest", titleArgument: run.day.description,
                link: nil, subjectType: nil, subjectID: nil, dedupeKey: "digest:\(run.day)", createdAt: now, summary: digest.summary)])
        }
        report.folded = try await repository.foldIntoDigest(from: run.from, to: run.to, at: now)
        let events = try await repository.informationEvents(from: run.from, to: run.to)
        if let day = NotificationDigest.compose(day: run.day, counts: events.map { ($0.kind, $0.count) }) {
            let localization = services.localization
            let title = localization.text("notice.fyi_digest_group", .zhHans, [services.rulebook.organization.name, run.day.description])
            let detail = localization.text("notice.fyi_digest_total", .zhHans, [String(day.total)]) + "\n"
                + NotificationText.digestLines(day.lines, localization, .zhHans)
            try await WebhookOutbox(db: db, services: services).enqueue(kind: NotificationKinds.digest, title: title, detail: detail,
                                                                       link: "/notifications", subjectType: "notification_digest", subjectID: nil)
            report.announced = true
        }
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: nil, actorName: "system", action: "notification.digest", subjectType: "notification_digest",
            subjectID: UUID(), summary: "\(run.day): \(report.digests) digest(s), \(report.folded) notification(s) folded",
            ruleKey: "notifications.digest_at", rulebookVersion: services.rulebook.versionShort))
        return report
    }
}
