import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Recording rewards (奖励, ATT-17, ATT-26): a bonus or an informant's reward (检举奖励, paid at once) lands in
/// the fines ledger as a positive entry; an honour certificate or a promotion opportunity is recorded
/// with an optional amount. Every reward names who recorded it (ATT-25).
struct Rewards {
    let db: any Database
    let services: AppServices

    static let subjectType = "reward"
    static let reasonLimit = 1_000

    struct Input {
        var userID: UUID?
        var kind: RewardKind?
        var amount: Decimal?
        var reason: String?
    }

    func record(_ input: Input, by staff: StaffUser) async throws -> RewardRecord {
        var errors = FieldErrors()
        let userID = errors.require(input.userID, "user_id")
        let kind = errors.require(input.kind, "kind")
        let reason = errors.text(input.reason, "reason", limit: Self.reasonLimit)
        // ATT-17: the informant's reward defaults to the rulebook's amount.
        let amount = input.amount ?? (kind == .informant ? services.rulebook.fines.informantReward : nil)
        if let amount, amount < 0 || (amount == 0 && kind?.isMoney == true) { errors.add("amount", "error.fines.amount_positive") }
        if amount == nil, kind?.isMoney == true { errors.add("amount", "error.field.required") }
        try errors.check()
        return try await db.transaction { db in
            let person = try await Violations.activePerson(userID!, db: db)
            let now = services.now().roundedToMilliseconds
            let month = FinesLedger.month(of: now, services: services)
            let record = RewardRecord()
            record.id = services.newID()
            record.userID = userID!
            record.kind = kind!.rawValue
            record.amount = amount.map(MoneyInput.text)
            record.reason = reason
            record.month = month
            record.awardedAt = now
            record.recordedByID = staff.id
            record.recordedByName = staff.displayName
            record.rulebookVersion = services.rulebook.versionShort
            try await record.create(on: db)
            if let amount, amount > 0 {
                try await FinesLedger(db: db, services: services).append(
                    staffID: person.id!, amount: amount, reason: reason, sourceType: Self.subjectType, sourceID: record.id!, month: month,
                    recordedByID: staff.id, recordedByName: staff.displayName)
            }
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "fines.reward_recorded", subjectType: Self.subjectType,
                subjectID: record.id!, summary: "\(person.username) \(kind!.rawValue) \(record.amount ?? "")",
                ruleKey: kind == .informant ? "fines.informant_reward" : nil, rulebookVersion: services.rulebook.versionShort))
            try await Notifier(db: db, services: services).notify([person.id!], Notifier.Notice(
                kind: "fines.reward", titleKey: "notice.fines_reward", titleArgument: reason,
                link: "/fines/statement?month=\(month)", subjectType: Self.subjectType, subjectID: record.id!,
                dedupeKey: "fines.reward.\(record.id!)"))
            return record
        }
    }

    /// Rewards of a month, newest first, optionally of one person.
    func list(month: String, userID: UUID?) async throws -> [RewardRecord] {
        var query = RewardRecord.query(on: db).filter(\.$month == month)
        if let userID { query = query.filter(\.$userID == userID) }
        return try await query.sort(\.$awardedAt, .descending).limit(500).all()
    }
}
