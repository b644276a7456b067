import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The report pages (RPT) with their SVG charts and CSV exports. A bad filter (a 10-year range, a
/// malformed date) re-renders the page with the message and no figures, never a 500.
struct ReportsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let read = Access.permission(.reportsRead)
        routes.on(.GET, "reports", access: read, summary: "Case workload report with per-agent performance (RPT-02/04)", use: cases)
        routes.on(.GET, "reports", "cases.csv", access: read, summary: "Case workload report as CSV", use: casesCSV)
        routes.on(.GET, "reports", "weekly", access: read, summary: "Daily and weekly report (RPT-02, RPT-04)", use: weekly)
        routes.on(.GET, "reports", "weekly.csv", access: read, summary: "Daily and weekly report as CSV", use: weeklyCSV)
        routes.on(.GET, "reports", "complaints", access: read, summary: "Complaint statistics", use: complaints)
        routes.on(.GET, "reports", "complaints.csv", access: read, summary: "Complaint statistics as CSV", use: complaintsCSV)
        routes.on(.GET, "reports", "satisfaction", access: read, summary: "Satisfaction, return-visit rate and QA scores", use: satisfaction)
        routes.on(.GET, "reports", "satisfaction.csv", access: read, summary: "Satisfaction statistics as CSV", use: satisfactionCSV)
        routes.on(.GET, "reports", "monthly", access: read, summary: "Monthly service-quality analysis (RPT-03)", use: monthly)
        routes.on(.GET, "reports", "submissions", access: .authenticated, summary: "Handed-in reports, newest first, and the hand-in form (RPT-05/06, QA-09)", use: submissions)
        routes.on(.POST, "reports", "submissions", access: .permission(.reportsSubmit), summary: "Hand in a daily, weekly or monthly report (form)", use: submit)
    }

    struct CasesPage: Encodable {
        let shell: PageShell, form: ReportForm, report: CaseReport?, chart: BarChart?, filterQuery: String, bucketLabel: String
    }

    @Sendable func cases(req: Request) async throws -> Response {
        do {
            let filter = try await ReportFilter.of(req)
            let report = try await CaseReport.build(filter, req: req)
            let chart = BarChart(groups: report.series.map { ($0.label, [$0.tally.opened, $0.tally.resolved]) },
                                 series: [(req.t("report.opened"), "opened"), (req.t("report.resolved"), "resolved")])
            return try await render(req, "reports/cases", CasesPage(
                shell: PageShell(req, title: req.t("report.title")), form: try await .make(req, active: "cases", filter: filter, csv: "/reports/cases.csv?\(filter.query)"),
                report: report, chart: chart, filterQuery: filter.query, bucketLabel: req.t("report.bucket.\(report.bucket)")))
        } catch let error as DomainError {
            return try await refused(req, error, "reports/cases", active: "cases") { shell, form in CasesPage(shell: shell, form: form, report: nil, chart: nil, filterQuery: "", bucketLabel: "") }
        }
    }

    @Sendable func casesCSV(req: Request) async throws -> Response {
        let filter = try await ReportFilter.of(req)
        let report = try await CaseReport.build(filter, req: req)
        var rows: [[String]] = []
        func add(_ section: String, _ key: String, _ label: String, _ t: CaseTally, satisfaction: Int? = nil, qa: Double? = nil) {
            rows.append([section, key, label, "\(t.opened)", "\(t.resolved)", "\(t.closed)", "\(t.reopened)", "\(t.escalated)", "\(t.breached)",
                         t.averageResolveHours.map { "\($0)" } ?? "", satisfaction.map { "\($0)" } ?? "", qa.map { "\($0)" } ?? ""])
        }
        add("total", "total", req.t("report.total"), report.totals)
        for row in report.series { add(report.bucket, row.key, row.label, row.tally) }
        for row in report.byWorkload { add("workload", row.key, row.label, row.tally) }
        for row in report.byType { add("type", row.key, row.label, row.tally) }
        for row in report.byChannel { add("channel", row.key, row.label, row.tally) }
        for row in report.agents { add("agent", row.agentID, row.name, row.tally, satisfaction: row.satisfactionPercent, qa: row.qaAverage) }
        let header = ["section", "key", "label", "opened", "resolved", "closed", "reopened", "escalated", "breached", "average_resolve_hours",
                      "satisfaction_percent", "qa_average"]
        return Self.csv(CSVText.render(header: header, rows: rows), name: "cases-\(report.from)-\(report.to)")
    }

    /// A page whose filter was refused: the form with the message, status 4xx, no figures.
    func refused<Page: Encodable>(_ req: Request, _ error: DomainError, _ template: String, active: String,
                                  _ page: (PageShell, ReportForm) -> Page) async throws -> Response {
        let (message, status) = req.refusal(error)
        let response = try await render(req, template, page(PageShell(req, title: req.t("report.title"), flashError: message),
                                                            try await .make(req, active: active, filter: nil, csv: nil)))
        response.status = status
        return response
    }

    func render(_ req: Request, _ template: String, _ page: some Encodable) async throws -> Response {
        try await req.view.render(template, page).encodeResponse(for: req)
    }

    static func csv(_ text: String, name: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        return response
    }
}
