import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// API.md "Return visits (回访) and surveys".
struct ReturnVisitsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.GET, "return-visits", access: .permission(.returnVisitsWork), summary: "Return visits by state: due, overdue, rescheduled, done, unreachable",
               use: list)
        api.on(.GET, "return-visits", "weekly", access: .permission(.returnVisitsWork), summary: "Weekly satisfaction analysis (RTV-06); week=YYYY-MM-DD",
               use: weekly)
        api.on(.GET, "return-visits", ":visit", access: .permission(.returnVisitsWork), summary: "One return visit with its attempts", use: show)
        api.on(.POST, "return-visits", ":visit", "attempts", access: .permission(.returnVisitsWork),
               summary: "Log a call attempt; a reached customer ends the visit with satisfaction and survey (RTV-03/04/12)", request: ReturnVisits.AttemptRequest.self, use: attempt)
        api.on(.POST, "return-visits", ":visit", "close", access: .permission(.returnVisitsWork),
               summary: "Close as unreachable after the configured failed attempts or a wrong number (RTV-03)", request: CloseRequest.self, use: close)
        api.on(.POST, "cases", ":id", "survey", access: .permission(.casesRead), summary: "A survey filled by an agent for a resolved case (SAT-05/06)", request: SurveyRequest.self, response: SurveyResponse.self, status: .created,
               use: survey)
        api.on(.POST, "cases", ":id", "survey-links", access: .permission(.casesRead), summary: "A one-time survey link for the customer (SAT-04)", request: NoBody.self, response: LinkResponse.self, status: .created,
               use: link)
        api.on(.GET, "cases", ":id", "surveys", access: .permission(.casesRead), summary: "The surveys of a case", use: surveys)
        api.on(.POST, "surveys", ":survey", "result", access: .permission(.casesRead),
               summary: "The handling result sent back to the customer (SAT-07/08)", request: ResultRequest.self, use: result)
        api.on(.GET, "surveys", "person-months", access: .permission(.returnVisitsWork),
               summary: "Survey ratings per service person and month (SAT-03); month=YYYY-MM", use: personMonths)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<ReturnVisitResponse> {
        let (cursor, limit) = try req.pagination()
        let text = req.query[String.self, at: "state"] ?? "due"
        guard let view = ReturnVisitQueries.View(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
        let queries = ReturnVisitQueries(db: req.db)
        let now = req.services.now()
        let page = try await queries.page(view, now: now, after: cursor, limit: limit)
        let attempts = try await queries.attempts(of: page.items.compactMap(\.id))
        return ListResponse(items: page.items.map { ReturnVisitResponse($0, attempts: attempts[$0.id!] ?? [], now: now) }, nextCursor: page.nextCursor)
    }

    static func visit(_ req: Request) async throws -> ReturnVisitRecord {
        guard let id = req.parameters.get("visit", as: UUID.self), let visit = try await ReturnVisitRecord.find(id, on: req.db) else {
            throw DomainError.notFound(subject: "return_visit")
        }
        return visit
    }

    static func response(_ visit: ReturnVisitRecord, req: Request) async throws -> ReturnVisitResponse {
        let attempts = try await ReturnVisitQueries(db: req.db).attempts(of: [visit.id!])
        return ReturnVisitResponse(visit, attempts: attempts[visit.id!] ?? [], now: req.services.now())
    }

    @Sendable func show(req: Request) async throws -> ReturnVisitResponse { try await Self.response(try await Self.visit(req), req: req) }

    @Sendable func attempt(req: Request) async throws -> ReturnVisitResponse {
        let body = try req.content.decode(ReturnVisits.AttemptRequest.self)
        let visit = try await ReturnVisits(db: req.db, services: req.services).attempt(visitID: try await Self.visit(req).id!, body, by: try req.requireStaff())
        return try await Self.response(visit, req: req)
    }

    struct CloseRequest: Content { let `as`: String }

    @Sendable func close(req: Request) async throws -> ReturnVisitResponse {
        let body = try req.content.decode(CloseRequest.self)
        guard body.as == ReturnVisitState.unreachable.rawValue else { throw DomainError.validation(fields: ["as": "error.field.choice"]) }
        let visit = try await ReturnVisits(db: req.db, services: req.services).closeUnreachable(visitID: try await Self.visit(req).id!, by: try req.requireStaff())
        return try await Self.response(visit, req: req)
    }

    @Sendable func survey(req: Request) async throws -> Response {
        let body = try req.content.decode(SurveyRequest.self)
        let survey = try await Surveys(db: req.db, services: req.services).fill(caseID: try CasesAPIController.caseID(req), body, by: try req.requireStaff())
        return try await SurveyResponse(survey).encodeResponse(status: .created, for: req)
    }

    struct LinkResponse: Content {
        let url: String, token: String, expiresAt: Date
        enum CodingKeys: String, CodingKey { case url, token, expiresAt = "expires_at" }
    }

    @Sendable func link(req: Request) async throws -> Response {
        let (token, expires) = try await Surveys(db: req.db, services: req.services).link(caseID: try CasesAPIController.caseID(req), by: try req.requireStaff())
        return try await LinkResponse(url: "/survey/\(token)", token: token, expiresAt: expires).encodeResponse(status: .created, for: req)
    }

    @Sendable func surveys(req: Request) async throws -> ListResponse<SurveyResponse> {
        let record = try await CasesAPIController.readable(req)
        let rows = try await SurveyRecord.query(on: req.db).filter(\.$caseID == record.id!).sort(\.$createdAt).limit(100).all()
        return ListResponse(items: rows.map(SurveyResponse.init))
    }

    struct ResultRequest: Content { let channel: ComplaintReplyChannel; let content: String }

    @Sendable func result(req: Request) async throws -> SurveyResponse {
        let body = try req.content.decode(ResultRequest.self)
        guard let id = req.parameters.get("survey", as: UUID.self) else { throw DomainError.notFound(subject: "survey") }
        return SurveyResponse(try await Surveys(db: req.db, services: req.services).result(surveyID: id, channel: body.channel, content: body.content,
                                                                                           by: try req.requireStaff()))
    }

    @Sendable func weekly(req: Request) async throws -> ReturnVisitWeeks.Stats {
        try await ReturnVisitWeeks(db: req.db, services: req.services).stats(weekStart: try Self.week(req))
    }

    /// `week=YYYY-MM-DD` (any day of it; default: last week).
    static func week(_ req: Request) throws -> LocalDate {
        let calendar = req.services.rulebook.calendar
        if let text = req.query[String.self, at: "week"], !text.isEmpty {
            guard let day = LocalDate(text) else { throw DomainError.validation(fields: ["week": "error.field.date"]) }
            return ReturnVisitWeeks.monday(of: day, calendar: calendar)
        }
        let thisMonday = ReturnVisitWeeks.monday(of: calendar.localDate(of: req.services.now()), calendar: calendar)
        return calendar.localDate(of: calendar.startOfDay(thisMonday).addingTimeInterval(-6.5 * 86_400))
    }

    struct PersonMonth: Content {
        let personID: UUID, month: String, surveys: Int, scorePercent: Int, poor: Int
        enum CodingKeys: String, CodingKey { case month, surveys, poor, personID = "person_id", scorePercent = "score_percent" }
    }

    @Sendable func personMonths(req: Request) async throws -> ListResponse<PersonMonth> {
        guard let month = req.query[String.self, at: "month"], month.range(of: #"^\d{4}-\d{2}$"#, options: .regularExpression) != nil else {
            throw DomainError.validation(fields: ["month": "error.field.invalid_value"])
        }
        let rows = try await SurveyPersonMonthRecord.query(on: req.db).filter(\.$month == month).sort(\.$personID).limit(1_000).all()
        return ListResponse(items: rows.map { PersonMonth(personID: $0.personID, month: $0.month, surveys: $0.surveys,
                                                          scorePercent: $0.maxPoints == 0 ? 0 : $0.points * 100 / $0.maxPoints, poor: $0.poor) })
    }
}
