import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/training`: the timetable (时间、培训内容、讲师, TRN-04), my results (TRN-01) and mentors (TRN-03);
/// managers schedule sessions, assign mentors and record results on `/training/{id}`. Refusals re-render.
struct TrainingWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.trainingManage)
        routes.on(.GET, "training", access: .authenticated, summary: "Training timetable, my results and mentors", use: page)
        routes.on(.POST, "training", access: manage, summary: "Schedule a training session (form)", use: schedule)
        routes.on(.POST, "training", "mentors", access: manage, summary: "Assign a mentor (form)", use: mentor)
        routes.on(.GET, "training", ":id", access: .authenticated, summary: "A training session with its trainees", use: show)
        routes.on(.POST, "training", ":id", "results", access: manage, summary: "Record a trainee's result (form)", use: result)
    }

    struct SessionRow: Encodable { let id: UUID, time: String, title: String, content: String, trainer: String, kind: String, location: String?, qaWeek: String? }
    struct ResultRow: Encodable { let sessionID: UUID, time: String, name: String, result: String?, score: Int?, note: String? }
    struct TraineeRow: Encodable { let userID: UUID, name: String, result: String?, score: Int?, note: String?, recordedAt: String? }
    struct MentorRow: Encodable { let mentor: String, mentee: String, since: String }
    struct Page: Encodable {
        let shell: PageShell, sessions: [SessionRow], results: [ResultRow], mentors: [MentorRow], canManage: Bool
        let kinds: [SelectOption], people: [SelectOption], values: [String: String]
        /// The QA weekly training plans a session can come from (QA findings → training).
        var qaPlans: [SelectOption] = []
    }
    struct ShowPage: Encodable { let shell: PageShell, session: SessionRow, trainees: [TraineeRow], canManage: Bool, started: Bool, outcomes: [SelectOption] }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, values: [:], refusal: nil) }

    func render(_ req: Request, values: [String: String], refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let manage = staff.has(.trainingManage)
        let queries = TrainingQueries(db: req.db)
        let sessions = try await queries.sessions(from: req.services.now().addingTimeInterval(-30 * 86_400), for: manage ? nil : staff.id)
        let mine = try await queries.results(of: staff.id)
        let titles = Dictionary(try await TrainingSessionRecord.query(on: req.db).filter(\.$id ~~ mine.map(\.sessionID)).all().map { ($0.id!, $0.title) },
                                uniquingKeysWith: { a, _ in a })
        let people = manage ? try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all() : []
        let view = try await req.view.render("training/index", Page(
            shell: PageShell(req, title: req.t("training.title"), flashError: refusal?.message),
            sessions: sessions.map { row($0, req) },
            results: mine.map { r in ResultRow(sessionID: r.sessionID, time: DisplayTime.format(r.startsAt, req), name: titles[r.sessionID] ?? "",
                                              result: r.result.map { req.t("training.result.\($0)") }, score: r.score, note: r.note) },
            mentors: try await queries.mentorships(for: manage ? nil : staff.id).map {
                MentorRow(mentor: $0.mentorName, mentee: $0.menteeName, since: DisplayTime.format($0.startedAt, req)) },
            canManage: manage,
            kinds: TrainingKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("training.kind.\($0.rawValue)"), selected: $0.rawValue == values["kind"]) },
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) }, values: values,
            qaPlans: manage ? try await QualityTrainingPlanRecord.query(on: req.db).sort(\.$weekStart, .descending).limit(8).all().map {
                SelectOption(value: $0.weekStart, label: "\($0.weekStart) · \($0.plan.prefix(40))", selected: $0.weekStart == values["qa_week"]) } : []))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    func row(_ s: TrainingSessionRecord, _ req: Request) -> SessionRow {
        SessionRow(id: s.id!, time: "\(DisplayTime.format(s.startsAt, req)) – \(DisplayTime.format(s.endsAt, req).suffix(5))", title: s.title,
                   content: s.content, trainer: s.trainer, kind: req.t("training.kind.\(s.kind)"), location: s.location, qaWeek: s.qaWeek)
    }

    struct ScheduleForm: Content {
        let title: String?, content: String?, trainer: String?, kind: String?, starts_at: String?, ends_at: String?, location: String?
        let trainee_ids: [String]?, qa_week: String?
    }

    @Sendable func schedule(req: Request) async throws -> Response {
        let form = try req.content.decode(ScheduleForm.self)
        let values = ["title": form.title ?? "", "content": form.content ?? "", "trainer": form.trainer ?? "", "kind": form.kind ?? "",
                      "starts_at": form.starts_at ?? "", "ends_at": form.ends_at ?? "", "location": form.location ?? "", "qa_week": form.qa_week ?? ""]
        do {
            let time = { (field: String) throws -> Date? in
                guard let text = values[field], !text.isEmpty else { return nil }
                return try FrontDeskWebController.localTime(text, req, field: field)
            }
            let session = try await Training(db: req.db, services: req.services).schedule(.init(
                title: values["title"]!, content: values["content"]!, trainer: values["trainer"]!, kind: values["kind"]!,
                startsAt: try time("starts_at"), endsAt: try time("ends_at"), location: values["location"], qaWeek: values["qa_week"],
                traineeIDs: (form.trainee_ids ?? []).compactMap(UUID.init(uuidString:))), by: req.requireStaff())
            return req.redirect(to: "/training/\(session.id!)?flash=flash.training_scheduled")
        } catch let error as DomainError {
            return try await render(req, values: values, refusal: req.refusal(error))
        }
    }

    @Sendable func mentor(req: Request) async throws -> Response {
        struct Form: Content { let mentor_id: String?, mentee_id: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await Training(db: req.db, services: req.services).assignMentor(
                mentorID: form.mentor_id.flatMap(UUID.init(uuidString:)), menteeID: form.mentee_id.flatMap(UUID.init(uuidString:)), by: req.requireStaff())
            return req.redirect(to: "/training?flash=flash.training_mentor")
        } catch let error as DomainError {
            return try await render(req, values: [:], refusal: req.refusal(error))
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let (session, trainees) = try await TrainingQueries(db: req.db).visible(try TrainingAPIController.id(req), to: staff)
        return try await req.view.render("training/show", ShowPage(
            shell: PageShell(req, title: session.title), session: row(session, req),
            trainees: trainees.map { TraineeRow(userID: $0.userID, name: $0.userName, result: $0.result.map { req.t("training.result.\($0)") },
                                                score: $0.score, note: $0.note, recordedAt: $0.recordedAt.map { DisplayTime.format($0, req) }) },
            canManage: staff.has(.trainingManage), started: session.startsAt <= req.services.now(),
            outcomes: TrainingResult.allCases.map { SelectOption(value: $0.rawValue, label: req.t("training.result.\($0.rawValue)")) }))
    }

    @Sendable func result(req: Request) async throws -> Response {
        struct Form: Content { let user_id: String?, result: String?, score: String?, note: String? }
        let form = try req.content.decode(Form.self)
        let id = try TrainingAPIController.id(req)
        guard let userID = form.user_id.flatMap(UUID.init(uuidString:)) else { throw DomainError.validation(fields: ["user_id": "error.field.required"]) }
        let score = try form.score.flatMap { $0.isEmpty ? nil : $0 }.map { text -> Int in
            guard let n = Int(text) else { throw DomainError.validation(fields: ["score": "error.training.score"]) }
            return n
        }
        _ = try await Training(db: req.db, services: req.services).recordResult(session: id, userID: userID, result: form.result ?? "", score: score,
                                                                               note: form.note, by: req.requireStaff())
        return req.redirect(to: "/training/\(id)?flash=flash.training_result")
    }
}
