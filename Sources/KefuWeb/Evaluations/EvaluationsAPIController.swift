import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/evaluations` (monthly evaluation, PRM-18, ORG-08/09), `/api/v1/quarterly-grades` (PRM-25),
/// `/api/v1/excellent-titles` and `/api/v1/promotions` (PRM-02..17). Managers (`evaluations.manage`) run them;
/// everyone reads their own evaluations and promotion check (PRM-24, transparency).
struct EvaluationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.evaluationsManage)
        routes.on(.POST, "api", "v1", "evaluations", "close", access: manage, summary: "Close a finished month's evaluation of the agents (PRM-18)", request: CloseBody.self, use: close)
        routes.on(.GET, "api", "v1", "evaluations", access: .authenticated, summary: "Monthly evaluations (?month=&department_id=; others: own)", use: list)
        routes.on(.POST, "api", "v1", "evaluations", "skills", access: manage, summary: "Typing speed and business exam of a month (ORG-08/09)", request: SkillsBody.self, use: skills)
        routes.on(.POST, "api", "v1", "quarterly-grades", access: manage, summary: "Give a quarterly grade on the rulebook's scale (PRM-25)", request: QuarterlyBody.self, use: quarterly)
        routes.on(.POST, "api", "v1", "excellent-titles", access: manage, summary: "Award the 优秀客服 title (PRM-10/12)", request: TitleBody.self, use: title)
        routes.on(.GET, "api", "v1", "promotions", "check", access: .authenticated, summary: "Promotion criteria met and unmet, demotion due (?user_id=&to_grade=)", use: check)
        routes.on(.POST, "api", "v1", "promotions", access: manage, summary: "Nominate for promotion; unmet criteria → 422 listing them (PRM-14..16)", request: NominateBody.self, use: nominate)
    }

    struct EvaluationResponse: Content {
        let userId: UUID, name: String, month: String, qaPercent: Double?, satisfactionPercent: Double?, violations: Int, breaches: Int
        let typingSpeed: Int?, examScore: Int?, score: Double, rank: Int, failed: Bool
        /// Issue 9: chat ratings (1–5 average and count), chat breaches (included in `breaches`), typing figures.
        var chatRating: Double?, chatRatings: Int?, chatBreaches: Int?, typingTestBest: Int?, typingConsoleAverage: Int?
        enum CodingKeys: String, CodingKey {
            case name, month, violations, breaches, score, rank, failed
            case chatRating = "chat_rating", chatRatings = "chat_ratings", chatBreaches = "chat_breaches"
            case typingTestBest = "typing_test_best", typingConsoleAverage = "typing_console_average"
            case userId = "user_id", qaPercent = "qa_percent", satisfactionPercent = "satisfaction_percent", typingSpeed = "typing_speed", examScore = "exam_score"
        }
        init(_ r: MonthlyEvaluationRecord) {
            userId = r.userID; name = r.userName; month = r.month; qaPercent = r.qaPercent; satisfactionPercent = r.satisfactionPercent
            violations = r.violations; breaches = r.breaches; typingSpeed = r.typingSpeed; examScore = r.examScore; score = r.score; rank = r.rank; failed = r.failed
            chatRating = r.chatRating; chatRatings = r.chatRatings; chatBreaches = r.chatBreaches
            typingTestBest = r.typingTestBest; typingConsoleAverage = r.typingConsoleAverage
        }
    }

    @Sendable func close(req: Request) async throws -> ListResponse<EvaluationResponse> {
        let body = try req.content.decode(CloseBody.self)
        let rows = try await MonthlyEvaluations(db: req.db, services: req.services).close(month: body.month ?? "", departmentID: body.department_id, by: req.requireStaff())
        return ListResponse(items: rows.sorted { ($0.departmentID?.uuidString ?? "", $0.rank) < ($1.departmentID?.uuidString ?? "", $1.rank) }.map(EvaluationResponse.init), nextCursor: nil)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<EvaluationResponse> {
        let staff = try req.requireStaff()
        var query = MonthlyEvaluationRecord.query(on: req.db)
        if let month = req.query[String.self, at: "month"] { query = query.filter(\.$month == month) }
        if !staff.has(.evaluationsManage) { query = query.filter(\.$userID == staff.id) }
        else if let department = req.query[UUID.self, at: "department_id"] { query = query.filter(\.$departmentID == department) }
        let rows = try await query.sort(\.$month, .descending).sort(\.$rank).limit(500).all()
        return ListResponse(items: rows.map(EvaluationResponse.init), nextCursor: nil)
    }

    @Sendable func skills(req: Request) async throws -> EvaluationResponse {
        let b = try req.content.decode(SkillsBody.self)
        guard let userID = b.user_id else { throw DomainError.validation(fields: ["user_id": "error.field.required"]) }
        return EvaluationResponse(try await MonthlyEvaluations(db: req.db, services: req.services).recordSkills(
            userID: userID, month: b.month ?? "", typingSpeed: b.typing_speed, examScore: b.exam_score))
    }

    @Sendable func quarterly(req: Request) async throws -> Response {
        let b = try req.content.decode(QuarterlyBody.self)
        let record = try await EvaluationRecords(db: req.db, services: req.services).grade(userID: b.user_id, quarter: b.quarter ?? "", grade: b.grade ?? "", by: req.requireStaff())
        let response = Response(status: .created)
        try response.content.encode(["id": record.id!.uuidString, "quarter": record.quarter, "grade": record.grade])
        return response
    }

    @Sendable func title(req: Request) async throws -> Response {
        let b = try req.content.decode(TitleBody.self)
        let record = try await EvaluationRecords(db: req.db, services: req.services).award(userID: b.user_id, note: b.note ?? "", by: req.requireStaff())
        let response = Response(status: .created)
        try response.content.encode(["id": record.id!.uuidString])
        return response
    }

    struct CheckResponse: Content {
        struct Criterion: Content { let criterion: String, met: Bool, required: String, actual: String }
        let userId: UUID, grade: String, toGrade: String, monthlyPay: String, eligible: Bool, criteria: [Criterion], demotionDue: String?, dismissalEligible: Bool
        enum CodingKeys: String, CodingKey {
            case grade, eligible, criteria
            case userId = "user_id", toGrade = "to_grade", monthlyPay = "monthly_pay", demotionDue = "demotion_due", dismissalEligible = "dismissal_eligible"
        }
    }

    @Sendable func check(req: Request) async throws -> CheckResponse {
        let staff = try req.requireStaff()
        let userID = req.query[UUID.self, at: "user_id"] ?? staff.id
        guard userID == staff.id || staff.has(.evaluationsManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
        guard let user = try await UserRepository(db: req.db).find(userID) else { throw DomainError.notFound(subject: "user") }
        let current = user.grade.flatMap(Grade.init(rawValue:)) ?? .probation
        let target = try req.query[String.self, at: "to_grade"].map { text -> Grade in
            guard let grade = Grade(rawValue: text) else { throw DomainError.validation(fields: ["to_grade": "error.field.choice"]) }
            return grade
        } ?? PromotionLadder.next(after: current) ?? current
        let promotions = Promotions(db: req.db, services: req.services)
        let (history, results) = try await promotions.check(user, to: target)
        let rules = req.services.rulebook
        return CheckResponse(userId: userID, grade: current.rawValue, toGrade: target.rawValue,
                             monthlyPay: "\(rules.payGrades[current]?.monthlyPay ?? 0)", eligible: results.allSatisfy(\.met),
                             criteria: results.map { .init(criterion: $0.criterion.rawValue, met: $0.met, required: $0.required, actual: $0.actual) },
                             demotionDue: PromotionLadder.demotionDue(history, rules: rules.promotion),
                             dismissalEligible: PromotionLadder.dismissalEligible(history, rules: rules.promotion))
    }

    @Sendable func nominate(req: Request) async throws -> Response {
        let b = try req.content.decode(NominateBody.self)
        let record = try await Promotions(db: req.db, services: req.services).nominate(userID: b.user_id, to: b.to_grade ?? "", reason: b.reason ?? "", by: req.requireStaff())
        let response = Response(status: .created)
        try response.content.encode(["id": record.id!.uuidString, "state": record.state, "approval_id": record.approvalID?.uuidString ?? "",
                                     "from_grade": record.fromGrade, "to_grade": record.toGrade])
        return response
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension EvaluationsAPIController {
    struct CloseBody: Content { let month: String?, department_id: UUID? }
    struct SkillsBody: Content { let user_id: UUID?, month: String?, typing_speed: Int?, exam_score: Int? }
    struct QuarterlyBody: Content { let user_id: UUID?, quarter: String?, grade: String? }
    struct TitleBody: Content { let user_id: UUID?, note: String? }
    struct NominateBody: Content { let user_id: UUID?, to_grade: String?, reason: String? }
}
