import Foundation
import Vapor

extension Request {
    /// A refused form action in the reader's words, for the page shown again: the message, each field's
    /// message under the field's label ("金额：请输入金额，如 1200.50"), and the rule that refused it by
    /// its title (issue 21 §4: no field name or rulebook key in what a person reads) — with the status.
    func refusal(_ error: any Error) -> (message: String, status: HTTPResponseStatus) {
        let failure = Failure.from(error)
        var message = t(failure.messageKey, failure.messageArguments)
        // Issue 21 §7: the page shown again lists each refused field at the top, linked to the field.
        storage[FormRefusal.Key.self] = FormRefusal(
            summary: message + (failure.rule.flatMap(ruleTitle).map { " (\(t("error.rule_named", [$0])))" } ?? ""),
            fields: failure.fields.sorted { $0.key < $1.key }.map { name, key in
                FormRefusal.Field(name: name, anchor: "#field-\(name)", message: t(key), text: fieldMessage(name, key))
            })
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

    /// A rulebook key by its title in the reader's words — the titles the staff's rulebook document uses
    /// (`rulebook.rule.<key>`), a clause under its parent ("请假须提前提出的时间 · 一般事假") — or nil when
    /// it has none (the key stays in the API and in tooltips).
    func ruleTitle(_ key: String) -> String? {
        let localization = application.services.localization
        func title(_ key: String) -> String? { localization.has("rulebook.rule.\(key)", .zhHans) ? t("rulebook.rule.\(key)") : nil }
        guard let own = title(key) else { return nil }
        let parts = key.split(separator: ".")
        guard parts.count > 2, let parent = title(parts.dropLast().joined(separator: ".")) else { return own }
        return "\(parent) · \(own)"
    }
}

/// A refusal's parts for the layout: the summary line and each field with its message (issue 21 §7).
struct FormRefusal: Sendable {
    struct Field: Encodable, Sendable {
        let name: String
        let anchor: String
        let message: String
        let text: String
    }

    enum Key: StorageKey { typealias Value = FormRefusal }

    let summary: String
    let fields: [Field]
}
