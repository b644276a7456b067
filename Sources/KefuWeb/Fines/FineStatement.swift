import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// A person's monthly statement (月度奖罚结算, ATT-05 "按月计算，跨月不累计"): the month's ledger entries
/// (violations, rewards, complaint deductions) with totals, plus the violations and rewards behind them
/// (a dismissal outcome has no amount but must show).
struct FineStatement: Content {
    struct Entry: Content {
        let id: UUID, amount: String, reason: String, sourceType: String, sourceID: UUID, createdAt: Date
        let recordedByID: UUID?, recordedByName: String
        enum CodingKeys: String, CodingKey {
            case id, amount, reason
            case sourceType = "source_type", sourceID = "source_id", createdAt = "created_at"
            case recordedByID = "recorded_by_id", recordedByName = "recorded_by_name"
        }
        init(_ r: FineLedgerRecord) {
            id = r.id!; amount = r.amount; reason = r.reason; sourceType = r.sourceType; sourceID = r.sourceID; createdAt = r.createdAt
            recordedByID = r.recordedByID; recordedByName = r.recordedByName ?? FinesLedger.systemName
        }
    }

    let userID: UUID, userName: String, month: String
    let entries: [Entry]
    /// Sum of deductions as a positive amount, of rewards, and the net (rewards − deductions).
    let finesTotal: String, rewardsTotal: String, net: String
    let violations: [ViolationResponse]
    let rewards: [RewardResponse]
    /// Whether any violation of the month reached dismissal (开除) and needs the manager's decision.
    let dismissalFlagged: Bool

    enum CodingKeys: String, CodingKey {
        case month, entries, net, violations, rewards
        case userID = "user_id", userName = "user_name", finesTotal = "fines_total", rewardsTotal = "rewards_total"
        case dismissalFlagged = "dismissal_flagged"
    }

    static func build(userID: UUID, month: String, db: any Database, services: AppServices) async throws -> FineStatement {
        guard let person = try await UserRepository(db: db).find(userID) else { throw DomainError.notFound(subject: "user") }
        let rows = try await FinesLedger(db: db, services: services).entries(staffID: userID, month: month)
        let amounts = rows.map { Decimal(string: $0.amount, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }
        let fines = -amounts.filter { $0 < 0 }.reduce(0, +), rewards = amounts.filter { $0 > 0 }.reduce(0, +)
        let violations = try await Violations(db: db, services: services).list(month: month, userID: userID)
        let rewardRows = try await Rewards(db: db, services: services).list(month: month, userID: userID)
        return FineStatement(userID: userID, userName: person.displayName, month: month, entries: rows.map(Entry.init),
                             finesTotal: MoneyInput.text(fines), rewardsTotal: MoneyInput.text(rewards), net: MoneyInput.text(rewards - fines),
                             violations: violations.map(ViolationResponse.init), rewards: rewardRows.map(RewardResponse.init),
                             dismissalFlagged: violations.contains { $0.outcome == "dismissal" })
    }
}
