import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/qa/…` (质检, REQUIREMENTS §7). Scoring and the summaries need `qa.inspect`; a scorecard is
/// readable by its agent too (anyone else's → 404), who acknowledges and disputes it; the dispute is
/// decided by the rulebook's `quality.dispute_decided_by` role.
struct QualityAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let qa = routes.grouped("api", "v1", "qa")
        qa.on(.POST, "inspections", access: .permission(.qaInspect), summary: "Score a case on the 服务质量综合考评表 or chat-log form (QA-01/03/04/11)", request: CreateInspectionRequest.self, response: InspectionResponse.self, status: .created, use: create)
        qa.on(.GET, "inspections", access: .authenticated, summary: "List scorecards (agent_id, month, mine=true; own scorecards for agents)", use: list)
        qa.on(.GET, "inspections", ":id", access: .authenticated, summary: "One scorecard with its scores", use: show)
        qa.on(.POST, "inspections", ":id", "acknowledge", access: .authenticated, summary: "The agent acknowledges the correction (QA-01)",
              request: InspectionActionRequest?.self) { req in
            try await perform(.acknowledge, req: req)
        }
        qa.on(.POST, "inspections", ":id", "dispute", access: .authenticated, summary: "The agent disputes the scorecard once (QA-04)",
              request: InspectionActionRequest?.self) { req in
            try await perform(.dispute, req: req)
        }
        qa.on(.POST, "inspections", ":id", "dispute", "decision", access: .authenticated,
              summary: "Decide a dispute: upheld or corrected with a reason, by quality.dispute_decided_by (QA-04)",
              request: InspectionActionRequest?.self) { req in
            try await perform(.decide, req: req)
        }
        qa.on(.GET, "quota", access: .permission(.qaInspect), summary: "Monthly quota progress per agent, below-quota first (QA-02)", use: quota)
        qa.on(.GET, "samples", access: .permission(.qaInspect), summary: "Cases proposed for inspection: random, complaints, flagged (QA-02)", use: samples)
        qa.on(.GET, "weekly", access: .permission(.qaInspect), summary: "Weekly summary of findings per agent with training plans (QA-05)", use: weekly)
        qa.on(.POST, "training-plans", access: .permission(.qaInspect), summary: "Save the week's training plan for all staff or one agent (QA-05)", request: TrainingPlanRequest.self, use: savePlan)
        qa.on(.GET, "monthly", access: .permission(.qaInspect), summary: "Monthly aggregate per agent for assessment (QA-04)", use: monthly)
        qa.on(.GET, "common-problems", access: .permission(.qaInspect), summary: "Most frequent findings of the last days for the roll call (QA-06)", use: commonProblems)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateInspectionRequest.self)
        let card = try await QualityInspections(db: req.db, services: req.services).create(input, by: try req.requireStaff())
        return try await Self.response(card, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<InspectionResponse> {
        let staff = try req.requireStaff()
        let viewer = QualityViewer(staff: staff, rules: req.services.rulebook.quality)
        let (cursor, limit) = try req.pagination()
        var filter = QualityRepository.Filter()
        if let text = req.query[String.self, at: "agent_id"] {
            guard let agent = UUID(uuidString: text) else { throw DomainError.validation(fields: ["agent_id": "error.field.invalid_value"]) }
            filter.agentID = agent
        }
        if let text = req.query[String.self, at: "month"] {
            guard QualityPeriod.firstDay(ofMonth: text) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
            filter.month = text
        }
        switch req.query[String.self, at: "mine"] {
        case nil, "false": break
        case "true": filter.agentID = staff.id
        default: throw DomainError.validation(fields: ["mine": "error.field.invalid_value"])
        }
        switch req.query[String.self, at: "disputed"] {
        case nil, "false": break
        case "true": filter.disputed = true
        default: throw DomainError.validation(fields: ["disputed": "error.field.invalid_value"])
        }
        // An agent sees only their own scorecards, whatever the filter asks for.
        if !viewer.seesAll {
            if let agent = filter.agentID, agent != staff.id { return ListResponse(items: []) }
            filter.agentID = staff.id
        }
        let page = try await QualityRepository(db: req.db).list(filter, after: cursor, limit: limit)
        let cards = try await QualityCard.load(page.items, db: req.db)
        let names = try await Self.names(cards, db: req.db)
        return ListResponse(items: cards.map { InspectionResponse($0, names: names, rules: req.services.rulebook.quality, language: req.language) },
                            nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> InspectionResponse {
        let viewer = QualityViewer(staff: try req.requireStaff(), rules: req.services.rulebook.quality)
        return try await Self.response(try await viewer.readable(try Self.inspectionID(req), db: req.db), req: req)
    }

    @Sendable func perform(_ action: QualityInspections.Action, req: Request) async throws -> InspectionResponse {
        let body = req.body.data == nil ? InspectionActionRequest() : try req.content.decode(InspectionActionRequest.self)
        let card = try await QualityInspections(db: req.db, services: req.services).perform(
            action, on: try Self.inspectionID(req), body, by: try req.requireStaff(), expectedVersion: try req.expectedVersion(body: body.version))
        return try await Self.response(card, req: req)
    }

    @Sendable func quota(req: Request) async throws -> QuotaResponse {
        let reports = QualityReports(db: req.db, services: req.services, language: req.language)
        return try await reports.quota(month: try reports.month(req.query[String.self, at: "month"]))
    }

    @Sendable func samples(req: Request) async throws -> ListResponse<SampleResponse> {
        var agent: UUID?
        if let text = req.query[String.self, at: "agent_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["agent_id": "error.field.invalid_value"]) }
            agent = id
        }
        return ListResponse(items: try await QualityReports(db: req.db, services: req.services, language: req.language).samples(agentID: agent))
    }

    @Sendable func weekly(req: Request) async throws -> WeeklyResponse {
        let reports = QualityReports(db: req.db, services: req.services, language: req.language)
        return try await reports.weekly(weekStart: try reports.weekStart(req.query[String.self, at: "week"]))
    }

    @Sendable func savePlan(req: Request) async throws -> Response {
        let input = try req.content.decode(TrainingPlanRequest.self)
        let reports = QualityReports(db: req.db, services: req.services, language: req.language)
        let isNew = try await reports.savePlan(input, by: try req.requireStaff())
        let week = QualityPeriod.weekStart(of: input.week.flatMap(LocalDate.init) ?? reports.today)
        return try await reports.weekly(weekStart: week).encodeResponse(status: isNew ? .created : .ok, for: req)
    }

    @Sendable func monthly(req: Request) async throws -> MonthlyResponse {
        let reports = QualityReports(db: req.db, services: req.services, language: req.language)
        return try await reports.monthly(month: try reports.month(req.query[String.self, at: "month"]))
    }

    @Sendable func commonProblems(req: Request) async throws -> CommonProblemsResponse {
        try await QualityReports(db: req.db, services: req.services, language: req.language).commonProblems(days: req.query[String.self, at: "days"])
    }

    static func inspectionID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "qa_inspection") }
        return id
    }

    static func names(_ cards: [QualityCard], db: any Database) async throws -> [UUID: String] {
        try await CasePeople.names(of: cards.flatMap { [$0.record.agentID, $0.record.inspectorID] + [$0.record.decidedBy].compactMap { $0 } }, db: db)
    }

    static func response(_ card: QualityCard, req: Request) async throws -> InspectionResponse {
        InspectionResponse(card, names: try await names([card], db: req.db), rules: req.services.rulebook.quality, language: req.language)
    }
}
