import Foundation

/// What an approver writes with a decision. A rejection must say why (the requester has to know what to
/// change); any comment is at most `maxLength` characters. The API, the approval page and the inbox row all
/// check it here, so the three never disagree.
public enum ApprovalComment {
    public static let maxLength = 1000

    /// The trimmed comment (nil when blank), or a validation error on the `comment` field.
    public static func check(_ raw: String?, for decision: ApprovalDecision) throws -> String? {
        let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if decision == .reject, text.isEmpty { throw DomainError.validation(fields: ["comment": "error.field.required"]) }
        if text.count > maxLength { throw DomainError.validation(fields: ["comment": "error.field.too_long"]) }
        return text.isEmpty ? nil : text
    }
}
