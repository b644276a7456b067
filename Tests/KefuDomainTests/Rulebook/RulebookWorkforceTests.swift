import Foundation
import Testing
@testable import KefuDomain

@Suite("Rulebook: leave, swaps, accountability, staff, fines, front desk")
struct RulebookWorkforceTests {
    @Test("LV-07 one day of leave is approved by the CS director")
    func oneDayLeave() throws {
        #expect(try RulebookFixture.standard().leave.approvalRole(forDays: 1) == .csDirector)
    }

    @Test("LV-07 1.5 days of leave are approved by the center director")
    func longerLeave() throws {
        let leave = try RulebookFixture.standard().leave
        #expect(leave.approvalRole(forDays: Decimal(string: "1.5")!) == .centerDirector)
        #expect(leave.approvalRole(forDays: Decimal(string: "0.5")!) == .csDirector)
    }

    @Test("LV-03 general personal leave is requested one natural day ahead")
    func generalNotice() throws {
        #expect(try RulebookFixture.standard().leave.notice.general == DurationSpec(value: 1, unit: .naturalDays))
    }

    @Test("LV-04 special personal leave is requested one hour before the shift")
    func specialNotice() throws {
        #expect(try RulebookFixture.standard().leave.notice.specialBeforeShift == DurationSpec(value: 1, unit: .hours))
    }

    @Test("LV-13 night-shift leave is requested before 12:00 the same day")
    func nightShiftNotice() throws {
        #expect(try RulebookFixture.standard().leave.notice.nightShiftBefore == LocalTime(hour: 12, minute: 0))
    }

    @Test("LV-14 holiday leave is requested two natural days ahead")
    func holidayNotice() throws {
        #expect(try RulebookFixture.standard().leave.notice.holiday == DurationSpec(value: 2, unit: .naturalDays))
    }

    @Test("LV-15 holiday leave is an exception with notice by default, and can be forbidden")
    func holidayLeave() throws {
        #expect(try RulebookFixture.standard().leave.holidayLeave == .exceptionWithNotice)
        #expect(try RulebookFixture.load("leave: {holiday_leave: forbidden}").leave.holidayLeave == .forbidden)
    }

    @Test("LV-09 sick leave of one day or more needs a medical certificate")
    func sickCertificate() throws {
        let leave = try RulebookFixture.standard().leave
        #expect(leave.needsSickCertificate(days: 1))
        #expect(!leave.needsSickCertificate(days: Decimal(string: "0.5")!))
    }

    @Test("LV-16 leave for official business is approved by the center director")
    func officialBusiness() throws {
        #expect(try RulebookFixture.standard().leave.officialBusinessApprover == .centerDirector)
    }

    @Test("SWP-02 both parties' team leaders approve a swap")
    func swapApprovers() throws {
        let swap = try RulebookFixture.standard().shiftSwap
        #expect(swap.approverRole == .teamLeader)
        #expect(swap.bothPartiesApprove)
    }

    @Test("SWP-03 at most 2 swaps per person per month")
    func swapsPerMonth() throws {
        #expect(try RulebookFixture.standard().shiftSwap.maxPerMonth == 2)
    }

    @Test("SWP-04 SWP-05 no consecutive swaps and no back-to-back shifts")
    func noConsecutive() throws {
        let swap = try RulebookFixture.standard().shiftSwap
        #expect(!swap.allowConsecutive)
        #expect(!swap.allowBackToBack)
    }

    @Test("SWP-06 partners do the same work at a comparable grade")
    func comparableGrades() throws {
        let swap = try RulebookFixture.standard().shiftSwap
        #expect(swap.requireSameJobType)
        #expect(swap.gradesComparable(.junior, .intermediate))
        #expect(!swap.gradesComparable(.junior, .senior))
    }

    @Test("SWP-08 SWP-11 no leave on swapped shifts and no swap of holiday duty")
    func swapRestrictions() throws {
        let swap = try RulebookFixture.standard().shiftSwap
        #expect(!swap.allowLeaveOnSwappedShifts)
        #expect(!swap.allowHolidayDutySwap)
    }

    @Test("ACC-10 an accountability decision may be appealed to HR within 3 natural days")
    func appealWindow() throws {
        let rules = try RulebookFixture.standard().accountability
        #expect(rules.appealWithin == DurationSpec(value: 3, unit: .naturalDays))
        #expect(rules.appealTo == .hr)
    }

    @Test("ACC-35 an appeal does not suspend the decision")
    func appealDoesNotSuspend() throws {
        #expect(try !RulebookFixture.standard().accountability.appealSuspendsDecision)
    }

    @Test("ACC-07 ACC-36 the CS sanction catalogue, combinable")
    func sanctions() throws {
        let rules = try RulebookFixture.standard().accountability
        #expect(rules.sanctions == [.admonishmentTalk, .writtenSelfCriticism, .circulatedCriticism, .fine, .dismissal])
        #expect(rules.sanctionsCombinable)
    }

    @Test("ORG-11 typing speed is 30 characters a minute for juniors and 50 for intermediates")
    func typingSpeed() throws {
        let staff = try RulebookFixture.standard().staff
        #expect(staff.typingSpeed(for: .junior) == 30)
        #expect(staff.typingSpeed(for: .intermediate) == 50)
    }

    @Test("PRM-17 monthly pay follows the promotion ladder",
          arguments: [(Grade.probation, 1800), (.junior, 2200), (.intermediate, 2500), (.senior, 3000), (.reserveSupervisor, 4000)])
    func payGrades(grade: Grade, pay: Int) throws {
        #expect(try RulebookFixture.standard().payGrades[grade]?.monthlyPay == Decimal(pay))
    }

    @Test("PRM-08 PRM-10 PRM-12 promotion needs 3, 6 and 12 months of service")
    func monthsOfService() throws {
        let grades = try RulebookFixture.standard().payGrades
        #expect(grades[.intermediate]?.minMonthsOfService == 3)
        #expect(grades[.senior]?.minMonthsOfService == 6)
        #expect(grades[.reserveSupervisor]?.minMonthsOfService == 12)
        #expect(grades[.reserveSupervisor]?.excellentTitles == 3)
    }

    @Test("PRM-07 PRM-09 dismissal and demotion thresholds")
    func promotionThresholds() throws {
        let promotion = try RulebookFixture.standard().promotion
        #expect(promotion.failedMonthsBeforeDismissal == 3)
        #expect(promotion.demotionMonthsOutsideTop == 3)
        #expect(promotion.demotionQuarterlyBGrades == 2)
        #expect(promotion.topRank == 3)
        #expect(promotion.quarterlyGrades == ["A", "B", "C"])
    }

    @Test("ATT-05 lateness costs 10 yuan, then 20 yuan each time in the month")
    func lateness() throws {
        let late = try #require(try RulebookFixture.standard().fines.catalogue["late_or_early"])
        #expect(late.outcome(occurrence: 1) == .fine(10))
        #expect(late.outcome(occurrence: 2) == .fine(20))
        #expect(late.outcome(occurrence: 5) == .fine(20))
    }

    @Test("ATT-10 private landline calls cost 50 then 100 yuan, the third time dismissal")
    func privateCalls() throws {
        let calls = try #require(try RulebookFixture.standard().fines.catalogue["private_landline_call"])
        #expect(calls.outcome(occurrence: 1) == .fine(50))
        #expect(calls.outcome(occurrence: 2) == .fine(100))
        #expect(calls.outcome(occurrence: 3) == .dismissal)
    }

    @Test("ATT-03 ATT-04 ATT-07 ATT-17 attendance thresholds and the informant reward")
    func attendance() throws {
        let fines = try RulebookFixture.standard().fines
        #expect(fines.offPostConsentAfterMinutes == 10)
        #expect(fines.violationAfterMinutes == 20)
        #expect(fines.absenteeismDayPayMultiple == 2)
        #expect(fines.absenceDaysBeforeResignation == 2)
        #expect(fines.informantReward == 50)
        #expect(fines.monthlyReset && fines.paidSameDay)
    }

    @Test("ATT-31 an organization adds a violation and drops one with ~")
    func catalogueOverride() throws {
        // given
        let override = """
        fines:
          catalogue:
            snacks: {name_zh: 上班吃零食, amounts: [30], after_last: repeat_last}
            uniform_outside: ~
        """
        // when
        let fines = try RulebookFixture.load(override).fines
        // then
        #expect(fines.catalogue["snacks"]?.amounts == [30])
        #expect(fines.catalogue["uniform_outside"] == nil)
        #expect(fines.catalogue["late_or_early"] != nil)
    }

    @Test("FDA-03 visitor badges run from V001 to V200")
    func badgePool() throws {
        let pool = try RulebookFixture.standard().frontDesk.badgePool
        #expect(pool.count == 200)
        #expect(pool.first == "V001")
        #expect(pool.last == "V200")
    }

    @Test("SHF-16 the calendar knows China's 2025 and 2026 holidays and 调休 make-up days, as the State Council published them")
    func calendar() throws {
        let rulebook = try RulebookFixture.standard()
        let calendar = rulebook.calendar
        #expect(calendar.timeZone.identifier == "Asia/Shanghai")
        #expect(calendar.holidays.contains(LocalDate(year: 2026, month: 2, day: 17)))
        #expect(calendar.holidays.contains(LocalDate(year: 2026, month: 10, day: 7)))
        #expect(calendar.holidays.count == 28 + 33)
        // 国办发明电〔2024〕12号: 春节 1月28日至2月4日, 国庆节、中秋节 10月1日至8日; 元旦 1 day without 调休.
        #expect(calendar.holidays.contains(LocalDate(year: 2025, month: 1, day: 28)))
        #expect(calendar.holidays.contains(LocalDate(year: 2025, month: 10, day: 8)))
        #expect(!calendar.holidays.contains(LocalDate(year: 2025, month: 1, day: 2)))
        #expect(calendar.makeUpWorkdays == Set(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11", "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20",
                                                "2026-10-10"].compactMap(LocalDate.init)))
        #expect(calendar.weeklySpans[.monday] == [WorkSpan("08:30-12:00")!, WorkSpan("13:30-17:30")!])
        #expect(calendar.weeklySpans[.saturday] == nil)
        #expect(calendar == BusinessCalendar(timeZone: calendar.timeZone, weeklySpans: BusinessCalendar.standardChina.weeklySpans,
                                             holidays: calendar.holidays, makeUpWorkdays: calendar.makeUpWorkdays))
    }
}
