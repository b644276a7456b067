import Fluent
import Foundation
import KefuCore
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

    /// The kind a register request may list: report readers any (nil = all); a station that only hands
    /// in (the return visitors, RTV-05) only the one kind it writes; anyone else → 403.
    static func visibleKind(_ req: Request) throws -> ReportSubmissionKind? {
        let staff = try req.requireStaff()
        let asked = try kind(req)
        if staff.has(.reportsRead) { return asked }
        let own = ReportSubmissionKind.allCases.filter { $0.mayHandIn(staff.roles) }
        guard staff.has(.reportsSubmit), let first = own.first else { throw DomainError.forbidden(reason: "error.forbidden") }
        guard let asked else { return first }
        guard own.contains(asked) else { throw DomainError.forbidden(reason: "error.report.not_your_kind") }
        return asked
    }

    @Sendable func submissions(req: Request) async throws -> Response {
        let kind = try Self.visibleKind(req)
        do {
            return try await submissionsResponse(req, kind: kind, refusal: nil, draft: ("", ""))
        } catch let error as DomainError {
            return try await submissionsResponse(req, kind: kind, refusal: req.refusal(error), draft: ("", ""))
        }
    }

    func submissionsResponse(_ req: Request, kind: ReportSubmissionKind?, refusal: (message: String, status: HTTPResponseStatus)?,
                             draft: (period: String, analysis: String)) async throws -> Response {
        let (cursor, limit) = refusal == nil ? try req.pagination() : (nil, 50)
        let page = try await ReportSubmissions(db: req.db, services: req.services).list(kind: kind, after: cursor, limit: min(limit, 50))
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        let writable = ReportSubmissionKind.allCases.filter { Self.mayHandIn($0, req) }
        let options = ReportSubmissionKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("report.kind.\($0.rawValue)"), selected: $0 == kind) }
        let response = try await render(req, "reports/submissions", SubmissionsPage(
            shell: PageShell(req, title: req.t("report.tab.submissions"), flashError: refusal?.message),
            form: try await .make(req, active: "submissions", filter: nil, csv: nil),
            kinds: req.staff?.has(.reportsRead) == true ? [SelectOption(value: "", label: req.t("report.all"))] + options : options.filter { option in writable.contains { $0.rawValue == option.value } }, formKinds: options.filter { option in writable.contains { $0.rawValue == option.value } }, rows: page.items.map { ReportSubmissionView($0, req: req) },
            nextURL: page.nextCursor.map { "/reports/submissions?\(kind.map { "kind=\($0.rawValue)&" } ?? "")cursor=\($0)" },
            canSubmit: !writable.isEmpty, period: draft.period.isEmpty ? today.description : draft.period, draft: draft.analysis))
        response.status = refusal?.status ?? .ok
        return response
    }
}
