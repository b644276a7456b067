import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// SAT-10: customer satisfaction is the yardstick of the service level, so the dashboard of the center-wide
/// report readers shows it beside today's workload and this month's return-visit rate — read from the
/// maintained aggregates (survey month rows, the daily case roll-up) and two indexed month counts.
struct CenterKPIs: Encodable {
    /// Survey points of the month in percent of the maximum (nil before the first survey).
    let satisfactionPercent: Int?
    let surveys: Int
    let openedToday: Int, breachedToday: Int
    let visitRatePercent: Int, visitTargetPercent: Int
    let month: String

    static func load(_ req: Request) async throws -> CenterKPIs {
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let month = QualityPeriod.month(of: today)
        let rows = try await SurveyPersonMonthRecord.query(on: req.db).filter(\.$month == month).limit(20_000).all()
        let points = rows.reduce(0) { $0 + $1.points }, maximum = rows.reduce(0) { $0 + $1.maxPoints }
        let day = today.description
        let tally = try await CaseStatsRepository(db: req.db).sums(.init(from: day, to: day), by: .day).first?.tally ?? CaseTally()
        let start = calendar.startOfDay(LocalDate(year: today.year, month: today.month, day: 1))
        let opened = try await ReturnVisitRecord.query(on: req.db).filter(\.$createdAt >= start).count()
        let visited = try await ReturnVisitRecord.query(on: req.db).filter(\.$doneAt >= start).count()
        return CenterKPIs(satisfactionPercent: maximum == 0 ? nil : points * 100 / maximum, surveys: rows.reduce(0) { $0 + $1.surveys },
                          openedToday: tally.opened, breachedToday: tally.breached,
                          visitRatePercent: opened == 0 ? 100 : min(100, visited * 100 / opened),
                          visitTargetPercent: req.services.rulebook.returnVisits.targetRatePercent, month: month)
    }
}
