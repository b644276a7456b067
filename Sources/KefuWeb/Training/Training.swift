import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Training (TRN): sessions on the timetable with their trainees (TRN-02/04/05/06), results recorded once
/// and archived (TRN-01), and mentors for newcomers (TRN-03). Every step is audited.
struct Training {
    let db: any Database
    let services: AppServices

    struct SessionInput: Sendable {
        var title = "", content = "", trainer = "", kind = "", startsAt: Date?, endsAt: Date?, location: String?, qaWeek: String?
        var traineeIDs: [UUID] = []
    }

    static let maxTrainees = 500

    func schedule(_ input: SessionInput, by staff: StaffUser) async throws -> TrainingSessionRecord {
        var fields: [String: String] = [:]
        func text(_ value: String, _ field: String, limit: Int) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fields[field] = "error.field.required" } else if trimmed.count > limit { fields[field] = "error.field.too_long" }
            return trimmed
        }
        let title = text(input.title, "title", limit: 200), content = text(input.content, "content", limit: 4_000)
        let trainer = text(input.trainer, "trainer", limit: 100)
        let kind = TrainingKind(rawValue: input.kind)
        if kind == nil { fields["kind"] = "error.field.choice" }
        if input.startsAt == nil { fields["starts_at"] = "error.field.required" }
        if input.endsAt == nil { fields["ends_at"] = "error.field.required" }
        if let start = input.startsAt, let end = input.endsAt, end <= start { fields["ends_at"] = "error.training.ends_before_start" }
        if input.traineeIDs.isEmpty { fields["trainee_ids"] = "error.field.required" }
        if input.traineeIDs.count > Self.maxTrainees { fields["trainee_ids"] = "error.field.too_long" }
        guard fields.isEmpty, let kind, let startsAt = input.startsAt, let endsAt = input.endsAt else { throw DomainError.validation(fields: fields) }
        let ids = Array(Set(input.traineeIDs))
        let people = try await UserRecord.query(on: db).filter(\.$id ~~ ids).filter(\.$active == true).all()
        guard people.count == ids.count else { throw DomainError.validation(fields: ["trainee_ids": "error.field.unknown"]) }
        return try await db.transaction { db in
            let session = TrainingSessionRecord()
            session.title = title; session.content = content; session.trainer = trainer; session.kind = kind.rawValue
            session.startsAt = startsAt; session.endsAt = endsAt; session.location = input.location?.trimmingCharacters(in: .whitespaces).nilIfBlank
            session.qaWeek = input.qaWeek?.nilIfBlank; session.createdBy = staff.id; session.createdByName = staff.displayName
            session.createdAt = services.now()
            try await session.create(on: db)
            for person in people {
                let row = TrainingTraineeRecord()
                row.sessionID = session.id!; row.userID = person.id!; row.userName = person.displayName; row.startsAt = startsAt
                try await row.create(on: db)
            }
            try await audit(db, session.id!, staff, "training.scheduled", "\(kind.rawValue), \(people.count) trainees")
            try await Notifier(db: db, services: services).notify(people.compactMap(\.id), .init(
                kind: "training.scheduled", titleKey: "notice.training_scheduled", titleArgument: "\(title) · \(DisplayTime.format(startsAt, services: services))",
                link: "/training/\(session.id!)", subjectType: "training", subjectID: session.id!, dedupeKey: "training:\(session.id!)"))
            return session
        }
    }

    /// TRN-01: a trainee's result, recorded once after the session started, then archived (a second → 409).
    func recordResult(session id: UUID, userID: UUID, result raw: String, score: Int?, note: String?, by staff: StaffUser) async throws -> TrainingTraineeRecord {
        guard let result = TrainingResult(rawValue: raw) else { throw DomainError.validation(fields: ["result": "error.field.choice"]) }
        if let score, !(0...100).contains(score) { throw DomainError.validation(fields: ["score": "error.training.score"]) }
        return try await db.transaction { db in
            guard let session = try await TrainingSessionRecord.find(id, on: db) else { throw DomainError.notFound(subject: "training") }
            guard session.startsAt <= services.now() else { throw DomainError.conflict(reason: "error.training.not_started") }
            guard let row = try await TrainingTraineeRecord.query(on: db).filter(\.$sessionID == id).filter(\.$userID == userID).first() else {
                throw DomainError.validation(fields: ["user_id": "error.training.not_a_trainee"])
            }
            guard try await VersionGuard.setIfNull(db, table: TrainingTraineeRecord.schema, column: "recorded_at", id: row.id!, to: services.now()) else {
                throw DomainError.conflict(reason: "error.training.already_recorded")
            }
            row.result = result.rawValue; row.score = result == .absent ? nil : score; row.note = note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            row.recordedBy = staff.displayName; row.recordedAt = services.now()
            try await row.save(on: db)
            try await audit(db, id, staff, "training.result", "\(row.userName): \(result.rawValue)")
            return row
        }
    }

    /// TRN-03: an experienced employee (past probation) mentors a newcomer; one current mentor per newcomer.
    func assignMentor(mentorID: UUID?, menteeID: UUID?, by staff: StaffUser) async throws -> MentorshipRecord {
        guard let mentorID, let menteeID else {
            throw DomainError.validation(fields: [mentorID == nil ? "mentor_id" : "mentee_id": "error.field.required"])
        }
        guard mentorID != menteeID else { throw DomainError.validation(fields: ["mentor_id": "error.training.self_mentor"]) }
        let users = UserRepository(db: db)
        guard let mentor = try await users.find(mentorID), mentor.active else { throw DomainError.validation(fields: ["mentor_id": "error.field.unknown"]) }
        guard let mentee = try await users.find(menteeID), mentee.active else { throw DomainError.validation(fields: ["mentee_id": "error.field.unknown"]) }
        if mentor.grade == Grade.probation.rawValue { throw DomainError.validation(fields: ["mentor_id": "error.training.mentor_on_probation"]) }
        let record = MentorshipRecord()
        record.mentorID = mentorID; record.mentorName = mentor.displayName; record.menteeID = menteeID; record.menteeName = mentee.displayName
        record.startedAt = services.now(); record.createdBy = staff.id
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                try await audit(db, record.id!, staff, "training.mentor_assigned", "\(mentor.username) → \(mentee.username)", subject: "mentorship")
                try await Notifier(db: db, services: services).notify([mentorID, menteeID], .init(
                    kind: "training.mentor", titleKey: "notice.training_mentor", titleArgument: "\(mentor.displayName) → \(mentee.displayName)",
                    link: "/training", subjectType: "mentorship", subjectID: record.id!, dedupeKey: "mentorship:\(record.id!)"))
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.training.has_mentor")
        }
        return record
    }

    func endMentorship(_ id: UUID, by staff: StaffUser) async throws -> MentorshipRecord {
        try await db.transaction { db in
            guard let record = try await MentorshipRecord.find(id, on: db) else { throw DomainError.notFound(subject: "mentorship") }
            guard try await VersionGuard.setIfNull(db, table: MentorshipRecord.schema, column: "ended_at", id: id, to: services.now()) else {
                throw DomainError.conflict(reason: "error.training.mentorship_ended")
            }
            record.endedAt = services.now()
            try await audit(db, id, staff, "training.mentor_ended", record.menteeName, subject: "mentorship")
            return record
        }
    }

    private func audit(_ db: any Database, _ id: UUID, _ staff: StaffUser, _ action: String, _ summary: String, subject: String = "training") async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: subject, subjectID: id,
            summary: summary, rulebookVersion: services.rulebook.versionShort))
    }
}
