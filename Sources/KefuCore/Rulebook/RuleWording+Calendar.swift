import Foundation
import KefuDomain

extension RuleWording {
    /// `08:30–12:00、13:30–17:30`.
    package func spans(_ spans: [WorkSpan]) -> String {
        spans.map { "\($0.start)–\($0.end)" }.joined(separator: t("rulebook.join.list"))
    }

    /// The working week (SHF-15): days with the same hours run together — 周一至周五 08:30–12:00、13:30–17:30；
    /// 周六、周日休息.
    package func week(_ days: [RuleField]) -> String {
        let hours: [(Weekday, [WorkSpan])] = Weekday.allCases.map { day in
            guard case .spans(let spans)? = days.first(where: { $0.name == day.key })?.value else { return (day, []) }
            return (day, spans)
        }
        var runs: [(days: [Weekday], spans: [WorkSpan])] = []
        for (day, spans) in hours {
            if let last = runs.last, last.spans == spans, last.days.last.map({ $0.rawValue + 1 }) == day.rawValue {
                runs[runs.count - 1].days.append(day)
            } else {
                runs.append(([day], spans))
            }
        }
        return runs.map { run in
            let days = weekdays(run.days)
            return run.spans.isEmpty ? t("rulebook.week.rest", [days]) : t("rulebook.week.work", [days, spans(run.spans)])
        }.joined(separator: t("rulebook.join.parts"))
    }

    /// 周一至周五 (three or more days in a row), 周六、周日, 每天 for the whole week.
    package func weekdays(_ days: [Weekday]) -> String {
        if days.count == 7 { return t("rulebook.every_day") }
        let names = days.map { t("weekday.\($0.key)") }
        let consecutive = zip(days, days.dropFirst()).allSatisfy { $0.rawValue + 1 == $1.rawValue }
        if days.count >= 3, consecutive, let first = names.first, let last = names.last {
            return t("rulebook.range", [first, last])
        }
        return names.joined(separator: t("rulebook.join.list"))
    }

    /// Days grouped by year with runs as ranges: 2026年：1月1日—3日、2月15日—23日.
    package func days(_ days: [LocalDate]) -> String {
        var runs: [(LocalDate, LocalDate)] = []
        for day in days.sorted() {
            if let last = runs.last, Self.dayAfter(last.1) == day { runs[runs.count - 1].1 = day } else { runs.append((day, day)) }
        }
        let years = Dictionary(grouping: runs, by: { $0.0.year })
        return years.keys.sorted().map { year in
            let told = years[year]!.map { run -> String in
                if run.0 == run.1 { return day(run.0, withYear: false) }
                if run.0.year != run.1.year { return t("rulebook.date.span", [day(run.0, withYear: true), day(run.1, withYear: true)]) }
                if run.0.month == run.1.month {
                    return t("rulebook.date.span_in_month", [t("rulebook.month.\(run.0.month)"), String(run.0.day), String(run.1.day)])
                }
                return t("rulebook.date.span", [day(run.0, withYear: false), day(run.1, withYear: false)])
            }
            return t("rulebook.date.year", [String(year), told.joined(separator: t("rulebook.join.list"))])
        }.joined(separator: t("rulebook.join.parts"))
    }

    /// 2026年1月1日 / 1 Jan 2026; without the year 1月1日 / 1 Jan.
    package func day(_ date: LocalDate, withYear: Bool) -> String {
        let month = t("rulebook.month.\(date.month)")
        return withYear ? t("rulebook.date.full", [String(date.year), month, String(date.day)])
            : t("rulebook.date.short", [month, String(date.day)])
    }

    /// The time zone's name in this language (中国标准时间), or its identifier when Foundation has none.
    package func zoneName(_ identifier: String) -> String {
        let locale = Locale(identifier: language == .en ? "en" : "zh-Hans")
        return TimeZone(identifier: identifier)?.localizedName(for: .generic, locale: locale) ?? identifier
    }

    package static func dayAfter(_ day: LocalDate) -> LocalDate {
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let date = gregorian.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        let parts = gregorian.dateComponents([.year, .month, .day], from: gregorian.date(byAdding: .day, value: 1, to: date)!)
        return LocalDate(year: parts.year!, month: parts.month!, day: parts.day!)
    }
}
