import Foundation
@testable import KefuDomain
import Testing

/// Issue 20: the pure input rules — dates, money, control characters — that every entry point uses.
@Suite("Input rules: strict dates, exact money, no control characters")
struct InputRulesTests {
    @Test("INP-D1 a date is real and within 2000–2100: 2027-02-30 and 9999-01-01 are refused, 2028-02-29 is read")
    func strictDates() {
        #expect(LocalDate("2027-02-30") == nil)
        #expect(LocalDate("2027-02-29") == nil)
        #expect(LocalDate("2026-11-31") == nil)
        #expect(LocalDate("2028-02-29") == LocalDate(year: 2028, month: 2, day: 29))
        #expect(LocalDate("2100-02-29") == nil, "2100 is not a leap year")
        #expect(LocalDate("2000-02-29") != nil, "2000 is")
        for text in ["9999-01-01", "1999-12-31", "2101-01-01", "2026-1-01", "2026-01-1", " 2026-01-01", "+026-01-01", "2026-00-10", "2026-13-01", "2026-01-00"] {
            #expect(LocalDate(text) == nil, "\(text)")
        }
    }

    @Test("INP-D2 a time is read field by field: offsets honoured, impossible fields refused, no offset only with a local zone")
    func strictInstants() {
        let shanghai = StrictTime.instant("2026-11-23T09:30:00+08:00")
        #expect(shanghai == StrictTime.instant("2026-11-23T01:30:00Z"))
        #expect(shanghai == StrictTime.instant("2026-11-23T01:30Z"))
        #expect(shanghai == StrictTime.instant("2026-11-23T09:30:00+0800"))
        #expect(StrictTime.instant("1970-01-01T00:00:00Z") == nil, "before 2000")
        #expect(StrictTime.instant("2000-01-01T00:00:00Z") == Date(timeIntervalSince1970: 946_684_800))
        #expect(StrictTime.instant("2026-11-23T09:30:00.250Z")?.timeIntervalSince1970 == 1_795_426_200.25)
        for text in ["2027-02-30T10:00:00Z", "2026-11-23T24:00:00Z", "2026-11-23T09:60:00Z", "2026-11-23T09:30:60Z",
                     "2026-11-23T09:30:00+25:00", "2026-11-23T09:30:00 Z", "2026-11-23", "9999-01-01T00:00:00Z", "2026-11-23T09:30:00"] {
            #expect(StrictTime.instant(text) == nil, "\(text)")
        }
        let midnight = Date(timeIntervalSince1970: 1_763_827_200)  // 2026-11-23T00:00:00 local, as the caller says
        #expect(StrictTime.instant("2026-11-23T09:30", localStartOfDay: { _ in midnight }) == midnight.addingTimeInterval(9.5 * 3_600))
        #expect(StrictTime.instant("2026-02-30T09:30", localStartOfDay: { _ in midnight }) == nil)
    }

    @Test("INP-D3 money: digits with at most two decimals up to 999999999.99; numbers exact, never rounded")
    func exactMoney() {
        #expect(Money.parse("100") == Decimal(100))
        #expect(Money.parse("1280.5") == Decimal(string: "1280.5"))
        #expect(Money.parse("0.01") == Decimal(string: "0.01"))
        #expect(Money.parse("999999999.99") == Money.maximum)
        for text in ["99999999999999999999999.99", "1.999", " 100", "100 ", "-5", "+5", "1e3", "1,000", ".5", "5.", "", "1000000000", "١٢٣"] {
            #expect(Money.parse(text) == nil, "\(text)")
        }
        #expect(Money.accept(Decimal(string: "1234.56")!) == Decimal(string: "1234.56"))
        #expect(Money.accept(Decimal(string: "1.999")!) == nil)
        #expect(Money.accept(Decimal(string: "99999999999999999999999.99")!) == nil)
        #expect(Money.accept(Decimal(-1)) == nil)
        #expect(Money.text(Decimal(string: "1280.5")!) == "1280.50")
        #expect(Money.text(Decimal(-200)) == "-200.00")
        #expect(Money.text(Money.maximum) == "999999999.99")
        #expect(Money.text(Decimal(string: "0.05")!) == "0.05")
        #expect(Money.text(Decimal(string: "12345678901234567.89")!) == "12345678901234567.89", "no digits lost through Double")
    }

    @Test("INP-D4 text: C0 control characters other than tab, line feed and carriage return are refused")
    func controlCharacters() {
        #expect(TextInput.isAcceptable("王先生\t备注\r\n第二行"))
        for scalar in [0x00, 0x01, 0x08, 0x0B, 0x0C, 0x1B, 0x1F] {
            #expect(!TextInput.isAcceptable("a\(Character(Unicode.Scalar(UInt8(scalar))))b"), "\(scalar)")
        }
        #expect(!TextInput.isAcceptable(utf8: [0x61, 0x00]))
        #expect(TextInput.isAcceptable(utf8: Array("王".utf8)))
    }
}
