import Fluent
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// The register of handed-in reports (newest first, by kind) with the form for every kind: the work log
/// (RPT-05), the QA monthly summary (QA-09), the half-year and annual summaries (RPT-06) and the others.
extension ReportsWebController {
    struct SubmissionsPage: Encodable {
        let shell: PageShell, form: ReportForm, kinds: [SelectOption], formKinds: [SelectOption], rows: [ReportSubmissionView]
        let nextURL: String?, canSubmit: Bool, period: String, draft: String
    }

    /// `?kind=` of a request: nil for all; an unknown kind → 400 naming the field.
    static func kind(_ req: Request) throws -> ReportSubmissionKind? {
        guard let text = req.query[String.self, at: "kind"], !text.isEmpty else { return nil }
        guard let kind = ReportSubmissionKind(rawValue: text) else { throw DomainError.validation(fields: ["kind": "error.field.choice"]) }
        return kind
    }

    @Sendable func submissions(req: Request) async throws -> Response {
        do {
            return try await submissionsResponse(req, kind: try Self.kind(req), refusal: nil, draft: ("", ""))
        } catch let error as DomainError {
            return try await submissionsResponse(req, kind: nil, refusal: req.refusal(error), draft: ("", ""))
        }
    }

    func submissionsResponse(_ req: Request, kind: ReportSubmissionKind?, refusal: (message: String, status: HTTPResponseStatus)?,
                             draft: (period: String, analysis: String)) async throws -> Response {
        let (cursor, limit) = refusal == nil ? try req.pagination() : (nil, 50)
        let page = try await ReportSubmissions(db: req.db, services: req.services).list(kind: kind, after: cursor, limit: min(limit, 50))
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        let options = ReportSubmissionKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("report.kind.\($0.rawValue)"), selected: $0 == kind) }
        let response = try await render(req, "reports/submissions", SubmissionsPage(
            shell: PageShell(req, title: req.t("report.tab.submissions"), flashError: refusal?.message),
            form: try await .make(req, active: "submissions", filter: nil, csv: nil),
            kinds: [SelectOption(value: "", label: req.t("report.all"))] + options, formKinds: options, rows: page.items.map { ReportSubmissionView($0, req: req) },
            nextURL: page.nextCursor.map { "/reports/submissions?\(kind.map { "kind=\($0.rawValue)&" } ?? "")cursor=\($0)" },
            canSubmit: req.staff?.has(.reportsSubmit) ?? false, period: draft.period.isEmpty ? today.description : draft.period, draft: draft.analysis))
        response.status = refusal?.status ?? .ok
        return response
    }
}
