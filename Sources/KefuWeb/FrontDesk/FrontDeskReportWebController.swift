import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/reports/front-desk`: the front desk's month — workload counts per person and in total (RPT-15) and the
/// monthly assessment with its grade (PRM-19..21). Report readers and assessors see everyone; a front-desk
/// person sees their own row (PRM-24). The API twin is in `FrontDeskReportAPIController`.
struct FrontDeskReportWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "reports", "front-desk", access: .authenticated, summary: "Front-desk workload and monthly assessment (RPT-15, PRM-19..21)", use: page)
        routes.on(.POST, "reports", "front-desk", "assessments", access: .permission(.frontDeskAssess), summary: "Assess a front-desk person's month (form)", use: assess)
    }

    struct Row: Encodable {
        let userID: UUID, name: String, counts: FrontDeskWorkload.Counts, total: Int
        let grade: String?, gradeKey: String?, attitude: Int?, quality: Int?, comment: String?, assessor: String?, canAssess: Bool
    }
    struct Draft: Encodable { var userID = "", attitude = "", quality = "", grade = "", comment = "" }
    struct Page: Encodable {
        let shell: PageShell, month: String, previous: String, next: String, rows: [Row], total: FrontDeskWorkload.Counts, totalAll: Int
        let grades: [SelectOption], scores: [Int], draft: Draft, canAssess: Bool
    }

    static func months(_ req: Request) throws -> String {
        let month = req.query[String.self, at: "month"] ?? FinesLedger.month(of: req.services.now(), services: req.services)
        guard QualityPeriod.firstDay(ofMonth: month) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        return month
    }

    /// Everyone's rows for readers and assessors; only one's own for a front-desk person; others → 403.
    static func scope(_ staff: StaffUser) throws -> UUID? {
        if staff.has(.reportsRead) || staff.has(.frontDeskAssess) { return nil }
        guard staff.roles.contains(.frontDesk) else { throw DomainError.forbidden(reason: "error.forbidden") }
        return staff.id
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, month: try Self.months(req), draft: Draft(), refusal: nil)
    }

    func render(_ req: Request, month: String, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let only = try Self.scope(staff)
        let assessments = FrontDeskAssessments(db: req.db, services: req.services)
        guard let range = assessments.range(ofMonth: month) else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        let counts = try await FrontDeskWorkload(db: req.db).counts(from: range.start, to: range.end)
        let done = Dictionary(try await assessments.list(month: month, userID: only).map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
        var people = try await UserRepository(db: req.db).active(withRole: .frontDesk, departmentID: nil).map { ($0.id!, $0.displayName) }
        if let only { people = people.filter { $0.0 == only } }
        let canAssess = staff.has(.frontDeskAssess)
        let rows = people.map { id, name in
            let c = counts.byPerson[id] ?? .init(), a = done[id]
            return Row(userID: id, name: name, counts: c, total: c.total, grade: a.map { req.t("assessment.grade.\($0.grade)") }, gradeKey: a?.grade,
                       attitude: a?.attitude, quality: a?.quality, comment: a?.comment, assessor: a?.assessorName, canAssess: canAssess && a == nil && id != staff.id)
        }
        let (previous, next) = FinesPages.neighbours(of: month)
        let view = try await req.view.render("reports/front_desk", Page(
            shell: PageShell(req, title: req.t("frontdesk_report.title"), flashError: refusal?.message), month: month, previous: previous, next: next,
            rows: rows, total: only == nil ? counts.total : rows.first?.counts ?? .init(), totalAll: only == nil ? counts.total.total : rows.first?.total ?? 0,
            grades: FrontDeskGrade.allCases.map { SelectOption(value: $0.rawValue, label: req.t("assessment.grade.\($0.rawValue)"), selected: $0.rawValue == draft.grade) },
            scores: Array(AssessmentScore.range), draft: draft, canAssess: canAssess))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func assess(req: Request) async throws -> Response {
        struct Form: Content { let user_id: String?, month: String?, attitude: String?, quality: String?, grade: String?, comment: String? }
        let form = try req.content.decode(Form.self)
        let month = form.month ?? ""
        let draft = Draft(userID: form.user_id ?? "", attitude: form.attitude ?? "", quality: form.quality ?? "", grade: form.grade ?? "", comment: form.comment ?? "")
        do {
            _ = try await FrontDeskAssessments(db: req.db, services: req.services).assess(.init(
                userID: UUID(uuidString: draft.userID), month: month, attitude: Int(draft.attitude), quality: Int(draft.quality), grade: draft.grade,
                comment: draft.comment), by: req.requireStaff())
            return req.redirect(to: "/reports/front-desk?month=\(month)&flash=flash.assessment_saved")
        } catch let error as DomainError {
            let shown = QualityPeriod.firstDay(ofMonth: month) != nil ? month : FinesLedger.month(of: req.services.now(), services: req.services)
            return try await render(req, month: shown, draft: draft, refusal: req.refusal(error))
        }
    }
}
