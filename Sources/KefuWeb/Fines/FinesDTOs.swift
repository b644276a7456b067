import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/violations`: `occurred_at` defaults to now.
struct RecordViolationRequest: Content {
    var userID: UUID?
    var code: String?
    var occurredAt: Date?
    var note: String?

    enum CodingKeys: String, CodingKey {
        case code, note
        case userID = "user_id", occurredAt = "occurred_at"
    }
}

/// `POST /api/v1/rewards`: `amount` is a decimal string or number (informant rewards default to the rulebook's).
struct RecordRewardRequest: Decodable, Sendable {
    var userID: UUID?
    var kind: RewardKind?
    var amount: MoneyInput?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case kind, amount, reason
        case userID = "user_id"
    }
}

struct ViolationResponse: Content {
    let id: UUID, userID: UUID, code: String, name: String, occurredAt: Date, month: String, occurrence: Int
    /// `fine` or `dismissal` (开除, for the manager to decide).
    let outcome: String
    let amount: String?, note: String?, recordedByID: UUID?, recordedByName: String, rulebookVersion: String
    /// ATT-05: when the fine was paid (nil while unpaid or for a dismissal).
    let paidAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, code, name, month, occurrence, outcome, amount, note
        case userID = "user_id", occurredAt = "occurred_at", recordedByID = "recorded_by_id", recordedByName = "recorded_by_name"
        case rulebookVersion = "rulebook_version", paidAt = "paid_at"
    }

    init(_ r: ViolationRecord) {
        id = r.id!; userID = r.userID; code = r.code; name = r.nameZh; occurredAt = r.occurredAt; month = r.month
        occurrence = r.occurrence; outcome = r.outcome; amount = r.amount; note = r.note; recordedByID = r.recordedByID
        recordedByName = r.recordedByName; rulebookVersion = r.rulebookVersion; paidAt = r.paidAt
    }
}

struct RewardResponse: Content {
    let id: UUID, userID: UUID, kind: String, amount: String?, reason: String, month: String, awardedAt: Date
    let recordedByID: UUID, recordedByName: String

    enum CodingKeys: String, CodingKey {
        case id, kind, amount, reason, month
        case userID = "user_id", awardedAt = "awarded_at", recordedByID = "recorded_by_id", recordedByName = "recorded_by_name"
    }

    init(_ r: RewardRecord) {
        id = r.id!; userID = r.userID; kind = r.kind; amount = r.amount; reason = r.reason; month = r.month; awardedAt = r.awardedAt
        recordedByID = r.recordedByID; recordedByName = r.recordedByName
    }
}

/// One catalogue entry as the forms and `GET /api/v1/violation-catalogue` show it.
struct CatalogueItemResponse: Content {
    let code: String, name: String, amounts: [String], afterLast: String

    enum CodingKeys: String, CodingKey {
        case code, name, amounts
        case afterLast = "after_last"
    }

    static func all(_ rules: FineRules) -> [CatalogueItemResponse] {
        rules.catalogue.values.sorted { $0.code < $1.code }.map {
            CatalogueItemResponse(code: $0.code, name: $0.nameZh, amounts: $0.amounts.map(MoneyInput.text), afterLast: $0.afterLast.rawValue)
        }
    }
}
