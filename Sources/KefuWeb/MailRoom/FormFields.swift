import Foundation
import KefuCore
import KefuDomain

/// Collects field errors of one form (400 `validation_failed` with every bad field at once).
struct FormFields {
    var errors: [String: String] = [:]

    /// A required text, trimmed; blank or longer than `limit` is an error on `field`.
    mutating func required(_ value: String?, _ field: String, limit: Int) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { errors[field] = "error.field.required" } else if trimmed.count > limit { errors[field] = "error.field.too_long" }
        return trimmed
    }

    /// An optional text, trimmed; blank → nil.
    mutating func optional(_ value: String?, _ field: String, limit: Int) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > limit { errors[field] = "error.field.too_long" }
        return trimmed.isEmpty ? nil : trimmed
    }

    /// An on-screen signature: a PNG data URL of bounded size, or nothing.
    mutating func signature(_ value: String?, _ field: String) -> String? {
        guard let value, !value.isEmpty else { return nil }
        if !value.hasPrefix("data:image/png;base64,") { errors[field] = "error.field.signature" } else if value.count > 200_000 { errors[field] = "error.field.too_long" }
        return value
    }

    func check() throws { if !errors.isEmpty { throw DomainError.validation(fields: errors) } }
}
