import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// What the scanner does when a case clock warns or breaches (issue 3 §5): the warning goes to whoever
/// holds the case (the assignee, else the first-contact owner) — for an appointment that is the CHN-21
/// reminder; a breach marks the case (the "breached" queue filter) and also tells the first level above
/// the front line in the case's department (ESC-13 chain).
///
/// Issue 21 item 8: one notification per case, not one per clock. The holder's warnings about all the case's
/// clocks fold into one notification and its breaches into another (a later warning never hides a breach), both
/// on the case's one line of the inbox, back on top and unread at each event; the level above gets one
/// notification for the department's breached cases, refreshed with the newest one, which leads to the list.
package enum CaseDeadlineEscalation {
    package static func register(in services: inout AppServices) {
        for kind in CaseClocks.kinds {
            services.escalations.register(kind: kind) { event in
                guard event.clock.subjectType == CaseClocks.subjectType else { return try await ScanDeadlines.defaultEscalation(event) }
                try await handle(event)
            }
        }
    }

    package static func handle(_ event: DeadlineEvent) async throws {
        guard let record = try await CaseRepository(db: event.db).find(event.clock.subjectID) else { return }
        let notifier = Notifier(db: event.db, services: event.services)
        let holder = record.assigneeID ?? record.ownerID
        let kind = event.clock.kind
        let titleKey = switch (event.kind, kind) {
        case (.warning, "appointment"): "notice.case_appointment_soon"
        case (.warning, _): "notice.case_deadline_warning"
        case (.breach, "appointment"): "notice.case_appointment_now"
        case (.breach, _): "notice.case_deadline_breach"
        }
        let notice = Notifier.Notice(kind: "case.deadline_\(event.kind.rawValue)", titleKey: titleKey,
                                     titleArgument: record.number, link: "/cases/\(record.id!)",
                                     subjectType: "case", subjectID: record.id!,
                                     dedupeKey: "case_deadline:\(record.id!):\(event.kind.rawValue)", repeats: .refresh,
                                     titleWordKey: "deadline.kind.\(kind)")
        try await notifier.notify([holder], notice)
        // An appointment reaching its time is a reminder to whoever holds the case, not a failure to escalate.
        guard event.kind == .breach, kind != "appointment" else { return }
        try await CaseStats(db: event.db, services: event.services).markBreached(record, at: event.services.now())
        let chain = event.services.rulebook.escalation.chain
        guard chain.count > 1 else { return }
        var escalated = notice
        escalated.titleKey = "notice.case_breaches_escalated"
        escalated.link = "/cases?view=all&breached=true"
        escalated.subjectType = nil
        escalated.subjectID = nil
        escalated.dedupeKey = "case_breaches:\(record.departmentID?.uuidString.lowercased() ?? "none")"
        // The holder's copy already told the webhooks of this breach.
        escalated.announce = false
        try await notifier.notify(role: chain[1], departmentID: record.departmentID, escalated)
    }
}
