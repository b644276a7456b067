import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The timetable from a day on (all, or one person's), one session with its trainees if the reader may see
/// it, and current mentorships. Bounded lists: a timetable is tens of sessions, not thousands.
struct TrainingQueries {
    let db: any Database

    func sessions(from: Date, for userID: UUID?, limit: Int = 200) async throws -> [TrainingSessionRecord] {
        if let userID {
            let mine = try await TrainingTraineeRecord.query(on: db).filter(\.$userID == userID).filter(\.$startsAt >= from)
                .sort(\.$startsAt).limit(limit).all()
            guard !mine.isEmpty else { return [] }
            return try await TrainingSessionRecord.query(on: db).filter(\.$id ~~ mine.map(\.sessionID)).sort(\.$startsAt).all()
        }
        return try await TrainingSessionRecord.query(on: db).filter(\.$startsAt >= from).sort(\.$startsAt).limit(limit).all()
    }

    /// A session for a manager, or for one of its trainees (who sees only their own row); anyone else → 404.
    func visible(_ id: UUID, to staff: StaffUser) async throws -> (TrainingSessionRecord, [TrainingTraineeRecord]) {
        guard let session = try await TrainingSessionRecord.find(id, on: db) else { throw DomainError.notFound(subject: "training") }
        var trainees = TrainingTraineeRecord.query(on: db).filter(\.$sessionID == id)
        if !staff.has(.trainingManage) { trainees = trainees.filter(\.$userID == staff.id) }
        let rows = try await trainees.sort(\.$userName).limit(Training.maxTrainees).all()
        guard staff.has(.trainingManage) || !rows.isEmpty else { throw DomainError.notFound(subject: "training") }
        return (session, rows)
    }

    /// A person's archived results, newest first (TRN-01).
    func results(of userID: UUID, limit: Int = 100) async throws -> [TrainingTraineeRecord] {
        try await TrainingTraineeRecord.query(on: db).filter(\.$userID == userID).sort(\.$startsAt, .descending).limit(limit).all()
    }

    func mentorships(for userID: UUID?) async throws -> [MentorshipRecord] {
        var query = MentorshipRecord.query(on: db).filter(\.$endedAt == nil)
        if let userID { query = query.group(.or) { $0.filter(\.$mentorID == userID).filter(\.$menteeID == userID) } }
        return try await query.sort(\.$startedAt, .descending).limit(500).all()
    }
}
