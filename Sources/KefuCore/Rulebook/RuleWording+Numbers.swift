import Foundation
import KefuDomain

extension RuleWording {
    /// A number with the unit of `part` (200 元, 80%, 30 天); a number without a known unit stays bare.
    package func amount(_ number: Decimal, part: String) -> String {
        amount(number, unit: RuleVocabulary.unit(of: part))
    }

    package func amount(_ number: Decimal, unit: RuleVocabulary.Unit?) -> String {
        guard let unit, unit != .count else { return Self.plain(number) }
        if unit == .bytes { return t("rulebook.unit.megabytes", [Self.plain(number / 1_048_576, maximumFractionDigits: 1)]) }
        return counted(number, unitKey: "rulebook.unit.\(unit.rawValue)")
    }

    /// `{0} 天` / `{0} days`, with the English singular (`1 day`) when the file has one.
    package func counted(_ number: Decimal, unitKey: String) -> String {
        let key = number == 1 && has(unitKey + ".one") ? unitKey + ".one" : unitKey
        return t(key, [Self.plain(number)])
    }

    /// 2 小时, 3 个工作日, 30 分钟（工作时间）: natural units run day and night, business units only in work hours.
    package func duration(_ spec: DurationSpec) -> String {
        counted(Decimal(spec.value), unitKey: "rulebook.unit.\(spec.unit.rawValue)")
    }

    /// Approval bands (CMP-32, LV-07): 不足 1000 元：销售经理；1000 元至 5000 元（含）：副总经理；超过 5000 元：总经理.
    package func bands(_ bands: [ApprovalBand], unit: String) -> String {
        // The schema names the band's unit in words: "settlement amount in yuan", "leave length in days".
        let unit: RuleVocabulary.Unit? = unit.contains("yuan") ? .yuan : unit.contains("days") ? .days : nil
        func edge(_ value: Decimal) -> String { amount(value, unit: unit) }
        return bands.map { band in
            let range: String
            switch (band.lower == 0 && band.lowerInclusive, band.lowerInclusive, band.upper, band.upperInclusive) {
            case (true, _, let upper?, false): range = t("rulebook.band.below", [edge(upper)])
            case (true, _, let upper?, true): range = t("rulebook.band.at_most", [edge(upper)])
            case (_, true, nil, _): range = t("rulebook.band.at_least", [edge(band.lower)])
            case (_, false, nil, _): range = t("rulebook.band.above", [edge(band.lower)])
            case (_, true, let upper?, true): range = t("rulebook.band.from_to_inclusive", [edge(band.lower), edge(upper)])
            case (_, true, let upper?, false): range = t("rulebook.band.from_to_below", [edge(band.lower), edge(upper)])
            case (_, false, let upper?, true): range = t("rulebook.band.above_to_inclusive", [edge(band.lower), edge(upper)])
            case (_, false, let upper?, false): range = t("rulebook.band.above_to_below", [edge(band.lower), edge(upper)])
            }
            return t("rulebook.band.item", [range, t("role.\(band.role.rawValue)")])
        }.joined(separator: t("rulebook.join.parts"))
    }

    /// `{prefix}-{date}-{seq4}` → 类型前缀-日期-4 位序号.
    package func numberPattern(_ pattern: String) -> String {
        var text = pattern.replacingOccurrences(of: "{prefix}", with: t("rulebook.pattern.prefix"))
            .replacingOccurrences(of: "{date}", with: t("rulebook.pattern.date"))
        for digits in 1...9 {
            text = text.replacingOccurrences(of: "{seq\(digits)}", with: t("rulebook.pattern.sequence", [String(digits)]))
        }
        return text.replacingOccurrences(of: "{seq}", with: t("rulebook.pattern.sequence_any"))
    }

    /// `1000`, `12.5`: no grouping, at most `maximumFractionDigits` decimals.
    package static func plain(_ number: Decimal, maximumFractionDigits: Int = 2) -> String {
        var value = number
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, maximumFractionDigits, .plain)
        return NSDecimalNumber(decimal: rounded).stringValue
    }
}
