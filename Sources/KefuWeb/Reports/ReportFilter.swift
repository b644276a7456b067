import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The filters every report takes from its query (`from`, `to`, `team_id`, `agent_id`, `type`,
/// `channel`), checked: bad dates or ids → 400 naming the field, a range over
/// `reports.max_range_days` → 422 naming the rulebook key. Default range: the last 30 days.
struct ReportFilter: Sendable {
    var period: ReportPeriod
    var teamID: UUID?
    var agentID: UUID?
    var type: CaseType?
    var channel: CaseChannel?

    static let defaultDays = 30

    /// The filter of a request. Team leaders without a center-wide role are held to the teams they lead.
    static func of(_ req: Request, centerWideOnly: Bool = false) async throws -> ReportFilter {
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        var fields: [String: String] = [:]
        func date(_ name: String) -> LocalDate? {
            guard let text = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = LocalDate(text) else { fields[name] = "error.report.date"; return nil }
            return value
        }
        func uuid(_ name: String) -> UUID? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let value = UUID(uuidString: text) else { fields[name] = "error.field.unknown"; return nil }
            return value
        }
        func choice<T: RawRepresentable<String>>(_ name: String, _: T.Type) -> T? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let value = T(rawValue: text) else { fields[name] = "error.field.choice"; return nil }
            return value
        }
        let to = date("to") ?? today
        let from = date("from") ?? ReportPeriod.last(defaultDays, endingOn: to).from
        var filter = ReportFilter(period: try ReportPeriod(from: min(from, to), to: to, maxDays: .max), teamID: uuid("team_id"),
                                  agentID: uuid("agent_id"), type: choice("type", CaseType.self), channel: choice("channel", CaseChannel.self))
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        filter.period = try ReportPeriod(from: from, to: to, maxDays: req.services.rulebook.reports.maxRangeDays)
        guard let staff = req.staff else { throw DomainError.forbidden(reason: "error.forbidden") }
        if !ReportAccess.isCenterWide(staff.roles) {
            guard !centerWideOnly else { throw DomainError.forbidden(reason: "error.report.center_wide") }
            let led = try await OrganizationRepository(db: req.db).teamsLed(by: staff.id)
            guard let first = led.first else { throw DomainError.forbidden(reason: "error.report.center_wide") }
            if let team = filter.teamID, !led.contains(team) { throw DomainError.forbidden(reason: "error.report.not_your_team") }
            filter.teamID = filter.teamID ?? first
        }
        return filter
    }

    /// The week (Monday to Sunday) containing the date `text` (default today), with the team and
    /// channel filters of the request.
    static func week(_ req: Request, text: String?) async throws -> ReportFilter {
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        var day = today
        if let text, !text.isEmpty {
            guard let parsed = LocalDate(text) else { throw DomainError.validation(fields: ["week": "error.report.date"]) }
            day = parsed
        }
        let monday = QualityPeriod.weekStart(of: day)
        var filter = try await of(req)
        filter.period = try ReportPeriod(from: monday, to: QualityPeriod.adding(6, to: monday), maxDays: 7)
        // The weekly report splits the workload by type itself (RPT-04); a type filter would contradict it.
        filter.type = nil
        return filter
    }

    /// The calendar month `text` (`YYYY-MM`, default last month), center-wide (RPT-03).
    static func month(_ req: Request, text: String?) async throws -> ReportFilter {
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        var first = QualityPeriod.firstDay(ofMonth: QualityPeriod.month(of: QualityPeriod.adding(-1, to: LocalDate(year: today.year, month: today.month, day: 1))))!
        if let text, !text.isEmpty {
            guard let parsed = QualityPeriod.firstDay(ofMonth: text) else { throw DomainError.validation(fields: ["month": "error.report.month"]) }
            first = parsed
        }
        var filter = try await of(req, centerWideOnly: true)
        filter.period = try ReportPeriod(from: first, to: QualityPeriod.adding(-1, to: QualityPeriod.nextMonth(first)), maxDays: 31)
        return filter
    }

    var slice: CaseStatsRepository.Slice {
        CaseStatsRepository.Slice(from: period.from.description, to: period.to.description, teamID: teamID, agentID: agentID,
                                  type: type?.rawValue, channel: channel?.rawValue)
    }

    /// The filter as a query string, for CSV links and the chart's drill-down.
    var query: String {
        var items = ["from=\(period.from)", "to=\(period.to)"]
        if let teamID { items.append("team_id=\(teamID)") }
        if let agentID { items.append("agent_id=\(agentID)") }
        if let type { items.append("type=\(type.rawValue)") }
        if let channel { items.append("channel=\(channel.rawValue)") }
        return items.joined(separator: "&")
    }
}
