import Foundation
import Testing
@testable import KefuDomain

/// Issue 21 item 13: each rulebook entry keeps its value's form, so staff can read the rules in words.
@Suite("Rulebook entries keep the form of their values; changes between versions keep both entries")
struct RuleValueTests {
    static func reading(_ key: String, in rulebook: Rulebook) throws -> RuleValue {
        try #require(rulebook.entry(key)).reading
    }

    @Test("The week is a map of weekdays to work spans; a rest day has none")
    func week() throws {
        let rulebook = try RulebookFixture.standard()
        let week = try Self.reading("calendar.week", in: rulebook)
        #expect(week.field("mon") == .spans([WorkSpan("08:30-12:00")!, WorkSpan("13:30-17:30")!]))
        #expect(week.field("sat") == nil || week.field("sat") == .spans([]))
    }

    @Test("Durations, amounts, roles, words and flags keep their kind")
    func scalars() throws {
        let rulebook = try RulebookFixture.standard()
        #expect(try Self.reading("complaints.close_within", in: rulebook) == .duration(DurationSpec(value: 6, unit: .naturalDays)))
        #expect(try Self.reading("service.low_fee_threshold", in: rulebook) == .decimal(200))
        #expect(try Self.reading("complaints.report_to", in: rulebook) == .role(.vp))
        #expect(try Self.reading("surveys.scale", in: rulebook) == .word("four_level"))
        #expect(try Self.reading("shift_swap.allow_consecutive", in: rulebook) == .flag(false))
        #expect(try Self.reading("complaints.close_requires", in: rulebook) == .list([.word("tasks_done"), .word("customer_answered")]))
    }

    @Test("Approval bands keep their edges, roles and unit")
    func bands() throws {
        let rulebook = try RulebookFixture.standard()
        guard case .bands(let bands, let unit) = try Self.reading("complaints.approval_bands", in: rulebook) else {
            Issue.record("complaints.approval_bands is not read as bands"); return
        }
        #expect(unit.contains("yuan"))
        #expect(bands.map(\.role) == [.salesManager, .vp, .gm])
        #expect(bands[1].lower == 1000 && bands[1].upper == 5000 && bands[1].upperInclusive)
    }

    @Test("A catalogue entry is a map of its parts in schema order")
    func catalogueEntry() throws {
        let rulebook = try RulebookFixture.standard()
        let fine = try Self.reading("fines.catalogue.late_or_early", in: rulebook)
        #expect(fine.field("amounts") == .list([.decimal(10), .decimal(20)]))
        #expect(fine.field("after_last") == .word("repeat_last"))
        guard case .fields(let parts) = try Self.reading("pay_grades.senior", in: rulebook) else {
            Issue.record("pay_grades.senior is not a map"); return
        }
        #expect(parts.map(\.name) == ["monthly_pay", "min_months_of_service", "excellent_titles", "quarterly_a_grades"])
    }

    @Test("Changes between two versions name the keys with both entries; equal rulebooks have none")
    func changes() throws {
        let before = try RulebookFixture.standard()
        let after = try RulebookFixture.load("complaints:\n  close_within: {value: 5, unit: natural_days}\nfines:\n  informant_reward: 80\n")
        let changes = Rulebook.changes(from: before, to: after)
        #expect(changes.map(\.key) == ["complaints.close_within", "fines.informant_reward"])
        #expect(changes[0].before?.reading == .duration(DurationSpec(value: 6, unit: .naturalDays)))
        #expect(changes[0].after?.reading == .duration(DurationSpec(value: 5, unit: .naturalDays)))
        #expect(changes.map(\.key) == Rulebook.compare(before, after).map(\.key))
        #expect(Rulebook.changes(from: before, to: before).isEmpty)
    }

    @Test("A key the later version no longer has is a change with no after")
    func removedKey() throws {
        let before = try RulebookFixture.standard()
        let after = try RulebookFixture.load("fines:\n  catalogue:\n    chatting: ~\n")
        let removed = Rulebook.changes(from: before, to: after).filter { $0.after == nil }
        #expect(removed.map(\.key) == ["fines.catalogue.chatting"])
    }
}
