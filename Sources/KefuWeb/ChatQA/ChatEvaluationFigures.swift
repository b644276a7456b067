import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// Issue 9 in the monthly evaluation (PRM-18): the customers' 1–5 chat ratings averaged per agent, the CHN-16
/// chat breaches (added to the breaches the score deducts), and the ORG-08/09/11 typing figures (the month's
/// best test is the evaluation's typing speed unless a manager records another).
struct ChatEvaluationFigures {
    let db: any Database
    let services: AppServices

    struct Figures: Sendable { var rating: Double?; var ratings = 0; var breaches = 0; var typing = TypingSamples.Figures() }

    func of(month: String) async throws -> [UUID: Figures] {
        guard let first = QualityPeriod.firstDay(ofMonth: month) else { return [:] }
        let calendar = services.rulebook.calendar
        var result: [UUID: Figures] = [:]
        if let sql = db as? any SQLDatabase {
            // Chats ended in the month (on `chats_ended`), rated, per agent.
            let rows = try await sql.select().column("agent_id")
                .column(SQLRaw("CAST(SUM(rating) AS BIGINT)"), as: "total").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(ChatRecord.schema).where("state", .equal, SQLBind(ChatState.ended.rawValue))
                .where("ended_at", .greaterThanOrEqual, SQLBind(calendar.startOfDay(first)))
                .where("ended_at", .lessThan, SQLBind(calendar.startOfDay(QualityPeriod.nextMonth(first))))
                .where("rating", .isNot, SQLLiteral.null).where("agent_id", .isNot, SQLLiteral.null)
                .groupBy("agent_id").all()
            for row in rows {
                let agent = try row.decode(column: "agent_id", as: UUID.self)
                let total = try row.decode(column: "total", as: Int.self), count = try row.decode(column: "n", as: Int.self)
                result[agent, default: Figures()].ratings = count
                result[agent, default: Figures()].rating = count > 0 ? (Double(total) / Double(count) * 100).rounded() / 100 : nil
            }
        }
        for (agent, count) in try await ChatBreaches(db: db, services: services).countByAgent(month: month) {
            result[agent, default: Figures()].breaches = count
        }
        for (user, typing) in try await TypingSamples(db: db, services: services).figures(month: month) {
            result[user, default: Figures()].typing = typing
        }
        return result
    }

    /// Writes the figures into an evaluation row before it is scored.
    static func apply(_ figures: Figures?, to row: MonthlyEvaluationRecord) {
        guard let figures else { return }
        row.chatRating = figures.rating
        row.chatRatings = figures.ratings
        row.chatBreaches = figures.breaches
        row.breaches += figures.breaches
        row.typingTestBest = figures.typing.testBest
        row.typingConsoleAverage = figures.typing.consoleAverage
        if row.typingSpeed == nil { row.typingSpeed = figures.typing.testBest }
    }
}
