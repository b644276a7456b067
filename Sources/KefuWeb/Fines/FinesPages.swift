import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaf contexts of the fines and rewards pages (§14), every label resolved in the reader's language.
enum FinesPages {
    struct ViolationRow: Encodable {
        let id: UUID, person: String, userID: UUID, name: String, at: String, occurrence: Int, amount: String, dismissal: Bool, note: String
        let recordedBy: String, paidAt: String?
    }

    struct RewardRow: Encodable { let person: String, userID: UUID, kind: String, amount: String, reason: String, at: String, recordedBy: String }

    struct OverviewPage: Encodable {
        let shell: PageShell
        let month: String, previous: String, next: String
        let canRecord: Bool
        let people: [SelectOption], codes: [SelectOption], kinds: [SelectOption]
        let informantReward: String
        let violations: [ViolationRow], rewards: [RewardRow]
        let values: [String: String]
    }

    struct EntryRow: Encodable { let at: String, kind: String, reason: String, amount: String, negative: Bool, recordedBy: String }

    struct StatementPage: Encodable {
        let shell: PageShell
        let organization: String
        let statement: FineStatement
        let rows: [EntryRow]
        let violations: [ViolationRow]
        let otherRewards: [RewardRow]
        let previous: String, next: String, backHref: String?
    }

    static func neighbours(of month: String) -> (previous: String, next: String) {
        let first = QualityPeriod.firstDay(ofMonth: month) ?? LocalDate(year: 2026, month: 1, day: 1)
        let previous = first.month == 1 ? LocalDate(year: first.year - 1, month: 12, day: 1) : LocalDate(year: first.year, month: first.month - 1, day: 1)
        let next = first.month == 12 ? LocalDate(year: first.year + 1, month: 1, day: 1) : LocalDate(year: first.year, month: first.month + 1, day: 1)
        return (QualityPeriod.month(of: previous), QualityPeriod.month(of: next))
    }

    static func violationRows(_ records: [ViolationRecord], names: [UUID: String], req: Request) -> [ViolationRow] {
        records.map {
            ViolationRow(id: $0.id!, person: names[$0.userID] ?? "", userID: $0.userID, name: $0.nameZh, at: DisplayTime.format($0.occurredAt, req),
                         occurrence: $0.occurrence, amount: $0.amount ?? "", dismissal: $0.outcome == "dismissal", note: $0.note ?? "",
                         recordedBy: recorder($0.recordedByName, req), paidAt: $0.paidAt.map { DisplayTime.format($0, req) })
        }
    }

    static func rewardRows(_ records: [RewardRecord], names: [UUID: String], req: Request) -> [RewardRow] {
        records.map {
            RewardRow(person: names[$0.userID] ?? "", userID: $0.userID, kind: req.t("fines.reward_kind.\($0.kind)"), amount: $0.amount ?? "",
                      reason: $0.reason, at: DisplayTime.format($0.awardedAt, req), recordedBy: $0.recordedByName)
        }
    }

    static func recorder(_ name: String, _ req: Request) -> String {
        name == FinesLedger.systemName ? req.t("fines.recorded_by_system") : name
    }

    /// Display names of the given people in one query.
    static func names(_ ids: [UUID], db: any Database) async throws -> [UUID: String] {
        let users = try await UserRepository(db: db).find(ids: Array(Set(ids)))
        return Dictionary(users.compactMap { u in u.id.map { ($0, u.displayName) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Active staff for the person selects, by name.
    static func people(db: any Database, selected: String?) async throws -> [SelectOption] {
        try await UserRecord.query(on: db).filter(\.$active == true).sort(\.$displayName).limit(500).all().map {
            SelectOption(value: $0.id!.uuidString, label: "\($0.displayName)（\($0.username)）", selected: $0.id!.uuidString == selected)
        }
    }
}
