import Foundation
import KefuCore
import KefuDomain
import Vapor

/// Hospital mode is a rulebook switch (`hospital.enabled`): when it is off the hospital pages and routes
/// do not exist for anyone (404), and no link points to them.
extension Request {
    var hospitalEnabled: Bool { services.rulebook.hospital.enabled }

    /// The hospital rules, or 404 when the mode is off.
    func requireHospital() throws -> HospitalRules {
        guard hospitalEnabled else { throw DomainError.notFound(subject: "hospital") }
        return services.rulebook.hospital
    }

    /// The name of a rulebook option in the caller's language.
    func hospitalName(_ option: HospitalRules.Option?) -> String {
        guard let option else { return "" }
        return language == .en ? option.nameEn : option.nameZh
    }

    func hospitalName(_ department: HospitalRules.Department?) -> String {
        guard let department else { return "" }
        return language == .en ? department.nameEn : department.nameZh
    }
}

/// Trimmed optional text with a length limit, collecting field errors (shared by the hospital use cases).
struct HospitalFields {
    var errors: [String: String] = [:]

    mutating func optional(_ value: String?, _ field: String, limit: Int = 500) -> String? {
        let trimmed = value?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if trimmed.count > limit { errors[field] = "error.field.too_long" }
        return trimmed.isEmpty ? nil : trimmed
    }

    mutating func required(_ value: String?, _ field: String, limit: Int = 500) -> String {
        let text = optional(value, field, limit: limit)
        if text == nil { errors[field] = "error.field.required" }
        return text ?? ""
    }

    /// HOS-09: an answer never says "不知道"; the desk refers the question to a department instead.
    static func checkPhrases(_ texts: [String?], rules: HospitalRules) throws {
        for text in texts.compactMap({ $0 }) where rules.forbiddenPhrase(in: text) != nil {
            throw DomainError.ruleViolation(rule: "hospital.forbidden_phrases", reason: "error.hospital.forbidden_phrase")
        }
    }

    func check() throws {
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
    }
}
