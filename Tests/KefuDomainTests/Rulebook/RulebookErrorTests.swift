import Foundation
import Testing
@testable import KefuDomain

@Suite("Rulebook: mistakes are refused with file, line and key")
struct RulebookErrorTests {
    @Test("A negative duration names the file, line, key and expected form")
    func negativeDuration() throws {
        // given
        let override = """
        # our rules
        complaints:
          close_within: {value: -6, unit: natural_days}
        """
        // when
        let error = try #require(try RulebookFixture.error(override))
        // then
        #expect(error == RulebookError(
            file: "rulebook.yaml", line: 3, column: 3, key: "complaints.close_within",
            expected: "a duration {value: <integer ≥ 0>, unit: seconds|minutes|hours|natural_days|business_minutes|business_hours|working_days}",
            problem: "found \"-6\""))
        #expect(error.description == "rulebook.yaml:3:3: complaints.close_within: expected a duration {value: <integer ≥ 0>, "
            + "unit: seconds|minutes|hours|natural_days|business_minutes|business_hours|working_days}; found \"-6\"")
    }

    @Test("An unknown key is refused with a suggestion")
    func unknownKey() throws {
        let error = try #require(try RulebookFixture.error("complaints:\n  close_withn: {value: 6, unit: natural_days}\n"))
        #expect(error.key == "complaints.close_withn")
        #expect(error.line == 2)
        #expect(error.column == 3)
        #expect(error.problem.contains("did you mean \"close_within\""))
    }

    @Test("An unknown key deep inside a documented key is refused")
    func unknownNestedKey() throws {
        let override = """
        leave:
          notice:
            general:
              value: 1
              units: natural_days
        """
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.line == 5)
        #expect(error.key == "leave.notice.general.units")
        #expect(error.problem.contains("did you mean \"unit\""))
    }

    @Test("An unknown section is refused")
    func unknownSection() throws {
        let error = try #require(try RulebookFixture.error("complaint:\n  close_within: {value: 6, unit: hours}\n"))
        #expect(error.key == "complaint")
        #expect(error.line == 1)
        #expect(error.problem.contains("did you mean \"complaints\""))
    }

    @Test("Text where an integer is expected is refused")
    func textForInteger() throws {
        let error = try #require(try RulebookFixture.error("shift_swap:\n  max_per_month: two\n"))
        #expect(error.key == "shift_swap.max_per_month")
        #expect(error.line == 2)
        #expect(error.problem == "found \"two\"")
    }

    @Test("A map where a list is expected is refused")
    func mapForList() throws {
        let error = try #require(try RulebookFixture.error("escalation:\n  chain: {first: agent}\n"))
        #expect(error.key == "escalation.chain")
        #expect(error.problem == "found a map")
    }

    @Test("An unknown time unit is refused")
    func unknownUnit() throws {
        let override = """
        return_visits:
          due_within:
            value: 3
            unit: fortnights
        """
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.key == "return_visits.due_within")
        #expect(error.line == 4)
        #expect(error.problem == "found unit \"fortnights\"")
    }

    @Test("An unknown role is refused")
    func unknownRole() throws {
        let error = try #require(try RulebookFixture.error("leave:\n  official_business_approver: president\n"))
        #expect(error.key == "leave.official_business_approver")
        #expect(error.expected.hasPrefix("a role (admin|agent|"))
    }

    @Test("An unknown weekday key is refused")
    func unknownWeekday() throws {
        let error = try #require(try RulebookFixture.error("calendar:\n  week:\n    monday: [\"08:00-12:00\"]\n"))
        #expect(error.key == "calendar.week.monday")
        #expect(error.line == 3)
        #expect(error.expected.contains("mon, tue, wed, thu, fri, sat, sun"))
    }

    @Test("An unknown enum value is refused", arguments: ["return_visits: {coverage: everyone}", "surveys: {scale: five_level}"])
    func unknownChoice(override: String) throws {
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.expected.hasPrefix("one of "))
    }

    @Test("warn_at_percent outside 1…99 is refused", arguments: [0, 100])
    func warnAtPercent(value: Int) throws {
        let error = try #require(try RulebookFixture.error("deadlines: {warn_at_percent: \(value)}"))
        #expect(error.key == "deadlines.warn_at_percent")
        #expect(error.expected == "an integer from 1 to 99")
    }

    @Test("A work span that runs backwards is refused")
    func backwardsSpan() throws {
        let override = """
        calendar:
          week:
            sat:
              - "09:00-12:00"
              - "17:00-13:00"
        """
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.key == "calendar.week")
        #expect(error.line == 5)
        #expect(error.problem.contains("runs backwards"))
    }

    @Test("Work spans that overlap are refused")
    func overlappingSpans() throws {
        let error = try #require(try RulebookFixture.error("calendar:\n  week:\n    mon: [\"08:30-12:00\", \"11:00-17:30\"]\n"))
        #expect(error.key == "calendar.week")
        #expect(error.line == 3)
        #expect(error.problem.contains("overlaps \"08:30-12:00\""))
    }

    @Test("A date that is not a date is refused")
    func badDate() throws {
        let override = """
        calendar:
          holidays:
            - 2026-01-01
            - 2026-02-30
        """
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.key == "calendar.holidays")
        #expect(error.line == 4)
        #expect(error.problem == "found \"2026-02-30\", which is not a date")
    }

    @Test("A time zone Foundation does not know is refused")
    func unknownTimeZone() throws {
        let error = try #require(try RulebookFixture.error("organization:\n  time_zone: Mars/Olympus_Mons\n"))
        #expect(error.key == "organization.time_zone")
        #expect(error.line == 2)
        #expect(error.problem.contains("not a time zone"))
    }

    @Test("A number pattern without a sequence is refused")
    func badPattern() throws {
        let error = try #require(try RulebookFixture.error("numbering: {pattern: \"{prefix}-{date}\"}"))
        #expect(error.key == "numbering.pattern")
        #expect(error.problem.contains("missing {seq}"))
    }

    @Test("A badge pool that ends before it starts is refused")
    func badBadgePool() throws {
        let error = try #require(try RulebookFixture.error("front_desk:\n  badge_pool:\n    first: 50\n    last: 10\n"))
        #expect(error.key == "front_desk.badge_pool")
        #expect(error.line == 4)
    }

    @Test("Malformed YAML is refused with its line")
    func malformedYAML() throws {
        let override = """
        complaints:
          close_within: {value: 6, unit: natural_days
        leave:
          holiday_leave: forbidden
        """
        let error = try #require(try RulebookFixture.error(override))
        #expect(error.file == "rulebook.yaml")
        #expect(error.expected == "well-formed YAML")
        #expect(error.line != nil)
        #expect(error.problem.hasPrefix("syntax error"))
    }

    @Test("A file that is a list rather than a map is refused")
    func notAMap() throws {
        let error = try #require(try RulebookFixture.error("- complaints\n"))
        #expect(error.line == 1)
        #expect(error.problem == "found a list")
    }

    @Test("A mistake in the defaults names default.yaml and its line")
    func badDefaults() throws {
        // given
        let text = try RulebookFixture.defaultsText()
        let broken = text.replacingOccurrences(of: "  max_attempts: 3 ", with: "  max_attempts: 9 ")
        let line = try #require(broken.components(separatedBy: "\n").firstIndex { $0.hasPrefix("  max_attempts: 9") }) + 1
        // when
        let error = #expect(throws: RulebookError.self) { try Rulebook.load(defaults: broken, override: nil) }
        // then
        #expect(error?.file == "default.yaml")
        #expect(error?.line == line)
        #expect(error?.key == "return_visits.max_attempts")
    }

    @Test("A missing section in the defaults is reported")
    func missingSection() throws {
        let error = #expect(throws: RulebookError.self) { try Rulebook.load(defaults: "organization: {name: x}\n", override: nil) }
        #expect(error?.file == "default.yaml")
        #expect(error?.problem.contains("is missing") == true)
    }
}
