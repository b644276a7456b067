import Foundation
@testable import KefuDomain
import Testing

/// SHF-16 / GOV-02: a year of holidays written into an organization's rulebook text, every other line kept.
@Suite("Rulebook calendar edit (SHF-16)")
struct RulebookCalendarEditTests {
    func date(_ text: String) -> LocalDate { LocalDate(text)! }

    /// Dates as in a notice (not a real one: the 2027 notice is not published here).
    var year2027: HolidayYear {
        HolidayYear(year: 2027, source: "test notice 2027",
                    holidays: [.init(first: date("2027-01-01"), last: date("2027-01-01"), name: "元旦"),
                               .init(first: date("2027-02-06"), last: date("2027-02-13"), name: "春节")],
                    makeUpWorkdays: [.init(date: date("2027-02-20"), name: "春节调休")])
    }

    @Test("SHF-16 an empty organization file gets the default years copied, the new year added, and loads with all of them")
    func emptyFile() throws {
        let defaults = try RulebookFixture.defaultsText()
        let text = try RulebookCalendarEdit.replacing(year2027, in: "", defaults: defaults)
        let before = try RulebookFixture.standard().calendar
        let after = try RulebookFixture.load(text).calendar
        #expect(after.holidays == before.holidays.union(year2027.holidayDays))
        #expect(after.makeUpWorkdays == before.makeUpWorkdays.union([date("2027-02-20")]))
        #expect(text.contains("# 2027: test notice 2027"))
        #expect(text.contains("- 2027-02-06..2027-02-13   # 春节"))
        // The cited notices of the shipped years travel with their lines.
        #expect(text.contains("国办发明电〔2024〕12号"))
    }

    @Test("SHF-16 replacing a year keeps the rest of the file, other years and their comments; an empty year removes it")
    func replaceYear() throws {
        let defaults = try RulebookFixture.defaultsText()
        let base = """
            organization:
              interpreted_by: 客服中心办公室   # GOV-01
            calendar:
              week:
                sat: ["09:00-12:00"]
              holidays:
                - 2026-10-01..2026-10-07   # 国庆节
                # 2027: an older entry
                - 2027-01-01..2027-01-03   # wrong
              make_up_workdays: []
            notices:
              archive_after_days: 45
            """
        #expect(throws: RulebookCalendarEdit.Failure.unsupportedLayout) {
            try RulebookCalendarEdit.replacing(self.year2027, in: base, defaults: defaults)
        }
        let block = base.replacingOccurrences(of: "  make_up_workdays: []\n", with: "  make_up_workdays:\n    - 2026-10-10   # 周六\n")
        let text = try RulebookCalendarEdit.replacing(year2027, in: block, defaults: defaults)
        let after = try RulebookFixture.load(text)
        #expect(after.calendar.holidays == Set((1...7).map { LocalDate(year: 2026, month: 10, day: $0) }).union(year2027.holidayDays))
        #expect(after.calendar.makeUpWorkdays == [date("2026-10-10"), date("2027-02-20")])
        #expect(after.organization.interpretedBy == "客服中心办公室")
        #expect(after.notices.archiveAfterDays == 45)
        #expect(!text.contains("wrong") && !text.contains("an older entry"))
        #expect(text.contains("interpreted_by: 客服中心办公室   # GOV-01"))
        var removal = year2027
        removal.holidays = []; removal.makeUpWorkdays = []
        let removed = try RulebookFixture.load(try RulebookCalendarEdit.replacing(removal, in: text, defaults: defaults))
        #expect(!removed.calendar.holidays.contains { $0.year == 2027 })
        #expect(removed.calendar.holidays.contains(date("2026-10-01")))
    }

    @Test("SHF-16 a file without a calendar section gets one at the end")
    func noCalendar() throws {
        let defaults = try RulebookFixture.defaultsText()
        let text = try RulebookCalendarEdit.replacing(year2027, in: "notices:\n  archive_after_days: 45\n", defaults: defaults)
        let after = try RulebookFixture.load(text)
        #expect(after.notices.archiveAfterDays == 45)
        #expect(after.calendar.holidays.contains(date("2027-02-13")))
        #expect(after.calendar.holidays.contains(date("2026-02-15")))
        #expect(RulebookCalendarEdit.items(in: text, defaults: defaults)?["holidays"]?.contains { $0.value == "2027-02-06..2027-02-13" && $0.comment == "春节" } == true)
    }
}
