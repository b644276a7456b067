/// Errors every use case may throw; the web edge translates them once (DomainErrorMiddleware):
/// notFound → 404, forbidden → 403, conflict/stale/invalid transition → 409, ruleViolation → 422,
/// validation → 400. Messages are localization keys so that the caller's language is used.
public enum DomainError: Error, Equatable, Sendable {
    case notFound(subject: String)
    case forbidden(reason: String)
    case conflict(reason: String)
    case staleVersion(current: Int)
    case invalidTransition(from: String, to: String)
    /// A rulebook rule refuses the request; `rule` is the rulebook key, `reason` the message key.
    case ruleViolation(rule: String, reason: String)
    /// Field name → message key.
    case validation(fields: [String: String])
}
