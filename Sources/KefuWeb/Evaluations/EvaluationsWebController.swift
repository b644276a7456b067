import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/evaluations`: the month's ranking per department with the close button (PRM-18), and a person's page
/// with grade and pay (PRM-17), the promotion criteria met and unmet, demotion and dismissal flags (PRM-07/09/11),
/// quarterly grades, titles and the nomination (PRM-14..16). Everyone sees their own (PRM-24).
struct EvaluationsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let manage = Access.permission(.evaluationsManage)
        routes.on(.GET, "evaluations", access: .authenticated, summary: "Monthly evaluation ranking (managers) or my evaluations", use: page)
        routes.on(.POST, "evaluations", "close", access: manage, summary: "Close a month's evaluation (form)", use: close)
        routes.on(.GET, "evaluations", "people", ":id", access: .authenticated, summary: "A person's grade, pay and promotion check", use: person)
        routes.on(.POST, "evaluations", "people", ":id", "grades", access: manage, summary: "Give a quarterly grade (form)", use: grade)
        routes.on(.POST, "evaluations", "people", ":id", "titles", access: manage, summary: "Award 优秀客服 (form)", use: title)
        routes.on(.POST, "evaluations", "people", ":id", "nominate", access: manage, summary: "Nominate for promotion (form)", use: nominate)
    }

    struct Row: Encodable {
        let userID: UUID, name: String, rank: Int, score: String, qa: String, satisfaction: String, violations: Int, breaches: Int, failed: Bool
        let typing: Int?, exam: Int?, month: String
        /// Issue 9: the customers' average chat rating (1–5, with how many), chat breaches, typing test and console speed.
        var chatRating = "—", chatBreaches = 0, typingBest: Int? = nil, typingConsole: Int? = nil
    }
    struct Page: Encodable { let shell: PageShell, month: String, previous: String, next: String, rows: [Row], canManage: Bool, me: UUID }
    struct Criterion: Encodable { let label: String, met: Bool, required: String, actual: String }
    struct PersonPage: Encodable {
        let shell: PageShell, userID: UUID, name: String, grade: String, pay: String, target: String?, targetKey: String?, criteria: [Criterion]
        let eligible: Bool, demotion: String?, dismissal: Bool, rows: [Row], quarters: [String], titles: Int, canManage: Bool, scale: [String]
    }

    static func row(_ r: MonthlyEvaluationRecord) -> Row {
        Row(userID: r.userID, name: r.userName, rank: r.rank, score: String(format: "%.1f", r.score), qa: r.qaPercent.map { String(format: "%.0f", $0) } ?? "—",
            satisfaction: r.satisfactionPercent.map { String(format: "%.0f", $0) } ?? "—", violations: r.violations, breaches: r.breaches, failed: r.failed,
            typing: r.typingSpeed, exam: r.examScore, month: r.month,
            chatRating: r.chatRating.map { String(format: "%.2f (%d)", $0, r.chatRatings ?? 0) } ?? "—", chatBreaches: r.chatBreaches ?? 0,
            typingBest: r.typingTestBest, typingConsole: r.typingConsoleAverage)
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, refusal: nil) }

    func render(_ req: Request, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let current = FinesLedger.month(of: req.services.now(), services: req.services)
        let month = req.query[String.self, at: "month"] ?? FinesPages.neighbours(of: current).previous
        guard QualityPeriod.firstDay(ofMonth: month) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        var query = MonthlyEvaluationRecord.query(on: req.db).filter(\.$month == month)
        if !staff.has(.evaluationsManage) { query = query.filter(\.$userID == staff.id) }
        let rows = try await query.sort(\.$departmentID).sort(\.$rank).limit(2_000).all()
        let (previous, next) = FinesPages.neighbours(of: month)
        let view = try await req.view.render("evaluations/index", Page(
            shell: PageShell(req, title: req.t("evaluation.title"), flashError: refusal?.message), month: month, previous: previous, next: next,
            rows: rows.map(Self.row), canManage: staff.has(.evaluationsManage), me: staff.id))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func close(req: Request) async throws -> Response {
        struct Form: Content { let month: String? }
        let month = try req.content.decode(Form.self).month ?? ""
        do {
            _ = try await MonthlyEvaluations(db: req.db, services: req.services).close(month: month, departmentID: nil, by: req.requireStaff())
            return req.redirect(to: "/evaluations?month=\(month)&flash=flash.evaluation_closed")
        } catch let error as DomainError {
            return try await render(req, refusal: req.refusal(error))
        }
    }

    @Sendable func person(req: Request) async throws -> Response { try await renderPerson(req, refusal: nil) }

    func renderPerson(_ req: Request, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await UserRepository(db: req.db).find(id) else {
            throw DomainError.notFound(subject: "user")
        }
        guard id == staff.id || staff.has(.evaluationsManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
        let rules = req.services.rulebook
        let grade = user.grade.flatMap(Grade.init(rawValue:)) ?? .probation
        let target = PromotionLadder.next(after: grade)
        let promotions = Promotions(db: req.db, services: req.services)
        let history = try await promotions.history(of: user)
        var results: [PromotionCriterionResult] = []
        if let target { results = try await promotions.check(user, to: target).1 }
        let rows = try await MonthlyEvaluationRecord.query(on: req.db).filter(\.$userID == id).sort(\.$month, .descending).limit(12).all()
        let quarters = try await QuarterlyGradeRecord.query(on: req.db).filter(\.$userID == id).sort(\.$quarter).limit(40).all()
        let view = try await req.view.render("evaluations/person", PersonPage(
            shell: PageShell(req, title: user.displayName, flashError: refusal?.message), userID: id, name: user.displayName,
            grade: req.t("grade.\(grade.rawValue)"), pay: "\(rules.payGrades[grade]?.monthlyPay ?? 0)", target: target.map { req.t("grade.\($0.rawValue)") },
            targetKey: target?.rawValue,
            criteria: results.map { Criterion(label: req.t("evaluation.criterion.\($0.criterion.rawValue)"), met: $0.met, required: $0.required, actual: $0.actual) },
            eligible: !results.isEmpty && results.allSatisfy(\.met), demotion: PromotionLadder.demotionDue(history, rules: rules.promotion).map { req.t("evaluation.demotion.\($0)") },
            dismissal: PromotionLadder.dismissalEligible(history, rules: rules.promotion), rows: rows.map(Self.row),
            quarters: quarters.map { "\($0.quarter) \($0.grade)" }, titles: history.excellentTitles, canManage: staff.has(.evaluationsManage),
            scale: rules.promotion.quarterlyGrades))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    private func act(_ req: Request, flash: String, _ body: (UUID, StaffUser) async throws -> Void) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "user") }
        do {
            try await body(id, try req.requireStaff())
            return req.redirect(to: "/evaluations/people/\(id)?flash=\(flash)")
        } catch let error as DomainError {
            return try await renderPerson(req, refusal: req.refusal(error))
        } catch let failure as Failure {
            return try await renderPerson(req, refusal: req.refusal(failure))
        }
    }

    @Sendable func grade(req: Request) async throws -> Response {
        struct Form: Content { let quarter: String?, grade: String? }
        let form = try req.content.decode(Form.self)
        return try await act(req, flash: "flash.evaluation_graded") { id, staff in
            _ = try await EvaluationRecords(db: req.db, services: req.services).grade(userID: id, quarter: form.quarter ?? "", grade: form.grade ?? "", by: staff)
        }
    }

    @Sendable func title(req: Request) async throws -> Response {
        struct Form: Content { let note: String? }
        let note = try req.content.decode(Form.self).note ?? ""
        return try await act(req, flash: "flash.evaluation_titled") { id, staff in
            _ = try await EvaluationRecords(db: req.db, services: req.services).award(userID: id, note: note, by: staff)
        }
    }

    @Sendable func nominate(req: Request) async throws -> Response {
        struct Form: Content { let to_grade: String?, reason: String? }
        let form = try req.content.decode(Form.self)
        return try await act(req, flash: "flash.promotion_nominated") { id, staff in
            _ = try await Promotions(db: req.db, services: req.services).nominate(userID: id, to: form.to_grade ?? "", reason: form.reason ?? "", by: staff)
        }
    }
}
