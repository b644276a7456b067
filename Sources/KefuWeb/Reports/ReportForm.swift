import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What every report page shows above its figures: the tabs between the reports and the filter form
/// (date range, team, agent, type, channel) filled with the request's values.
struct ReportForm: Encodable {
    struct Tab: Encodable { let label: String, href: String, active: Bool }

    let tabs: [Tab]
    let from: String, to: String
    let teams: [SelectOption], agents: [SelectOption], types: [SelectOption], channels: [SelectOption]
    /// The CSV link of the page with the same filters (nil on pages without one).
    let csv: String?
    let maxDays: Int
    /// Which narrowing filters the page honours (the satisfaction report takes the range only; the
    /// complaint statistics have no type, being of one type).
    let showPeople: Bool, showType: Bool, showChannel: Bool

    static func make(_ req: Request, active: String, filter: ReportFilter?, csv: String?,
                     people: Bool = true, type: Bool = true, channel: Bool = true) async throws -> ReportForm {
        let staff = req.staff
        let centerWide = staff.map { ReportAccess.isCenterWide($0.roles) } ?? false
        var tabs = [Tab(label: req.t("report.tab.cases"), href: "/reports", active: active == "cases"),
                    Tab(label: req.t("report.tab.weekly"), href: "/reports/weekly", active: active == "weekly")]
        if centerWide {
            tabs += [Tab(label: req.t("report.tab.complaints"), href: "/reports/complaints", active: active == "complaints"),
                     Tab(label: req.t("report.tab.satisfaction"), href: "/reports/satisfaction", active: active == "satisfaction"),
                     Tab(label: req.t("report.tab.monthly"), href: "/reports/monthly", active: active == "monthly"),
                     Tab(label: req.t("report.tab.front_desk"), href: "/reports/front-desk", active: false)]
        }
        tabs.append(Tab(label: req.t("report.tab.submissions"), href: "/reports/submissions", active: active == "submissions"))
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        let range = ReportPeriod.last(ReportFilter.defaultDays, endingOn: today)
        let query = { (name: String) in req.query[String.self, at: name] ?? "" }
        let ledTeams = centerWide ? nil : try await OrganizationRepository(db: req.db).teamsLed(by: staff?.id ?? UUID())
        let teams = try await OrganizationRepository(db: req.db).teams().filter { ledTeams?.contains($0.id!) ?? true }
        let agents = try await UserRepository(db: req.db).active(withRole: .agent, limit: 500).filter { agent in
            ledTeams.map { led in agent.teamID.map(led.contains) ?? false } ?? true
        }
        let all = SelectOption(value: "", label: req.t("report.all"), selected: false)
        return ReportForm(
            tabs: tabs, from: filter?.period.from.description ?? (query("from").isEmpty ? range.from.description : query("from")),
            to: filter?.period.to.description ?? (query("to").isEmpty ? range.to.description : query("to")),
            teams: (centerWide ? [all] : []) + teams.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id == filter?.teamID) },
            agents: [all] + agents.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id == filter?.agentID) },
            types: [all] + CaseType.allCases.map { SelectOption(value: $0.rawValue, label: req.t("case.type.\($0.rawValue)"), selected: $0 == filter?.type) },
            channels: [all] + CaseChannel.allCases.map { SelectOption(value: $0.rawValue, label: req.t("case.channel.\($0.rawValue)"), selected: $0 == filter?.channel) },
            csv: csv, maxDays: req.services.rulebook.reports.maxRangeDays, showPeople: people, showType: type, showChannel: channel)
    }
}
