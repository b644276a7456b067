import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// RTV-06: every Monday before 18:00 the station submits the week's satisfaction analysis to the CS
/// director. The scheduler marks the week as generated and delivers it to the inbox; the figures are
/// counted on demand from indexed ranges of one week (never a scan of all visits).
struct ReturnVisitWeeks {
    let db: any Database
    let services: AppServices

    struct Stats: Content {
        let weekStart: String, weekEnd: String
        let opened: Int, done: Int, unreachable: Int, overdueNow: Int
        /// RTV-02: visited (done or unreachable) of those opened, in percent; the target is the rulebook's.
        let ratePercent: Int, targetPercent: Int
        let satisfied: Int, average: Int, unsatisfied: Int
        /// SAT-05: per item, the count of each level (best first).
        let items: [Item]
        /// RTV-05: what customers said this week (latest first, at most 50).
        let comments: [String]

        struct Item: Content { let item: String; let counts: [Int] }

        enum CodingKeys: String, CodingKey {
            case opened, done, unreachable, satisfied, average, unsatisfied, items, comments
            case weekStart = "week_start", weekEnd = "week_end", overdueNow = "overdue_now", ratePercent = "rate_percent", targetPercent = "target_percent"
        }
    }

    /// The Monday starting the week that contains `day`.
    static func monday(of day: LocalDate, calendar: BusinessCalendar) -> LocalDate {
        var date = day
        while calendar.weekday(of: date) != .monday {
            date = calendar.localDate(of: calendar.startOfDay(date).addingTimeInterval(-12 * 3_600))
        }
        return date
    }

    /// The scheduled job: once the week is over, generate last week's analysis and deliver it (idempotent).
    @discardableResult
    func openDue(now: Date) async throws -> String? {
        let calendar = services.rulebook.calendar
        let thisMonday = Self.monday(of: calendar.localDate(of: now), calendar: calendar)
        let lastMonday = calendar.localDate(of: calendar.startOfDay(thisMonday).addingTimeInterval(-6.5 * 86_400))
        let key = lastMonday.description
        if try await ReturnVisitWeekRecord.query(on: db).filter(\.$weekStart == key).first() != nil { return nil }
        try await db.transaction { db in
            let row = ReturnVisitWeekRecord()
            row.weekStart = key
            row.generatedAt = now
            try await row.create(on: db)
            try await Notifier(db: db, services: services).notify(role: services.rulebook.returnVisits.unresolvedFeedbackTo, departmentID: nil, Notifier.Notice(
                kind: "return_visit.weekly", titleKey: "notice.return_visit_weekly", titleArgument: key, link: "/return-visits/weekly?week=\(key)",
                subjectType: "return_visit_week", subjectID: row.id!, dedupeKey: "return_visit_week:\(key)"))
        }
        return key
    }

    func stats(weekStart: LocalDate) async throws -> Stats {
        let calendar = services.rulebook.calendar
        let from = calendar.startOfDay(weekStart)
        let to = calendar.startOfDay(calendar.localDate(of: from.addingTimeInterval(7.5 * 86_400)))
        let opened = try await ReturnVisitRecord.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to).count()
        func finished(_ state: ReturnVisitState, _ satisfaction: ReturnVisitSatisfaction? = nil) async throws -> Int {
            var query = ReturnVisitRecord.query(on: db).filter(\.$doneAt >= from).filter(\.$doneAt < to).filter(\.$state == state.rawValue)
            if let satisfaction { query = query.filter(\.$satisfaction == satisfaction.rawValue) }
            return try await query.count()
        }
        let done = try await finished(.done), unreachable = try await finished(.unreachable)
        let overdue = try await ReturnVisitRecord.query(on: db).filter(\.$state == ReturnVisitState.open.rawValue)
            .filter(\.$dueAt < services.now()).count()
        let scale = services.rulebook.surveys.scale
        var items: [Stats.Item] = []
        for item in SurveyAnswers.items {
            var counts: [Int] = []
            for level in scale.levels {
                let query = SurveyRecord.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to)
                let filtered: QueryBuilder<SurveyRecord> = switch item {
                case "attitude": query.filter(\.$attitude == level)
                case "technical": query.filter(\.$technical == level)
                case "arrival_time": query.filter(\.$arrivalTime == level)
                default: query.filter(\.$promise == level)
                }
                counts.append(try await filtered.count())
            }
            items.append(.init(item: item, counts: counts))
        }
        let comments = try await SurveyRecord.query(on: db).filter(\.$createdAt >= from).filter(\.$createdAt < to).filter(\.$comment != nil)
            .sort(\.$createdAt, .descending).limit(50).all().compactMap(\.comment)
        let visitNotes = try await ReturnVisitRecord.query(on: db).filter(\.$doneAt >= from).filter(\.$doneAt < to).filter(\.$note != nil)
            .sort(\.$doneAt, .descending).limit(50).all().compactMap(\.note)
        return Stats(weekStart: weekStart.description, weekEnd: calendar.localDate(of: to.addingTimeInterval(-3_600)).description,
                     opened: opened, done: done, unreachable: unreachable, overdueNow: overdue,
                     ratePercent: opened == 0 ? 100 : min(100, (done + unreachable) * 100 / opened),
                     targetPercent: services.rulebook.returnVisits.targetRatePercent,
                     satisfied: try await finished(.done, .satisfied), average: try await finished(.done, .average),
                     unsatisfied: try await finished(.done, .unsatisfied), items: items, comments: Array((comments + visitNotes).prefix(50)))
    }

    /// The analysis as CSV (one line per figure), for the 中心服务分析例会 copies.
    static func csv(_ stats: Stats, levels: [String]) -> String {
        var lines = ["figure,value", "week_start,\(stats.weekStart)", "week_end,\(stats.weekEnd)", "opened,\(stats.opened)", "done,\(stats.done)",
                     "unreachable,\(stats.unreachable)", "overdue_now,\(stats.overdueNow)", "rate_percent,\(stats.ratePercent)",
                     "target_percent,\(stats.targetPercent)", "satisfied,\(stats.satisfied)", "average,\(stats.average)", "unsatisfied,\(stats.unsatisfied)"]
        for item in stats.items { for (level, count) in zip(levels, item.counts) { lines.append("\(item.item).\(level),\(count)") } }
        for comment in stats.comments { lines.append("comment,\"\(comment.replacingOccurrences(of: "\"", with: "\"\""))\"") }
        return lines.joined(separator: "\n") + "\n"
    }
}
