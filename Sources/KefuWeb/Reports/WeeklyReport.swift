import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// The day-shift leader's daily and weekly report (RPT-04: consultation, query and proactive-service
/// workload per day) with the CS director's weekly statistics (RPT-02: accepted 受理, supervised 督办,
/// feedback 反馈 = resolved with the result given back, return visits 回访). One row per day of the week.
struct WeeklyReport: Content {
    struct Day: Content {
        let day: String, weekday: String
        let consultation: Int, query: Int, proactive: Int, other: Int
        let accepted: Int, supervised: Int, feedback: Int, returnVisits: Int
        enum CodingKeys: String, CodingKey {
            case day, weekday, consultation, query, proactive, other, accepted, supervised, feedback
            case returnVisits = "return_visits"
        }
    }

    let weekStart: String, weekEnd: String
    let days: [Day]
    let total: Day

    enum CodingKeys: String, CodingKey { case days, total, weekStart = "week_start", weekEnd = "week_end" }

    /// `filter.period` is the week (Monday to Sunday); team and channel narrow the case counts.
    static func build(_ filter: ReportFilter, req: Request) async throws -> WeeklyReport {
        let repository = CaseStatsRepository(db: req.db)
        var slice = filter.slice
        let all = Dictionary(try await repository.sums(slice, by: .day).map { ($0.key, $0.tally) }, uniquingKeysWith: +)
        var byKind: [CaseType: [String: Int]] = [:]
        for type in [CaseType.consultation, .query, .proactive] {
            slice.type = type.rawValue
            byKind[type] = Dictionary(try await repository.sums(slice, by: .day).map { ($0.key, $0.tally.opened) }, uniquingKeysWith: +)
        }
        let calendar = req.services.rulebook.calendar
        var days: [Day] = []
        var date = filter.period.from
        while date <= filter.period.to {
            let key = date.description, tally = all[key] ?? CaseTally()
            let start = calendar.startOfDay(date), end = calendar.startOfDay(QualityPeriod.adding(1, to: date))
            let visits = try await Self.visitsDone(from: start, to: end, filter, db: req.db)
            let kinds = [CaseType.consultation, .query, .proactive].map { byKind[$0]?[key] ?? 0 }
            days.append(Day(day: key, weekday: req.t("weekday.\(calendar.weekday(of: date).key)"), consultation: kinds[0], query: kinds[1],
                            proactive: kinds[2], other: tally.opened - kinds.reduce(0, +), accepted: tally.opened, supervised: tally.escalated,
                            feedback: tally.resolved, returnVisits: visits))
            date = QualityPeriod.adding(1, to: date)
        }
        func sum(_ path: KeyPath<Day, Int>) -> Int { days.reduce(0) { $0 + $1[keyPath: path] } }
        let total = Day(day: "total", weekday: req.t("report.total"), consultation: sum(\.consultation), query: sum(\.query), proactive: sum(\.proactive),
                        other: sum(\.other), accepted: sum(\.accepted), supervised: sum(\.supervised), feedback: sum(\.feedback), returnVisits: sum(\.returnVisits))
        return WeeklyReport(weekStart: filter.period.from.description, weekEnd: filter.period.to.description, days: days, total: total)
    }

    /// Return visits done in `from..<to`; narrowed to the cases of the filter's team, agent or channel
    /// when it has one (a team leader sees their own teams' visits only).
    static func visitsDone(from: Date, to: Date, _ filter: ReportFilter, db: any Database) async throws -> Int {
        guard filter.teamID != nil || filter.agentID != nil || filter.channel != nil else {
            return try await ReturnVisitRecord.query(on: db).filter(\.$doneAt >= from).filter(\.$doneAt < to).count()
        }
        var query: SQLQueryString = """
            SELECT CAST(COUNT(*) AS BIGINT) AS n FROM return_visits v JOIN cases c ON c.id = v.case_id
            WHERE v.done_at >= \(bind: from) AND v.done_at < \(bind: to)
            """
        if let teamID = filter.teamID { query.appendInterpolation(unsafeRaw: " AND c.team_id = "); query.appendInterpolation(bind: teamID) }
        if let agentID = filter.agentID { query.appendInterpolation(unsafeRaw: " AND c.owner_id = "); query.appendInterpolation(bind: agentID) }
        if let channel = filter.channel { query.appendInterpolation(unsafeRaw: " AND c.channel = "); query.appendInterpolation(bind: channel.rawValue) }
        return try await (db as! any SQLDatabase).raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func csv(_ report: WeeklyReport) -> String {
        let rows = (report.days + [report.total]).map { d in
            [d.day, "\(d.consultation)", "\(d.query)", "\(d.proactive)", "\(d.other)", "\(d.accepted)", "\(d.supervised)", "\(d.feedback)", "\(d.returnVisits)"]
        }
        return CSVText.render(header: ["day", "consultation", "query", "proactive", "other", "accepted", "supervised", "feedback", "return_visits"], rows: rows)
    }
}
