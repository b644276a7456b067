import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The clocks of a case (issue 3 §5), from the rulebook: first response (60 seconds on chat, CHN-16),
/// dispatch while unassigned (CHN-13; complaints 60 minutes, CMP-22), resolution by priority, and the
/// appointment reminder (CHN-21).
package struct CaseClocks {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let subjectType = "case"
    package static let kinds = ["first_response", "dispatch", "resolve", "appointment", "close"]

    package func startAll(for record: CaseRecord) async throws {
        try await DeadlineClockRepository(db: db).insert(planned(for: record))
    }

    /// The clocks a new case starts with, not yet stored (cases opened together store theirs at once).
    package func planned(for record: CaseRecord) -> [DeadlineClock] {
        let rules = services.rulebook
        let deadlines = DeadlineService(db: db, services: services)
        let id = record.id!
        var clocks: [DeadlineClock] = []
        if record.channel == CaseChannel.chat.rawValue {
            clocks.append(deadlines.plan(kind: "first_response", subjectType: Self.subjectType, subjectID: id,
                                         duration: rules.deadlines.chatFirstResponseWithin, ruleKey: "deadlines.chat_first_response_within"))
        } else {
            clocks.append(deadlines.plan(kind: "first_response", subjectType: Self.subjectType, subjectID: id,
                                         duration: rules.cases.firstResponseWithin, ruleKey: "cases.first_response_within"))
        }
        if record.type == CaseType.complaint.rawValue {
            clocks.append(deadlines.plan(kind: "dispatch", subjectType: Self.subjectType, subjectID: id,
                                         duration: rules.complaints.dispatchWithin, ruleKey: "complaints.dispatch_within"))
            // CMP-30: a complaint form is closed within 6 natural days of acceptance (the case's creation).
            clocks.append(deadlines.plan(kind: "close", subjectType: Self.subjectType, subjectID: id,
                                         duration: rules.complaints.closeWithin, ruleKey: "complaints.close_within"))
        } else {
            clocks.append(deadlines.plan(kind: "dispatch", subjectType: Self.subjectType, subjectID: id,
                                         duration: rules.cases.dispatchWithin, ruleKey: "cases.dispatch_within"))
        }
        if let resolve = plannedResolve(for: record) { clocks.append(resolve) }
        if let appointment = record.appointmentAt {
            let seconds = max(1, Int(appointment.timeIntervalSince(services.now()).rounded(.up)))
            let remind = rules.calendar.deadline(from: appointment, adding: rules.cases.appointmentRemindBefore)
            let before = appointment.addingTimeInterval(-(remind.timeIntervalSince(appointment)))
            clocks.append(deadlines.plan(kind: "appointment", subjectType: Self.subjectType, subjectID: id,
                                         duration: DurationSpec(value: seconds, unit: .seconds),
                                         ruleKey: "cases.appointment_remind_before", warnAt: before))
        }
        return clocks
    }

    private func plannedResolve(for record: CaseRecord) -> DeadlineClock? {
        let priority = CasePriority(rawValue: record.priority) ?? .normal
        guard let duration = services.rulebook.cases.resolveWithin[priority] else { return nil }
        return DeadlineService(db: db, services: services).plan(
            kind: "resolve", subjectType: Self.subjectType, subjectID: record.id!, duration: duration, ruleKey: "cases.resolve_within")
    }

    /// Starts the resolution clock again (a reopened case): the clock a new case would start with.
    package func startResolve(for record: CaseRecord) async throws {
        guard let clock = plannedResolve(for: record) else { return }
        try await DeadlineClockRepository(db: db).insert(clock)
    }

    package func meet(_ kind: String, _ record: CaseRecord, by staff: StaffUser?) async throws {
        try await DeadlineService(db: db, services: services).meet(kind: kind, subjectType: Self.subjectType, subjectID: record.id!, actor: staff)
    }
}
