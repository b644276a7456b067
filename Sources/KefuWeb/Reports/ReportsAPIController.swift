import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The reports as JSON (RPT): the same figures as the pages, with the same filters and refusals
/// (`reports.max_range_days` → 422 `rule_violation`; team leaders only their teams' workload).
struct ReportsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = Access.permission(.reportsRead)
        routes.on(.GET, "api", "v1", "reports", "cases", access: read, summary: "Case workload report: totals, series, by type/channel/workload, per agent", use: cases)
        routes.on(.GET, "api", "v1", "reports", "weekly", access: read, summary: "Daily and weekly report of a week (RPT-02/04)", use: weekly)
        routes.on(.GET, "api", "v1", "reports", "complaints", access: read, summary: "Complaint statistics: count, category, severity, SLA met, amounts", use: complaints)
        routes.on(.GET, "api", "v1", "reports", "satisfaction", access: read, summary: "Satisfaction by dimension, return-visit rate, QA scores", use: satisfaction)
        routes.on(.GET, "api", "v1", "reports", "monthly", access: read, summary: "Monthly service-quality analysis (RPT-03)", use: monthly)
        routes.on(.GET, "api", "v1", "reports", "submissions", access: .authenticated, summary: "Handed-in reports, newest first (?kind=)", use: submissions)
        routes.on(.POST, "api", "v1", "reports", "submissions", access: .permission(.reportsSubmit), summary: "Hand in a daily, weekly or monthly report", request: SubmissionRequest.self, response: ReportSubmissionView.self, status: .created, use: submit)
    }

    @Sendable func cases(req: Request) async throws -> CaseReport { try await CaseReport.build(try await ReportFilter.of(req), req: req) }

    @Sendable func weekly(req: Request) async throws -> WeeklyReport {
        try await WeeklyReport.build(try await ReportFilter.week(req, text: req.query[String.self, at: "week"]), req: req)
    }

    @Sendable func complaints(req: Request) async throws -> ComplaintReport {
        try await ComplaintReport.build(try await ReportFilter.of(req, centerWideOnly: true), req: req)
    }

    @Sendable func satisfaction(req: Request) async throws -> SatisfactionReport {
        try await SatisfactionReport.build(try await ReportFilter.of(req, centerWideOnly: true), req: req)
    }

    @Sendable func monthly(req: Request) async throws -> MonthlyReport {
        try await MonthlyReport.build(try await ReportFilter.month(req, text: req.query[String.self, at: "month"]), req: req)
    }

    @Sendable func submissions(req: Request) async throws -> ListResponse<ReportSubmissionView> {
        let (cursor, limit) = try req.pagination()
        let kind = try ReportsWebController.visibleKind(req)
        let page = try await ReportSubmissions(db: req.db, services: req.services).list(kind: kind, after: cursor, limit: limit)
        return ListResponse(items: page.items.map { ReportSubmissionView($0, req: req) }, nextCursor: page.nextCursor)
    }

    struct SubmissionRequest: Content { let kind: String?, period: String?, analysis: String? }

    @Sendable func submit(req: Request) async throws -> Response {
        let body = try req.content.decode(SubmissionRequest.self)
        guard let kind = ReportSubmissionKind(rawValue: body.kind ?? "") else { throw DomainError.validation(fields: ["kind": "error.field.choice"]) }
        let record = try await ReportSubmissions(db: req.db, services: req.services).submit(kind, period: body.period ?? "", analysis: body.analysis ?? "",
                                                                                            by: req.requireStaff())
        let response = try await ReportSubmissionView(record, req: req).encodeResponse(for: req)
        response.status = .created
        return response
    }
}
