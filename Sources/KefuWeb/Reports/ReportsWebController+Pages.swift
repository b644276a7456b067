import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The weekly (RPT-02/04), complaint, satisfaction and monthly (RPT-03) report pages and handing a
/// report in.
extension ReportsWebController {
    struct WeeklyPage: Encodable {
        let shell: PageShell, form: ReportForm, report: WeeklyReport?, chart: BarChart?
        let previous: String, next: String, submissions: [ReportSubmissionView], canSubmit: Bool, today: String, draft: String
    }

    @Sendable func weekly(req: Request) async throws -> Response {
        try await weeklyResponse(req, week: req.query[String.self, at: "week"], refusal: nil, draft: "")
    }

    /// The weekly page; after a refused hand-in it comes back with the message and the typed analysis.
    func weeklyResponse(_ req: Request, week text: String?, refusal: (message: String, status: HTTPResponseStatus)?, draft: String) async throws -> Response {
        do {
            let filter = try await ReportFilter.week(req, text: text)
            let report = try await WeeklyReport.build(filter, req: req)
            let chart = BarChart(groups: report.days.map { ("\($0.weekday) \($0.day.suffix(5))", [$0.consultation, $0.query, $0.proactive, $0.other]) },
                                 series: WorkloadKind.allCases.map { (req.t("report.workload.\($0.rawValue)"), $0.rawValue) }, height: 150)
            let days = (0..<7).map { QualityPeriod.adding($0, to: filter.period.from).description }
            let submitted = try await ReportSubmissionRecord.query(on: req.db).group(.or) { group in
                group.group(.and) { $0.filter(\.$kind == ReportSubmissionKind.daily.rawValue).filter(\.$period >= days[0]).filter(\.$period <= days[6]) }
                group.group(.and) { $0.filter(\.$kind == ReportSubmissionKind.weekly.rawValue).filter(\.$period == days[0]) }
            }.sort(\.$period).limit(20).all()
            let week = filter.period.from
            let response = try await render(req, "reports/weekly", WeeklyPage(
                shell: PageShell(req, title: req.t("report.tab.weekly"), flashError: refusal?.message),
                form: try await .make(req, active: "weekly", filter: filter, csv: "/reports/weekly.csv?week=\(week)\(filter.teamID.map { "&team_id=\($0)" } ?? "")"),
                report: report, chart: chart, previous: QualityPeriod.adding(-7, to: week).description, next: QualityPeriod.adding(7, to: week).description,
                submissions: submitted.map { ReportSubmissionView($0, req: req) }, canSubmit: Self.mayHandIn(.daily, req),
                today: min(req.services.rulebook.calendar.localDate(of: req.services.now()), filter.period.to).description, draft: draft))
            response.status = refusal?.status ?? .ok
            return response
        } catch let error as DomainError {
            return try await refused(req, error, "reports/weekly", active: "weekly") {
                WeeklyPage(shell: $0, form: $1, report: nil, chart: nil, previous: "", next: "", submissions: [], canSubmit: false, today: "", draft: "")
            }
        }
    }

    @Sendable func weeklyCSV(req: Request) async throws -> Response {
        let report = try await WeeklyReport.build(try await ReportFilter.week(req, text: req.query[String.self, at: "week"]), req: req)
        return Self.csv(WeeklyReport.csv(report), name: "weekly-\(report.weekStart)")
    }

    struct ComplaintsPage: Encodable {
        struct Group: Encodable { let title: String, rows: [ComplaintReport.Row] }
        let shell: PageShell, form: ReportForm, report: ComplaintReport?, groups: [Group]
    }

    @Sendable func complaints(req: Request) async throws -> Response {
        do {
            let filter = try await ReportFilter.of(req, centerWideOnly: true)
            let report = try await ComplaintReport.build(filter, req: req)
            return try await render(req, "reports/complaints", ComplaintsPage(
                shell: PageShell(req, title: req.t("report.tab.complaints")),
                form: try await .make(req, active: "complaints", filter: filter, csv: "/reports/complaints.csv?\(filter.query)", type: false),
                report: report, groups: [.init(title: req.t("report.by_category"), rows: report.byCategory),
                                         .init(title: req.t("report.by_severity"), rows: report.bySeverity)]))
        } catch let error as DomainError {
            return try await refused(req, error, "reports/complaints", active: "complaints") { ComplaintsPage(shell: $0, form: $1, report: nil, groups: []) }
        }
    }

    @Sendable func complaintsCSV(req: Request) async throws -> Response {
        let report = try await ComplaintReport.build(try await ReportFilter.of(req, centerWideOnly: true), req: req)
        let rows = [("total", report.total)] + report.byCategory.map { ("category", $0) } + report.bySeverity.map { ("severity", $0) }
        return Self.csv(CSVText.render(header: ["section", "key", "label", "count", "sla_met", "sla_percent", "claimed", "decided"], rows: rows.map { section, r in
            [section, r.key, r.label, "\(r.count)", "\(r.slaMet)", "\(r.slaPercent)", String(format: "%.2f", r.claimed), String(format: "%.2f", r.decided)]
        }), name: "complaints-\(report.from)-\(report.to)")
    }

    struct SatisfactionPage: Encodable { let shell: PageShell, form: ReportForm, report: SatisfactionReport?, chart: BarChart? }

    @Sendable func satisfaction(req: Request) async throws -> Response {
        do {
            let filter = try await ReportFilter.of(req, centerWideOnly: true)
            let report = try await SatisfactionReport.build(filter, req: req)
            let chart = BarChart(groups: report.dimensions.map { ($0.label, $0.counts) }, series: zip(report.levelLabels, report.levels).map { ($0, $1) }, height: 160)
            return try await render(req, "reports/satisfaction", SatisfactionPage(
                shell: PageShell(req, title: req.t("report.tab.satisfaction")),
                form: try await .make(req, active: "satisfaction", filter: filter, csv: "/reports/satisfaction.csv?\(filter.query)", people: false, type: false, channel: false),
                report: report, chart: chart))
        } catch let error as DomainError {
            return try await refused(req, error, "reports/satisfaction", active: "satisfaction") { SatisfactionPage(shell: $0, form: $1, report: nil, chart: nil) }
        }
    }

    @Sendable func satisfactionCSV(req: Request) async throws -> Response {
        let report = try await SatisfactionReport.build(try await ReportFilter.of(req, centerWideOnly: true), req: req)
        var rows: [[String]] = report.dimensions.map { d in ["survey", d.item] + d.counts.map { "\($0)" } + [d.satisfiedPercent.map { "\($0)" } ?? ""] }
        rows.append(["return_visits", "opened_done_unreachable_rate", "\(report.visitsOpened)", "\(report.visitsDone)", "\(report.visitsUnreachable)", "\(report.visitRatePercent)"])
        rows += report.qaAgents.map { ["qa", $0.name, "\($0.inspections)", "\($0.average)", "\($0.findings)"] }
        return Self.csv(CSVText.render(header: ["section", "key"] + report.levels + ["satisfied_percent"], rows: rows), name: "satisfaction-\(report.from)-\(report.to)")
    }

    @Sendable func submit(req: Request) async throws -> Response {
        struct Form: Content { let kind: String?, period: String?, analysis: String? }
        let form = try req.content.decode(Form.self)
        guard let kind = ReportSubmissionKind(rawValue: form.kind ?? "") else { throw DomainError.validation(fields: ["kind": "error.field.choice"]) }
        do {
            let record = try await ReportSubmissions(db: req.db, services: req.services).submit(kind, period: form.period ?? "", analysis: form.analysis ?? "", by: req.requireStaff())
            return req.redirect(to: ReportSubmissions.link(kind, period: record.period) + "&flash=flash.report_submitted")
        } catch let error as DomainError {
            let refusal = req.refusal(error)
            switch kind {
            case .monthlyQuality: return try await monthlyResponse(req, month: form.period, refusal: refusal, draft: form.analysis ?? "")
            case .daily, .weekly: return try await weeklyResponse(req, week: form.period, refusal: refusal, draft: form.analysis ?? "")
            default: return try await submissionsResponse(req, kind: kind, refusal: refusal, draft: (form.period ?? "", form.analysis ?? ""))
            }
        }
    }
}

extension ReportsWebController {
    static func mayHandIn(_ kind: ReportSubmissionKind, _ req: Request) -> Bool {
        guard let staff = req.staff, staff.has(.reportsSubmit) else { return false }
        return kind.mayHandIn(staff.roles)
    }
}

/// A handed-in report as the pages show it.
struct ReportSubmissionView: Content {
    let id: UUID, kind: String, kindLabel: String, period: String, analysis: String, by: String, at: String, late: Bool

    init(_ record: ReportSubmissionRecord, req: Request) {
        id = record.id!; kind = record.kind; kindLabel = req.t("report.kind.\(record.kind)"); period = record.period; analysis = record.analysis
        by = record.submittedByName; at = DisplayTime.format(record.submittedAt, req); late = record.late
    }

    enum CodingKeys: String, CodingKey { case id, kind, period, analysis, by, at, late, kindLabel = "kind_label" }
}

extension ReportsWebController {
    struct MonthlyPage: Encodable {
        let shell: PageShell, form: ReportForm, report: MonthlyReport?, canSubmit: Bool, previous: String, next: String, draft: String
    }

    @Sendable func monthly(req: Request) async throws -> Response {
        try await monthlyResponse(req, month: req.query[String.self, at: "month"], refusal: nil, draft: "")
    }

    func monthlyResponse(_ req: Request, month text: String?, refusal: (message: String, status: HTTPResponseStatus)?, draft: String) async throws -> Response {
        do {
            let filter = try await ReportFilter.month(req, text: text)
            let report = try await MonthlyReport.build(filter, req: req)
            let response = try await render(req, "reports/monthly", MonthlyPage(
                shell: PageShell(req, title: req.t("report.tab.monthly"), flashError: refusal?.message),
                form: try await .make(req, active: "monthly", filter: filter, csv: nil), report: report,
                canSubmit: Self.mayHandIn(.monthlyQuality, req),
                previous: QualityPeriod.month(of: QualityPeriod.adding(-1, to: filter.period.from)),
                next: QualityPeriod.month(of: QualityPeriod.nextMonth(filter.period.from)), draft: draft))
            response.status = refusal?.status ?? .ok
            return response
        } catch let error as DomainError {
            return try await refused(req, error, "reports/monthly", active: "monthly") {
                MonthlyPage(shell: $0, form: $1, report: nil, canSubmit: false, previous: "", next: "", draft: "")
            }
        }
    }
}
