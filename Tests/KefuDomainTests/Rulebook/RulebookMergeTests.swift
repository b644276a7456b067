import Foundation
import Testing
@testable import KefuDomain

@Suite("Rulebook: overrides, version, differences, admin entries")
struct RulebookMergeTests {
    @Test("An override merges key by key and keeps the other defaults")
    func mergeKeepsSiblings() throws {
        // given
        let override = """
        complaints:
          close_within: {value: 5, unit: working_days}
        """
        // when
        let rulebook = try RulebookFixture.load(override)
        // then
        #expect(rulebook.complaints.closeWithin == DurationSpec(value: 5, unit: .workingDays))
        #expect(rulebook.complaints.dispatchWithin == DurationSpec(value: 60, unit: .minutes))
        #expect(rulebook.complaints.approvalRole(forAmount: 3000) == .vp)
    }

    @Test("A list in an override replaces the default list")
    func listReplaces() throws {
        let rulebook = try RulebookFixture.load("calendar:\n  holidays: [2026-05-01]\n  week:\n    sat: [\"09:00-12:00\"]\n")
        #expect(rulebook.calendar.holidays == [LocalDate(year: 2026, month: 5, day: 1)])
        #expect(rulebook.calendar.weeklySpans[.saturday] == [WorkSpan("09:00-12:00")!])
        #expect(rulebook.calendar.weeklySpans[.monday]?.count == 2)
    }

    @Test("A section left empty (its keys commented out) changes nothing")
    func emptySection() throws {
        let override = """
        complaints:
        #  close_within: {value: 5, unit: natural_days}
        leave:
          holiday_leave: forbidden
        """
        let rulebook = try RulebookFixture.load(override)
        #expect(try rulebook.complaints == RulebookFixture.standard().complaints)
        #expect(rulebook.leave.holidayLeave == .forbidden)
    }

    @Test("An empty override file changes nothing")
    func emptyOverride() throws {
        let standard = try RulebookFixture.standard()
        #expect(try RulebookFixture.load("# nothing yet\n").version == standard.version)
    }

    @Test("The version is a SHA-256 hex digest with a 12-character short form")
    func versionShape() throws {
        let rulebook = try RulebookFixture.standard()
        #expect(rulebook.version.count == 64)
        #expect(rulebook.version.allSatisfy { $0.isHexDigit })
        #expect(rulebook.versionShort == String(rulebook.version.prefix(12)))
    }

    @Test("The same effective rules give the same version, whatever the formatting")
    func versionStable() throws {
        // given: the defaults restated in another form (block style, days for a range, spans reordered, no Sunday)
        let restated = """
        return_visits:
          max_attempts: 3
          do_not_call: ["21:00-24:00", "00:00-08:00", "12:00-13:30"]
          due_within:
            unit: hours
            value: 72
        calendar:
          holidays: [2025-01-01, 2025-01-28..2025-02-04, 2025-04-04..2025-04-06, 2025-05-01..2025-05-05,
                     2025-05-31..2025-06-02, 2025-10-01..2025-10-08, 2026-01-01, 2026-01-02, 2026-01-03, 2026-02-15..2026-02-23, 2026-04-04..2026-04-06,
                     2026-05-01..2026-05-05, 2026-06-19..2026-06-21, 2026-09-25..2026-09-27, 2026-10-01..2026-10-07]
          week:
            sun: ~
        """
        // when / then
        #expect(try RulebookFixture.load(restated).version == RulebookFixture.standard().version)
    }

    @Test("A changed value gives a different version")
    func versionChanges() throws {
        let standard = try RulebookFixture.standard()
        let changed = try RulebookFixture.load("shift_swap: {max_per_month: 3}")
        #expect(changed.version != standard.version)
        #expect(changed.shiftSwap.maxPerMonth == 3)
    }

    @Test("differences() lists exactly the changed keys with both values")
    func differences() throws {
        // given
        let override = """
        complaints:
          close_within: {value: 5, unit: natural_days}
        shift_swap:
          max_per_month: 2
        fines:
          catalogue:
            snacks: {name_zh: 上班吃零食, amounts: [30], after_last: repeat_last}
        """
        // when
        let differences = try Rulebook.differences(defaults: RulebookFixture.defaultsText(), override: override)
        // then
        #expect(differences == [
            RulebookDifference(key: "complaints.close_within", defaultValue: "6 natural days", newValue: "5 natural days"),
            RulebookDifference(key: "fines.catalogue.snacks", defaultValue: "(not set)",
                               newValue: "name_zh: 上班吃零食; amounts: 30; after_last: repeat_last"),
        ])
    }

    @Test("differences() refuses a bad file with its line")
    func differencesOfBadFile() throws {
        let defaults = try RulebookFixture.defaultsText()
        let error = #expect(throws: RulebookError.self) {
            try Rulebook.differences(defaults: defaults, override: "leave:\n  sick_certificate_from_days: -1\n")
        }
        #expect(error?.line == 2)
    }

    @Test("Every admin entry names its rule IDs and meaning in both languages")
    func entries() throws {
        let rulebook = try RulebookFixture.standard()
        let bands = try #require(rulebook.entry("complaints.approval_bands"))
        #expect(bands.ruleIDs.contains("CMP-32"))
        #expect(bands.value == "0 ≤ x < 1000 → sales_manager; 1000 ≤ x ≤ 5000 → vp; x > 5000 → gm")
        #expect(rulebook.entry("complaints.close_within")?.value == "6 natural days")
        #expect(rulebook.entry("leave.notice.special_before_shift")?.value == "1 hour")
        #expect(rulebook.entry("fines.catalogue.late_or_early")?.ruleIDs.contains("ATT-05") == true)
        for entry in rulebook.entries where entry.key != "organization.time_zone" {
            #expect(!entry.ruleIDs.isEmpty, "\(entry.key) names no rule")
        }
        #expect(rulebook.entries.allSatisfy { !$0.summary.isEmpty && !$0.summaryZh.isEmpty && !$0.value.isEmpty })
        #expect(Set(rulebook.entries.map(\.key)).count == rulebook.entries.count)
    }

    @Test("Every rule ID the schema names exists in the requirements catalogue")
    func ruleIDsExist() throws {
        let requirements = RulebookFixture.defaultsURL
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/spec/REQUIREMENTS.md")
        guard let text = try? String(contentsOf: requirements, encoding: .utf8) else { return }  // only beside shared/
        for id in Set(try RulebookFixture.standard().entries.flatMap(\.ruleIDs)) {
            #expect(text.contains("**\(id)**"), "\(id) is not in REQUIREMENTS.md")
        }
    }
}
