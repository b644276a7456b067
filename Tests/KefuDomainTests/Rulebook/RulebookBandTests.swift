import Foundation
import Testing
@testable import KefuDomain

@Suite("Rulebook: approval bands must cover every amount exactly once")
struct RulebookBandTests {
    private func bandsError(_ section: String, _ key: String, _ bands: [String]) throws -> RulebookError? {
        let lines = ["\(section):", "  \(key):"] + bands.map { "    - \($0)" }
        return try RulebookFixture.error(lines.joined(separator: "\n"))
    }

    @Test("CMP-32 an organization moves the vice-president band")
    func customBands() throws {
        let override = """
        complaints:
          approval_bands:
            - {at_least: 0, at_most: 2000, role: sales_manager}
            - {above: 2000, below: 10000, role: vp}
            - {at_least: 10000, role: gm}
        """
        let rules = try RulebookFixture.load(override).complaints
        #expect(rules.approvalRole(forAmount: 2000) == .salesManager)
        #expect(rules.approvalRole(forAmount: 9999) == .vp)
        #expect(rules.approvalRole(forAmount: 10000) == .gm)
    }

    @Test("CMP-32 overlapping bands are refused")
    func overlap() throws {
        let error = try #require(try bandsError("complaints", "approval_bands", [
            "{at_least: 0, at_most: 1000, role: sales_manager}",
            "{at_least: 1000, at_most: 5000, role: vp}",
            "{above: 5000, role: gm}",
        ]))
        #expect(error.key == "complaints.approval_bands")
        #expect(error.line == 4)
        #expect(error.problem.contains("overlaps"))
    }

    @Test("CMP-32 a gap between bands is refused")
    func gap() throws {
        let error = try #require(try bandsError("complaints", "approval_bands", [
            "{at_least: 0, below: 1000, role: sales_manager}",
            "{at_least: 1500, at_most: 5000, role: vp}",
            "{above: 5000, role: gm}",
        ]))
        #expect(error.line == 4)
        #expect(error.problem.contains("gap"))
    }

    @Test("CMP-32 bands that do not start at 0 are refused")
    func notFromZero() throws {
        let error = try #require(try bandsError("complaints", "approval_bands", [
            "{at_least: 100, below: 1000, role: sales_manager}",
            "{at_least: 1000, role: vp}",
        ]))
        #expect(error.line == 3)
        #expect(error.problem.contains("does not start at `at_least: 0`"))
    }

    @Test("CMP-32 bands that do not end open-ended are refused")
    func notOpenEnded() throws {
        let error = try #require(try bandsError("complaints", "approval_bands", [
            "{at_least: 0, below: 1000, role: sales_manager}",
            "{at_least: 1000, at_most: 5000, role: vp}",
        ]))
        #expect(error.line == 4)
        #expect(error.problem.contains("leave it open-ended"))
    }

    @Test("CMP-32 a band with an unknown role is refused")
    func unknownRole() throws {
        let error = try #require(try bandsError("complaints", "approval_bands", [
            "{at_least: 0, role: president}",
        ]))
        #expect(error.key == "complaints.approval_bands")
        #expect(error.problem == "found role \"president\"")
    }

    @Test("LV-07 leave-day bands with a gap are refused")
    func leaveGap() throws {
        // LV-20's source leaves exactly this gap: ≤ 1 day and ≥ 2 days.
        let error = try #require(try bandsError("leave", "approval_by_days", [
            "{at_least: 0, at_most: 1, role: dept_manager}",
            "{at_least: 2, role: gm}",
        ]))
        #expect(error.key == "leave.approval_by_days")
        #expect(error.line == 4)
        #expect(error.problem.contains("gap"))
    }

    @Test("LV-07 a band in the middle without an upper edge is refused")
    func openMiddle() throws {
        let error = try #require(try bandsError("leave", "approval_by_days", [
            "{at_least: 0, role: cs_director}",
            "{above: 1, role: center_director}",
        ]))
        #expect(error.line == 3)
        #expect(error.problem.contains("no upper edge"))
    }
}
