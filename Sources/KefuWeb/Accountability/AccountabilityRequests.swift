import Foundation
import KefuCore
import KefuDomain
import Vapor

/// `POST /api/v1/accountability-cases`. Fields are optional here so that one 400 lists every missing one.
struct OpenAccountabilityRequest: Content {
    struct Evidence: Content {
        let type: AccountabilityEvidenceKind
        let id: UUID
        let note: String?
    }

    struct Circumstance: Content {
        let kind: AccountabilityCircumstance
        let description: String
    }

    var title: String?
    var origin: AccountabilityOrigin?
    var trigger: AccountabilityTrigger?
    var facts: String?
    var personIDs: [UUID]?
    var departmentID: UUID?
    var investigatorID: UUID?
    var sourceType: String?
    var sourceID: UUID?
    var jointLiability: Bool?
    var evidence: [Evidence]?
    var circumstances: [Circumstance]?

    enum CodingKeys: String, CodingKey {
        case title, origin, trigger, facts, evidence, circumstances
        case personIDs = "person_ids", departmentID = "department_id", investigatorID = "investigator_id"
        case sourceType = "source_type", sourceID = "source_id", jointLiability = "joint_liability"
    }
}

/// The body of every action on a case (each action reads the fields it needs); `version` is optional
/// (or `If-Match`), a stale one → 409.
struct AccountabilityActionRequest: Content {
    var version: Int?
    var personID: UUID?
    var body: String?
    var plan: String?
    var cause: String?
    var solution: String?
    var contingencyPlan: String?
    var facts: String?
    var reasons: String?
    var basis: String?
    var sanctions: [String]?
    var fineAmount: MoneyInput?
    var circumstances: [OpenAccountabilityRequest.Circumstance]?
    var reason: String?
    var outcome: AccountabilityReviewOutcome?
    var comment: String?
    var replacementID: UUID?
    var evidence: [OpenAccountabilityRequest.Evidence]?

    enum CodingKeys: String, CodingKey {
        case version, body, plan, cause, solution, facts, reasons, basis, sanctions, circumstances, reason, outcome, comment, evidence
        case personID = "person_id", contingencyPlan = "contingency_plan", fineAmount = "fine_amount", replacementID = "replacement_id"
    }

    init() {}

    func encode(to encoder: any Encoder) throws {}
}

/// Collects the field errors of one request, so that a 400 names them all (API.md "validation_failed").
struct FieldErrors {
    private(set) var fields: [String: String] = [:]

    /// A required text, trimmed; records "required" or "too long".
    mutating func text(_ value: String?, _ field: String, limit: Int) -> String {
        let text = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { fields[field] = "error.field.required" } else if text.count > limit { fields[field] = "error.field.too_long" }
        return text
    }

    /// An optional text, trimmed, nil when blank.
    mutating func optional(_ value: String?, _ field: String, limit: Int) -> String? {
        guard let text = value?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        if text.count > limit { fields[field] = "error.field.too_long" }
        return text
    }

    mutating func require<T>(_ value: T?, _ field: String) -> T? {
        if value == nil { fields[field] = "error.field.required" }
        return value
    }

    mutating func add(_ field: String, _ key: String) { fields[field] = key }

    func check() throws {
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
    }
}
