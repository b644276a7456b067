import Foundation
import KefuDomain

/// Tells the rules in words in one language (issue 21 item 13): each key's title and its value with units,
/// role names and labels — "投诉结案条件：各部门任务全部完成且已向客户答复处理结论" rather than
/// `complaints.close_requires: [tasks_done, customer_answered]`. Every word comes from the localization files;
/// a name an organization invented (a catalogue entry of its own) is shown as it wrote it.
///
/// Pure: it reads only the localization tables, so it is tested without an application.
package struct RuleWording: Sendable {
    package let localization: Localization
    package let language: UILanguage
    /// Fills `{org}` in the greeting and the closing, as customers read them (PHR-01).
    package var organizationName: String?

    package init(localization: Localization, language: UILanguage, organizationName: String? = nil) {
        self.localization = localization
        self.language = language
        self.organizationName = organizationName
    }

    package func t(_ key: String, _ arguments: [String] = []) -> String { localization.text(key, language, arguments) }

    package func has(_ key: String) -> Bool { localization.has(key, language) }

    /// The section's title (`leave` → 请假).
    package func section(_ name: String) -> String {
        has("rulebook.section.\(name)") ? t("rulebook.section.\(name)") : humanized(name)
    }

    /// The rule's title: its label, else the name a catalogue entry carries (考评项目 服务用语), else the label of
    /// its name in its catalogue (各章节意见答复人 › 请假), else the schema's meaning.
    package func title(of entry: RulebookEntry) -> String {
        if has("rulebook.rule.\(entry.key)") { return t("rulebook.rule.\(entry.key)") }
        if let name = ownName(entry.reading) { return name }
        if let catalogue = RulebookDocument.catalogue(entry.key), let name = label(Self.lastName(entry.key), key: catalogue) {
            return name
        }
        return language == .en ? entry.summary : entry.summaryZh
    }

    /// The rule's value in words.
    package func value(of entry: RulebookEntry) -> String {
        words(entry.reading, key: entry.key, part: Self.lastName(entry.key))
    }

    /// `value` told for the key `key`; `part` is the name whose unit a number takes (the key's last name, or
    /// the name of the map part it sits in).
    package func words(_ value: RuleValue, key: String, part: String) -> String {
        switch value {
        case .integer(let number): return amount(Decimal(number), part: part)
        case .decimal(let number): return amount(number, part: part)
        case .flag(let yes): return t(yes ? "rulebook.yes" : "rulebook.no")
        case .text(let text): return label(text, key: key) ?? text.replacingOccurrences(of: "{org}", with: organizationName ?? "{org}")
        case .word(let word): return label(word, key: key) ?? humanized(word)
        case .role(let role): return t("role.\(role.rawValue)")
        case .timeZone(let identifier): return zoneName(identifier)
        case .time(let time): return time.description
        case .date(let date): return day(date, withYear: true)
        case .duration(let spec): return duration(spec)
        case .spans(let spans): return spans.isEmpty ? t("rulebook.rest_day") : self.spans(spans)
        case .dates(let dates): return dates.isEmpty ? empty(key) : days(dates)
        case .numberPattern(let pattern): return numberPattern(pattern)
        case .bands(let bands, let unit): return self.bands(bands, unit: unit)
        case .list(let items): return list(items, key: key, part: part)
        case .fields(let parts): return fields(parts, key: key, part: part)
        case .entries(let parts): return entries(parts, key: key, part: part)
        }
    }

    package func list(_ items: [RuleValue], key: String, part: String) -> String {
        guard !items.isEmpty else { return empty(key) }
        let told = items.map { words($0, key: key, part: part) }
        if RuleVocabulary.sequences.contains(key) { return told.joined(separator: " → ") }
        if RuleVocabulary.conjunctions.contains(key) { return told.joined(separator: t("rulebook.join.and")) }
        return told.joined(separator: t("rulebook.join.list"))
    }

    /// What an empty list or map means for `key`: usually 无, for some keys more (every team).
    package func empty(_ key: String) -> String {
        has("rulebook.empty.\(key)") ? t("rulebook.empty.\(key)") : t("rulebook.none")
    }

    /// The label of a word or a map key: the product's own label where it has one, else `rulebook.word.…`.
    package func label(_ word: String, key: String) -> String? {
        let candidates = [RuleVocabulary.labelPrefixes[key].map { $0 + word }, "rulebook.word.\(word)"].compactMap { $0 }
        return candidates.first(where: has).map { t($0) }
    }

    /// A name the organization made up, made readable: `night_desk` → `night desk`.
    package func humanized(_ name: String) -> String { name.replacingOccurrences(of: "_", with: " ") }

    /// The name a catalogue entry carries in this language (`name_zh` / `name_en`), if it has one.
    package func ownName(_ value: RuleValue) -> String? {
        guard case .text(let zh)? = value.field("name_zh") else { return nil }
        if language == .en, case .text(let en)? = value.field("name_en") { return en }
        return zh
    }

    package static func lastName(_ key: String) -> String { key.split(separator: ".").last.map(String.init) ?? key }
}
