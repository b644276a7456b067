import Foundation
import Vapor

extension Request {
    /// A refused form action in the reader's words, for the page shown again: the message, each field's
    /// message under the field's label ("金额：请输入金额，如 1200.50"), and the rule that refused it by
    /// its title (issue 21 §4: no field name or rulebook key in what a person reads) — with the status.
    func refusal(_ error: any Error) -> (message: String, status: HTTPResponseStatus) {
        let failure = Failure.from(error)
        var message = t(failure.messageKey, failure.messageArguments)
        if !failure.fields.isEmpty {
            message += " " + failure.fields.sorted { $0.key < $1.key }.map { fieldMessage($0.key, $0.value) }.joined(separator: "；")
        }
        if let rule = failure.rule, let title = ruleTitle(rule) { message += " (\(t("error.rule_named", [title])))" }
        return (message, failure.status)
    }

    /// "金额：取值无效" — the field by its label; a field with no label gives only its message.
    func fieldMessage(_ field: String, _ messageKey: String) -> String {
        let label = "form.field.\(field)"
        let text = t(messageKey)
        return application.services.localization.has(label, .zhHans) ? t("form.field.labelled", [t(label), text]) : text
    }

    /// A rulebook key by its title in the reader's words, or nil when it has none yet (the key stays in the API).
    func ruleTitle(_ key: String) -> String? {
        let title = "rule_title.\(key)"
        return application.services.localization.has(title, .zhHans) ? t(title) : nil
    }
}
