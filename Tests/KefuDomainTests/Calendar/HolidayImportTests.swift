import Foundation
@testable import KefuDomain
import Testing

/// SHF-16: a year's holidays and 调休 days read strictly from a date list or an iCalendar file.
@Suite("Holiday import (SHF-16)")
struct HolidayImportTests {
    func date(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test("SHF-16 a date list: ranges with names are holidays, names with 班 are make-up working days")
    func list() throws {
        let entries = try HolidayImport.parseList("""
            # 2025 from 国办发明电〔2024〕12号
            2025-01-28..2025-02-04 春节

            2025-01-26 春节调休上班
            2025-10-01..2025-10-08 国庆节、中秋节
            2025-10-11 补班
            """)
        #expect(entries.holidays == [.init(first: date("2025-01-28"), last: date("2025-02-04"), name: "春节"),
                                     .init(first: date("2025-10-01"), last: date("2025-10-08"), name: "国庆节、中秋节")])
        #expect(entries.makeUpWorkdays == [.init(date: date("2025-01-26"), name: "春节调休上班"), .init(date: date("2025-10-11"), name: "补班")])
    }

    @Test("SHF-16 an impossible date is refused with its line, never moved to another day")
    func impossibleDate() {
        #expect(throws: HolidayInputError("text", "error.holidays.bad_line", "2027-02-30 春节", line: 2)) {
            try HolidayImport.parseList("2027-02-06 除夕\n2027-02-30 春节")
        }
        #expect(throws: HolidayInputError.self) { try HolidayImport.parseList("2027-02-13..2027-02-06 backwards") }
        #expect(throws: HolidayInputError.self) { try HolidayImport.parseList("27-2-6 春节") }
        #expect(throws: HolidayInputError.self) { try HolidayImport.parseList("2027-02-20..2027-02-21 补班") }
    }

    @Test("SHF-16 an iCalendar file: all-day events, DTEND exclusive, folded lines, escaped summaries")
    func iCalendar() throws {
        let ics = """
            BEGIN:VCALENDAR\r
            VERSION:2.0\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20250128\r
            DTEND;VALUE=DATE:20250205\r
            SUMMARY:春节\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20250208\r
            SUMMARY:春节调休\\, 上\r
             班\r
            END:VEVENT\r
            BEGIN:VEVENT\r
            DTSTART;VALUE=DATE:20250101\r
            DTEND;VALUE=DATE:20250102\r
            SUMMARY:元旦\r
            END:VEVENT\r
            END:VCALENDAR\r
            """
        let entries = try HolidayImport.parseICalendar(ics)
        #expect(entries.holidays == [.init(first: date("2025-01-28"), last: date("2025-02-04"), name: "春节"),
                                     .init(first: date("2025-01-01"), last: date("2025-01-01"), name: "元旦")])
        #expect(entries.makeUpWorkdays == [.init(date: date("2025-02-08"), name: "春节调休, 上班")])
        // The form may say which list the file is instead of the names.
        #expect(try HolidayImport.parseICalendar(ics, kind: .holidays).makeUpWorkdays.isEmpty)
    }

    @Test("SHF-16 a timed event, an impossible date or a file that is not a calendar is refused")
    func badICalendar() {
        let timed = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270206T090000Z\nEND:VEVENT\nEND:VCALENDAR"
        #expect(throws: HolidayInputError("file", "error.holidays.ics_date", "DTSTART:20270206T090000Z", line: 3)) {
            try HolidayImport.parseICalendar(timed)
        }
        #expect(throws: HolidayInputError.self) {
            try HolidayImport.parseICalendar("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270230\nEND:VEVENT\nEND:VCALENDAR")
        }
        #expect(throws: HolidayInputError.self) { try HolidayImport.parseICalendar("2027-02-06 春节") }
    }

    @Test("SHF-16 a year is refused when a date lies outside it or a make-up day is a holiday; 元旦 may start in December")
    func validation() throws {
        let notice = "国务院办公厅关于2024年部分节假日安排的通知"
        let newYear = HolidayYear(year: 2024, source: notice,
                                  holidays: [.init(first: date("2023-12-30"), last: date("2024-01-01"), name: "元旦")], makeUpWorkdays: [])
        try newYear.validate()
        var wrong = newYear
        wrong.makeUpWorkdays = [.init(date: date("2025-01-04"), name: "")]
        #expect(throws: HolidayInputError("make_up_workdays[0]", "error.holidays.outside_year", "2025-01-04")) { try wrong.validate() }
        wrong.makeUpWorkdays = [.init(date: date("2024-01-01"), name: "")]
        #expect(throws: HolidayInputError("make_up_workdays[0]", "error.holidays.make_up_on_holiday", "2024-01-01")) { try wrong.validate() }
        var unsourced = newYear
        unsourced.source = "  "
        #expect(throws: HolidayInputError("source", "error.holidays.source_required", "")) { try unsourced.validate() }
        var newline = newYear
        newline.holidays[0].name = "元旦\nholidays: []"
        #expect(throws: HolidayInputError.self) { try newline.validate() }
    }
}
