import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// ORG-08/09/11 typing samples: the typing test page and the chat console post what the agent typed (never
/// what was pasted); the monthly evaluation takes the month's best test and the console's average.
struct TypingSamples {
    let db: any Database
    let services: AppServices

    /// Stores one sample of `userID` (the caller itself); out-of-bounds figures → 400, nothing stored.
    func record(userID: UUID, source: String?, characters: Int?, milliseconds: Int?) async throws -> TypingSampleRecord {
        switch TypingSample.speed(source: source, characters: characters, milliseconds: milliseconds) {
        case .failure(let problems):
            throw DomainError.validation(fields: problems.fields)
        case .success(let (source, speed)):
            let now = services.now()
            let record = TypingSampleRecord()
            record.userID = userID; record.source = source.rawValue; record.typedChars = characters!; record.typedMs = milliseconds!
            record.speed = speed; record.month = QualityPeriod.month(of: services.rulebook.calendar.localDate(of: now)); record.at = now
            try await record.create(on: db)
            return record
        }
    }

    struct Figures: Sendable, Equatable { var testBest: Int?; var consoleAverage: Int? }

    /// The month's figures per person: best test speed; console speed over all console samples together
    /// (characters over time, so a long stretch of typing counts more than a short one).
    func figures(month: String, userID: UUID? = nil) async throws -> [UUID: Figures] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        var select = sql.select().column("user_id").column("source")
            .column(SQLFunction("MAX", args: SQLIdentifier("speed")), as: "best")
            .column(SQLRaw("CAST(SUM(typed_chars) AS BIGINT)"), as: "chars")
            .column(SQLRaw("CAST(SUM(typed_ms) AS BIGINT)"), as: "ms")
            .from(TypingSampleRecord.schema).where("month", .equal, SQLBind(month))
        if let userID { select = select.where("user_id", .equal, SQLBind(userID)) }
        var result: [UUID: Figures] = [:]
        for row in try await select.groupBy("user_id").groupBy("source").all() {
            let user = try row.decode(column: "user_id", as: UUID.self)
            var figures = result[user] ?? Figures()
            if try row.decode(column: "source", as: String.self) == TypingSample.Source.test.rawValue {
                figures.testBest = try row.decode(column: "best", as: Int.self)
            } else {
                let chars = try row.decode(column: "chars", as: Int.self), ms = try row.decode(column: "ms", as: Int.self)
                figures.consoleAverage = ms > 0 ? Int((Double(chars) * 60_000 / Double(ms)).rounded(.down)) : nil
            }
            result[user] = figures
        }
        return result
    }

    /// The person's latest samples of `month` (the test page).
    func latest(userID: UUID, month: String, limit: Int = 5) async throws -> [TypingSampleRecord] {
        try await TypingSampleRecord.query(on: db).filter(\.$userID == userID).filter(\.$month == month)
            .sort(\.$at, .descending).limit(limit).all()
    }
}
