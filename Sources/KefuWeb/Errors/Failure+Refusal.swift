import Foundation
import Vapor

extension Request {
    /// A refused form action in the reader's words, for the page shown again: the message, the field
    /// messages, and the rulebook key when a rule refused it — with the status to answer.
    func refusal(_ error: any Error) -> (message: String, status: HTTPResponseStatus) {
        let failure = Failure.from(error)
        var message = t(failure.messageKey, failure.messageArguments)
        if !failure.fields.isEmpty { message += " " + failure.fields.map { "\($0.key): \(t($0.value))" }.sorted().joined(separator: " ") }
        if let rule = failure.rule { message += " (\(t("error.rule_named", [rule])))" }
        return (message, failure.status)
    }
}
