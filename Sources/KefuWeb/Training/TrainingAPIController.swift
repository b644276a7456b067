import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/training-sessions` (the timetable, trainees, results) and `/api/v1/mentorships` (TRN-01..06).
/// Managers (`training.manage`) see and run all; everyone else sees the sessions they are in and their own results.
struct TrainingAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.trainingManage)
        routes.on(.POST, "api", "v1", "training-sessions", access: manage, summary: "Put a training session on the timetable (TRN-04)", request: ScheduleBody.self, response: SessionResponse.self, status: .created, use: schedule)
        routes.on(.GET, "api", "v1", "training-sessions", access: .authenticated, summary: "Training sessions from ?from= (mine, or all for managers)", use: list)
        routes.on(.GET, "api", "v1", "training-sessions", ":id", access: .authenticated, summary: "A session with its trainees and results", use: show)
        routes.on(.POST, "api", "v1", "training-sessions", ":id", "results", access: manage, summary: "Record a trainee's result, archived (TRN-01)", request: ResultBody.self, use: result)
        routes.on(.POST, "api", "v1", "mentorships", access: manage, summary: "Assign a mentor to a newcomer (TRN-03)", request: MentorBody.self, response: MentorshipResponse.self, status: .created, use: mentor)
        routes.on(.GET, "api", "v1", "mentorships", access: .authenticated, summary: "Current mentorships (mine, or all for managers)", use: mentorships)
        routes.on(.POST, "api", "v1", "mentorships", ":id", "end", access: manage, summary: "End a mentorship", request: NoBody.self, use: endMentorship)
    }

    struct TraineeResponse: Content {
        let userId: UUID, name: String, result: String?, score: Int?, note: String?, recordedBy: String?, recordedAt: Date?
        enum CodingKeys: String, CodingKey { case name, result, score, note, userId = "user_id", recordedBy = "recorded_by", recordedAt = "recorded_at" }
        init(_ r: TrainingTraineeRecord) {
            userId = r.userID; name = r.userName; result = r.result; score = r.score; note = r.note; recordedBy = r.recordedBy; recordedAt = r.recordedAt
        }
    }
    struct SessionResponse: Content {
        let id: UUID, title: String, content: String, trainer: String, kind: String, startsAt: Date, endsAt: Date, location: String?
        let qaWeek: String?, trainees: [TraineeResponse]?
        enum CodingKeys: String, CodingKey {
            case id, title, content, trainer, kind, location, trainees
            case startsAt = "starts_at", endsAt = "ends_at", qaWeek = "qa_week"
        }
        init(_ s: TrainingSessionRecord, trainees: [TrainingTraineeRecord]?) {
            id = s.id!; title = s.title; content = s.content; trainer = s.trainer; kind = s.kind; startsAt = s.startsAt; endsAt = s.endsAt
            location = s.location; qaWeek = s.qaWeek; self.trainees = trainees?.map(TraineeResponse.init)
        }
    }
    struct MentorshipResponse: Content {
        let id: UUID, mentorId: UUID, mentorName: String, menteeId: UUID, menteeName: String, startedAt: Date, endedAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, mentorId = "mentor_id", mentorName = "mentor_name", menteeId = "mentee_id", menteeName = "mentee_name"
            case startedAt = "started_at", endedAt = "ended_at"
        }
        init(_ m: MentorshipRecord) {
            id = m.id!; mentorId = m.mentorID; mentorName = m.mentorName; menteeId = m.menteeID; menteeName = m.menteeName; startedAt = m.startedAt; endedAt = m.endedAt
        }
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let b = try req.content.decode(ScheduleBody.self)
        let session = try await Training(db: req.db, services: req.services).schedule(.init(
            title: b.title ?? "", content: b.content ?? "", trainer: b.trainer ?? "", kind: b.kind ?? "", startsAt: b.starts_at, endsAt: b.ends_at,
            location: b.location, qaWeek: b.qa_week, traineeIDs: b.trainee_ids ?? []), by: req.requireStaff())
        let response = try await SessionResponse(session, trainees: nil).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<SessionResponse> {
        let staff = try req.requireStaff()
        let from = try req.query[String.self, at: "from"].map { text -> Date in
            guard let day = LocalDate(text) else { throw DomainError.validation(fields: ["from": "error.field.invalid_value"]) }
            return req.services.rulebook.calendar.startOfDay(day)
        }
        let sessions = try await TrainingQueries(db: req.db).sessions(from: from ?? req.services.now().addingTimeInterval(-30 * 86_400),
                                                                     for: staff.has(.trainingManage) ? nil : staff.id)
        return ListResponse(items: sessions.map { SessionResponse($0, trainees: nil) }, nextCursor: nil)
    }

    @Sendable func show(req: Request) async throws -> SessionResponse {
        let (session, trainees) = try await TrainingQueries(db: req.db).visible(try Self.id(req), to: req.requireStaff())
        return SessionResponse(session, trainees: trainees)
    }

    @Sendable func result(req: Request) async throws -> TraineeResponse {
        let b = try req.content.decode(ResultBody.self)
        guard let userID = b.user_id else { throw DomainError.validation(fields: ["user_id": "error.field.required"]) }
        return TraineeResponse(try await Training(db: req.db, services: req.services).recordResult(
            session: try Self.id(req), userID: userID, result: b.result ?? "", score: b.score, note: b.note, by: req.requireStaff()))
    }

    @Sendable func mentor(req: Request) async throws -> Response {
        let b = try req.content.decode(MentorBody.self)
        let record = try await Training(db: req.db, services: req.services).assignMentor(mentorID: b.mentor_id, menteeID: b.mentee_id, by: req.requireStaff())
        let response = try await MentorshipResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func mentorships(req: Request) async throws -> ListResponse<MentorshipResponse> {
        let staff = try req.requireStaff()
        let rows = try await TrainingQueries(db: req.db).mentorships(for: staff.has(.trainingManage) ? nil : staff.id)
        return ListResponse(items: rows.map(MentorshipResponse.init), nextCursor: nil)
    }

    @Sendable func endMentorship(req: Request) async throws -> MentorshipResponse {
        MentorshipResponse(try await Training(db: req.db, services: req.services).endMentorship(try Self.id(req), by: req.requireStaff()))
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "training") }
        return id
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension TrainingAPIController {
    struct ScheduleBody: Content {
            let title: String?, content: String?, trainer: String?, kind: String?, starts_at: Date?, ends_at: Date?, location: String?, qa_week: String?
            let trainee_ids: [UUID]?
        }
    struct ResultBody: Content { let user_id: UUID?, result: String?, score: Int?, note: String? }
    struct MentorBody: Content { let mentor_id: UUID?, mentee_id: UUID? }
}
