import Foundation
import KefuCore
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
    /// (`rulebook.rule.<key>`), a clause under its parent ("请假须提前提出的时间 · 一般事假"), else the
    /// nearest titled parent, else its section ("问责"). A rule ID (SHF-04) is already words and stays.
    /// Nil only for a key outside every section (the key stays in the API and in tooltips).
    func ruleTitle(_ key: String) -> String? {
        if key.range(of: #"^[A-Z]{2,5}-\d+"#, options: .regularExpression) != nil { return key }
        let localization = application.services.localization
        func title(_ key: String) -> String? { localization.has("rulebook.rule.\(key)", .zhHans) ? t("rulebook.rule.\(key)") : nil }
        let parts = key.split(separator: ".").map(String.init)
        if let own = title(key) {
            guard parts.count > 2, let parent = title(parts.dropLast().joined(separator: ".")) else { return own }
            return "\(parent) · \(own)"
        }
        for length in stride(from: parts.count - 1, to: 0, by: -1) {
            if let parent = title(parts.prefix(length).joined(separator: ".")) { return parent }
        }
        return parts.first.flatMap { localization.has("rulebook.section.\($0)", .zhHans) ? t("rulebook.section.\($0)") : nil }
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
