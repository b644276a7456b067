import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import Vapor

extension Failure {
    /// Translates any thrown error once (STYLE D.3): domain errors by case, decoding errors by kind
    /// (a missing field is `validation_failed`, a wrong type or unknown enum value `bad_request`),
    /// Vapor's own aborts by status. Anything else is a 500 whose details stay in the log.
    static func from(_ error: any Error) -> Failure {
        switch error {
        case let failure as Failure: return failure
        case let domain as DomainError: return from(domain)
        case let decoding as DecodingError: return from(decoding)
        // Two writers raced past a uniqueness check (same username, same name): the loser gets 409.
        case let database as any DatabaseError where database.isConstraintFailure:
            return Failure(status: .conflict, code: "conflict", messageKey: "error.conflict")
        case let abort as any AbortError:
            let status = abort.status
            let key = abort.reason.hasPrefix("error.") ? abort.reason : "error.\(code(for: status))"
            return Failure(status: status, code: code(for: status), messageKey: key)
        default:
            return Failure(status: .internalServerError, code: "internal", messageKey: "error.internal")
        }
    }

    static func from(_ error: DomainError) -> Failure {
        switch error {
        case .notFound:
            return Failure(status: .notFound, code: "not_found", messageKey: "error.not_found")
        case .forbidden(let reason):
            return Failure(status: .forbidden, code: "forbidden", messageKey: reason)
        case .conflict(let reason):
            return Failure(status: .conflict, code: "conflict", messageKey: reason)
        case .staleVersion(let current):
            return Failure(status: .conflict, code: "conflict", messageKey: "error.stale_version", messageArguments: ["\(current)"])
        case .invalidTransition(let from, let to):
            return Failure(status: .conflict, code: "conflict", messageKey: "error.invalid_transition", messageArguments: [from, to])
        case .ruleViolation(let rule, let reason):
            return Failure(status: .unprocessableEntity, code: "rule_violation", messageKey: reason, rule: rule)
        case .validation(let fields):
            return Failure(status: .badRequest, code: "validation_failed", messageKey: "error.validation_failed", fields: fields)
        }
    }

    static func from(_ error: DecodingError) -> Failure {
        func name(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            (path + (key.map { [$0] } ?? [])).map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return Failure(status: .badRequest, code: "validation_failed", messageKey: "error.validation_failed",
                           fields: [name(context.codingPath, key): "error.field.required"])
        case .valueNotFound(_, let context):
            return Failure(status: .badRequest, code: "validation_failed", messageKey: "error.validation_failed",
                           fields: [name(context.codingPath): "error.field.required"])
        case .typeMismatch(_, let context):
            return Failure(status: .badRequest, code: "bad_request", messageKey: "error.wrong_type",
                           messageArguments: [name(context.codingPath)], fields: [name(context.codingPath): "error.field.wrong_type"])
        case .dataCorrupted(let context) where !context.codingPath.isEmpty:
            return Failure(status: .badRequest, code: "bad_request", messageKey: "error.invalid_value",
                           messageArguments: [name(context.codingPath)], fields: [name(context.codingPath): "error.field.invalid_value"])
        default:
            return Failure(status: .badRequest, code: "bad_request", messageKey: "error.malformed_body")
        }
    }
}
