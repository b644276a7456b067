import Foundation

/// Issue 20: dates and times from clients are parsed strictly, in one place. Foundation's formatters are
/// lenient (2027-02-30 became 2027-03-02, year 9999 passed), so the text is read field by field and
/// refused unless every field is in range and the year lies in `years`.
public enum StrictTime {
    /// The years Kefu accepts in any date or time input (README "Input limits").
    public static let years = 2000...2100

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ASCII decimal digits only (no sign, no space) as a number.
    public static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 9, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func daysSinceEpoch(_ date: LocalDate) -> Int {
        let y = date.month <= 2 ? date.year - 1 : date.year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((date.month + 9) % 12) + 2) / 5 + date.day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or `±HH:MM` (RFC 3339; `±HHMM` also read). Without
    /// an offset the time is read in `localStartOfDay`'s zone (web forms' `datetime-local`), or refused when
    /// that is nil (the API always sends an offset). A space may stand for the `T`.
    public static func instant(_ text: String, localStartOfDay: ((LocalDate) -> Date)? = nil) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 16, let date = LocalDate(String(decoding: bytes[0..<10], as: UTF8.self)),
              [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[10]), bytes[13] == UInt8(ascii: ":"),
              let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]), hour < 24, minute < 60 else { return nil }
        var index = 16
        var seconds = Double(hour * 3_600 + minute * 60)
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard index + 3 <= bytes.count, let second = digits(bytes[(index + 1)..<(index + 3)]), second < 60 else { return nil }
            seconds += Double(second)
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                var end = index + 1
                while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
                guard end > index + 1, end - index - 1 <= 9, let fraction = Double("0" + String(decoding: bytes[index..<end], as: UTF8.self)) else { return nil }
                seconds += fraction
                index = end
            }
        }
        let rest = bytes[index...]
        if rest.isEmpty {
            guard let localStartOfDay else { return nil }
            return localStartOfDay(date).addingTimeInterval(seconds)
        }
        guard let offset = offsetSeconds(rest) else { return nil }
        return Date(timeIntervalSince1970: Double(daysSinceEpoch(date)) * 86_400 + seconds - Double(offset))
    }

    private static func offsetSeconds(_ rest: ArraySlice<UInt8>) -> Int? {
        if rest.count == 1, rest.first == UInt8(ascii: "Z") || rest.first == UInt8(ascii: "z") { return 0 }
        guard let sign = rest.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let body = Array(rest.dropFirst())
        let hh: Int?, mm: Int?
        switch body.count {
        case 5 where body[2] == UInt8(ascii: ":"): hh = digits(body[0..<2]); mm = digits(body[3..<5])
        case 4: hh = digits(body[0..<2]); mm = digits(body[2..<4])
        default: return nil
        }
        guard let hh, let mm, hh < 24, mm < 60 else { return nil }
        return (sign == UInt8(ascii: "-") ? -1 : 1) * (hh * 3_600 + mm * 60)
    }

    /// The JSON date decoding strategy: an RFC 3339 instant with an offset, else a `dataCorrupted` error
    /// (400 naming the field).
    @Sendable public static func decodeInstant(_ decoder: any Decoder) throws -> Date {
        let container = try decoder.singleValueContainer()
        guard let date = instant(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an RFC 3339 time with offset, years \(years)")
        }
        return date
    }
}
