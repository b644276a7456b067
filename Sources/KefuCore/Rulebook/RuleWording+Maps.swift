import Foundation
import KefuDomain

extension RuleWording {
    /// A map with the schema's fixed keys. The few forms that read better as a sentence (the week, a duty's
    /// schedule, the visitor cards, a scorecard criterion, a fine) are told as one; any other map part by part.
    package func fields(_ parts: [RuleField], key: String, part: String) -> String {
        let names = Set(parts.map(\.name))
        let value = RuleValue.fields(parts)
        if key == "calendar.week" { return week(parts) }
        if names == ["enabled", "due", "weekdays"] { return dutySchedule(value) }
        if names.isSuperset(of: ["prefix", "first", "last", "digits"]) { return badgePool(value) }
        if names.isSuperset(of: ["form", "weight", "max_score"]) { return criterion(value, key: key) }
        if names.isSuperset(of: ["amounts", "after_last"]) { return fine(value, key: key) }
        if names.isSuperset(of: ["name_zh", "name_en"]) { return named(value, key: key) }
        return parts.map { field in
            // A part named by a category (低 / 普通 …, 试用期 / 初级 …) maps the category to the key's own kind of
            // value (低：5 个工作日, 初级：每分钟 30 字); any other part is a quantity of its own (月薪 1800 元).
            if let category = label(field.name, key: key) {
                return t("rulebook.pair", [category, words(field.value, key: key, part: part)])
            }
            return t("rulebook.part", [partLabel(field.name, key: key), words(field.value, key: key, part: field.name)])
        }.joined(separator: t("rulebook.join.parts"))
    }

    /// A map whose keys the organization chose: `label：value` per key, or the names of named options
    /// (consultation channels: 电话、商务通、QQ).
    package func entries(_ parts: [RuleField], key: String, part: String) -> String {
        guard !parts.isEmpty else { return empty(key) }
        if parts.allSatisfy({ ownName($0.value) != nil }) {
            return parts.map { named($0.value, key: key) }.joined(separator: t("rulebook.join.list"))
        }
        return parts.map { entry in
            t("rulebook.pair", [partLabel(entry.name, key: key), words(entry.value, key: key, part: part)])
        }.joined(separator: t("rulebook.join.parts"))
    }

    /// The label of a map key or a part's name: the product's label, else `rulebook.field.…`, else as written.
    package func partLabel(_ name: String, key: String) -> String {
        if let label = label(name, key: key) { return label }
        return has("rulebook.field.\(name)") ? t("rulebook.field.\(name)") : humanized(name)
    }

    /// SEC-19: 每天 08:50 前; an alternative not in use: 不启用（备选：每天 13:30 前）.
    package func dutySchedule(_ value: RuleValue) -> String {
        var days: [Weekday] = []
        if case .list(let items)? = value.field("weekdays") {
            days = items.compactMap { item -> Weekday? in
                guard case .word(let key) = item else { return nil }
                return Weekday(key: key)
            }
        }
        let when = days.isEmpty ? t("rulebook.every_day") : weekdays(days)
        var due = ""
        if case .time(let time)? = value.field("due") { due = time.description }
        let enabled = value.field("enabled") == .flag(true)
        return t(enabled ? "rulebook.duty.on" : "rulebook.duty.off", [when, due])
    }

    /// FDA-03: V001 至 V200（共 200 张）.
    package func badgePool(_ value: RuleValue) -> String {
        guard case .text(let prefix)? = value.field("prefix"), case .integer(let first)? = value.field("first"),
              case .integer(let last)? = value.field("last"), case .integer(let digits)? = value.field("digits") else { return "" }
        func code(_ number: Int) -> String {
            let text = String(number)
            return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        return t("rulebook.badge_pool", [code(first), code(last), String(last - first + 1)])
    }

    /// QA-03: 服务质量综合考评（通话）；权重 20%；满分 10 分.
    package func criterion(_ value: RuleValue, key: String) -> String {
        var form = ""
        if case .word(let word)? = value.field("form") { form = t("qa.form.\(word)") }
        let weight = value.field("weight").map { words($0, key: key, part: "weight") } ?? ""
        let scale = value.field("max_score").map { words($0, key: key, part: "max_score") } ?? ""
        return t("rulebook.criterion", [form, weight, scale])
    }

    /// ATT-05/ATT-10: 依次罚 10 元、20 元；此后每次 20 元 — or 再犯予以辞退.
    package func fine(_ value: RuleValue, key: String) -> String {
        guard case .list(let items)? = value.field("amounts") else { return "" }
        let amounts = items.map { words($0, key: key, part: "amounts") }
        var told = [amounts.count == 1 ? t("rulebook.fine.each", amounts)
                    : t("rulebook.fine.in_turn", [amounts.joined(separator: t("rulebook.join.list"))])]
        if value.field("after_last") == .word("dismissal") {
            told.append(t("rulebook.fine.dismissal"))
        } else if amounts.count > 1, let last = amounts.last {
            told.append(t("rulebook.fine.repeat_last", [last]))
        }
        return told.joined(separator: t("rulebook.join.parts"))
    }

    /// A named option (HOS): its name in this language, a department with its experts.
    package func named(_ value: RuleValue, key: String) -> String {
        let name = ownName(value) ?? ""
        guard case .list(let experts)? = value.field("experts"), !experts.isEmpty else { return name }
        return t("rulebook.with_experts", [name, list(experts, key: key, part: "experts")])
    }
}
