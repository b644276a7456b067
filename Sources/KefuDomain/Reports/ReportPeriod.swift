import Foundation

/// The date range of a report (both ends inclusive, in the organization's calendar) and how its chart
/// groups days. RPT-02 / RPT-04: reports run over days and weeks; a range longer than
/// `reports.max_range_days` is refused, so no request can sum years of rows.
public struct ReportPeriod: Sendable, Equatable {
    /// How the series of a chart is grouped.
    public enum Bucket: String, Sendable, Codable, CaseIterable {
        case day, week, month
    }

    public let from: LocalDate
    public let to: LocalDate

    /// Checks the range: `from` must not be after `to`, and the range must fit in `maxDays`.
    public init(from: LocalDate, to: LocalDate, maxDays: Int) throws {
        guard from <= to else { throw DomainError.validation(fields: ["to": "error.report.to_before_from"]) }
        guard from.days(to: to) + 1 <= maxDays else {
            throw DomainError.ruleViolation(rule: "reports.max_range_days", reason: "error.report.range_too_long")
        }
        self.from = from
        self.to = to
    }

    /// The default range: the last `days` days up to and including `today`.
    public static func last(_ days: Int, endingOn today: LocalDate) -> (from: LocalDate, to: LocalDate) {
        (QualityPeriod.adding(-(max(days, 1) - 1), to: today), today)
    }

    public var dayCount: Int { from.days(to: to) + 1 }

    /// Days for up to a month, weeks up to half a year, months beyond.
    public var bucket: Bucket { dayCount <= 31 ? .day : dayCount <= 183 ? .week : .month }

    /// The bucket a day falls in, as its label (`2026-11-23`, the week's Monday, or `2026-11`).
    public func bucketKey(of day: LocalDate) -> String {
        switch bucket {
        case .day: day.description
        case .week: QualityPeriod.weekStart(of: day).description
        case .month: QualityPeriod.month(of: day)
        }
    }

    /// Every bucket of the range in order, so that empty days still show in the chart.
    public var bucketKeys: [String] {
        var keys: [String] = []
        var day = from
        while day <= to {
            let key = bucketKey(of: day)
            if keys.last != key { keys.append(key) }
            day = QualityPeriod.adding(1, to: day)
        }
        return keys
    }
}

extension LocalDate {
    /// Whole days from this date to `other` (negative when `other` is earlier).
    public func days(to other: LocalDate) -> Int {
        BusinessCalendar.dayNumber(other) - BusinessCalendar.dayNumber(self)
    }
}
