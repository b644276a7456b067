import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Minutes (会议纪要, MTG-05) and decisions (决议落实): a decision may become a knowledge-base draft of the
/// unified answer wording (MTG-01 统一答复口径 → KB-12; the editing flow then confirms and publishes it) or a
/// task for a person by a date, of which the person is notified.
extension Meetings {
    enum FollowUp: String, CaseIterable, Codable, Sendable { case none, kb, task }

    struct DecisionInput {
        var text: String?
        var followUp: FollowUp?
        var assigneeID: UUID?
        var dueOn: String?
        var catalog: KBCatalog?
        var question: String?
    }

    func recordMinutes(_ meetingID: UUID, minutes: String?, expectedVersion: Int?, by staff: StaffUser) async throws -> MeetingRecord {
        var errors = FieldErrors()
        let minutes = errors.text(minutes, "minutes", limit: Self.textLimit)
        try errors.check()
        return try await db.transaction { db in
            let meeting = try await Meetings(db: db, services: services).readable(meetingID, by: staff)
            if let expectedVersion, expectedVersion != meeting.version { throw DomainError.staleVersion(current: meeting.version) }
            guard meeting.state != "cancelled" else { throw DomainError.invalidTransition(from: meeting.state, to: "held") }
            meeting.minutes = minutes
            meeting.state = "held"
            meeting.heldAt = meeting.heldAt ?? services.now().roundedToMilliseconds
            meeting.version += 1
            try await meeting.save(on: db)
            try await audit(meetingID, staff, "meeting.minutes", "\(minutes.count) chars", ruleKey: nil, db: db)
            return meeting
        }
    }

    /// A task decision is done: by its assignee or an organizer (meetings.manage); once (else 409).
    func completeTask(_ meetingID: UUID, decisionID: UUID, by staff: StaffUser) async throws -> MeetingDecisionRecord {
        try await db.transaction { db in
            guard let record = try await MeetingDecisionRecord.find(decisionID, on: db), record.meetingID == meetingID else {
                throw DomainError.notFound(subject: "meeting_decision")
            }
            guard record.assigneeID == staff.id || staff.has(.meetingsManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
            guard record.followUp == FollowUp.task.rawValue, record.doneAt == nil else {
                throw DomainError.invalidTransition(from: record.doneAt == nil ? record.followUp : "done", to: "done")
            }
            record.doneAt = services.now().roundedToMilliseconds
            try await record.save(on: db)
            try await audit(meetingID, staff, "meeting.task_done", String(record.text.prefix(60)), ruleKey: nil, db: db)
            return record
        }
    }

    func addDecision(_ meetingID: UUID, _ input: DecisionInput, by staff: StaffUser) async throws -> MeetingDecisionRecord {
        var errors = FieldErrors()
        let text = errors.text(input.text, "text", limit: Self.textLimit)
        let followUp = input.followUp ?? .none
        if followUp == .task {
            if input.assigneeID == nil { errors.add("assignee_id", "error.field.required") }
            if let due = input.dueOn, LocalDate(due) == nil { errors.add("due_on", "error.field.invalid_value") }
        }
        try errors.check()
        let meeting = try await readable(meetingID, by: staff)
        if followUp == .task, let assignee = input.assigneeID {
            guard let user = try await UserRepository(db: db).find(assignee), user.active else {
                throw DomainError.validation(fields: ["assignee_id": "error.field.unknown_user"])
            }
        }
        // KB-12: the decision's wording enters the knowledge base as a received entry; the editors' flow takes it on.
        var createdEntryID: UUID?
        if followUp == .kb {
            var entry = KBEntryRequest()
            entry.catalog = input.catalog ?? .business
            entry.title = String(text.prefix(60))
            entry.question = input.question?.nilIfBlank ?? text
            entry.answer = text
            entry.noticeRef = meeting.title.isEmpty ? meeting.kind : String(meeting.title.prefix(100))
            createdEntryID = try await KBEntries(db: db, services: services).create(entry, by: staff).id
        }
        let kbEntryID = createdEntryID
        return try await db.transaction { db in
            let record = MeetingDecisionRecord()
            record.id = services.newID()
            record.meetingID = meetingID
            record.text = text
            record.followUp = followUp.rawValue
            record.kbEntryID = kbEntryID
            record.assigneeID = followUp == .task ? input.assigneeID : nil
            record.dueOn = followUp == .task ? input.dueOn : nil
            record.recordedByID = staff.id
            record.createdAt = services.now().roundedToMilliseconds
            try await record.create(on: db)
            try await audit(meetingID, staff, "meeting.decision", "\(followUp.rawValue)\(kbEntryID.map { " kb \($0)" } ?? "")", ruleKey: nil, db: db)
            if let assignee = record.assigneeID {
                try await Notifier(db: db, services: services).notify([assignee], Notifier.Notice(
                    kind: "meeting.task", titleKey: "notice.meeting_task", titleArgument: String(text.prefix(60)), link: "/meetings/\(meetingID)",
                    subjectType: Self.subjectType, subjectID: meetingID, dedupeKey: "meeting.task.\(record.id!)"))
            }
            return record
        }
    }
}
