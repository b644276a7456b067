import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The swap rules that need the database; each refusal is a 422 naming its `shift_swap.*` key.
struct ShiftSwapChecks {
    let db: any Database
    let services: AppServices

    var rules: ShiftSwapRules { services.rulebook.shiftSwap }

    /// SWP-11: holiday on-duty staff may not swap (a holiday-duty template, or a shift on a holiday).
    func holidayDuty(_ entries: [RosterEntryRecord]) async throws {
        guard !rules.allowHolidayDutySwap else { return }
        let calendar = services.rulebook.calendar
        var templates: [UUID: ShiftTemplateRecord] = [:]
        for template in try await RosterRepository(db: db).templates() { templates[template.id!] = template }
        let holiday = entries.contains { entry in
            templates[entry.shiftTemplateID]?.holidayDuty == true || LocalDate(entry.shiftDate).map(calendar.holidays.contains) == true
        }
        if holiday { throw DomainError.ruleViolation(rule: "shift_swap.allow_holiday_duty_swap", reason: "error.swap.holiday_duty") }
    }

    /// SWP-06: same job type and skill, grades within `max_grade_difference`.
    func partners(_ a: UserRecord, _ b: UserRecord) throws {
        let left = (roles: a.roles, grade: a.grade.flatMap(Grade.init), skill: a.skill.flatMap(Skill.init))
        let right = (roles: b.roles, grade: b.grade.flatMap(Grade.init), skill: b.skill.flatMap(Skill.init))
        guard SwapPartners.comparable((left.roles, nil, left.skill), (right.roles, nil, right.skill), rules: rules) else {
            throw DomainError.ruleViolation(rule: "shift_swap.require_same_job_type", reason: "error.swap.job_type")
        }
        guard SwapPartners.comparable(left, right, rules: rules) else {
            throw DomainError.ruleViolation(rule: "shift_swap.max_grade_difference", reason: "error.swap.grade")
        }
    }

    /// One entry is in one live swap at a time.
    func notSwapped(_ entries: [RosterEntryRecord]) async throws {
        if try await LeaveFacts(db: db, services: services).onSwap(entries.compactMap(\.id)) {
            throw DomainError.conflict(reason: "error.swap.already_swapped")
        }
    }

    /// The person's live swaps (as either party) whose swap day is within `from…to`.
    func swaps(of person: UUID, from: String, to: String) async throws -> [ShiftSwapRecord] {
        let asRequester = try await ShiftSwapRecord.query(on: db).filter(\.$requesterID == person).filter(\.$state ~~ LeaveRequests.activeStates)
            .filter(\.$swapDate >= from).filter(\.$swapDate <= to).limit(100).all()
        let asCounterpart = try await ShiftSwapRecord.query(on: db).filter(\.$counterpartID == person).filter(\.$state ~~ LeaveRequests.activeStates)
            .filter(\.$swapDate >= from).filter(\.$swapDate <= to).limit(100).all()
        return asRequester + asCounterpart
    }

    /// SWP-03: at most `max_per_month` live swaps a person in the month of the swap shift.
    func monthlyLimit(_ person: UUID, date: String) async throws {
        let month = String(date.prefix(7))
        if try await swaps(of: person, from: month + "-01", to: month + "-31").count >= rules.maxPerMonth {
            throw DomainError.ruleViolation(rule: "shift_swap.max_per_month", reason: "error.swap.max_per_month")
        }
    }

    /// SWP-04: no swap on the day before or after another swap of the same person.
    func notConsecutive(_ person: UUID, date: String) async throws {
        guard !rules.allowConsecutive, let day = LocalDate(date) else { return }
        let near = try await swaps(of: person, from: QualityPeriod.adding(-1, to: day).description, to: QualityPeriod.adding(1, to: day).description)
        if !near.isEmpty { throw DomainError.ruleViolation(rule: "shift_swap.allow_consecutive", reason: "error.swap.consecutive") }
    }

    /// SWP-05: `person` taking `entry` would not touch or overlap another of their shifts (`leaving` is the
    /// shift they give up in the same swap). Overlaps are refused even where back-to-back is allowed.
    func notBackToBack(_ person: UUID, takes entry: RosterEntryRecord, leaving: UUID?) async throws {
        let touching = try await RosterEntryRecord.query(on: db).filter(\.$userID == person)
            .filter(\.$startsAt <= entry.endsAt).filter(\.$endsAt >= entry.startsAt).limit(10).all()
            .filter { $0.id != leaving && $0.id != entry.id }
        guard !touching.isEmpty else { return }
        let overlapping = touching.contains { $0.startsAt < entry.endsAt && $0.endsAt > entry.startsAt }
        if overlapping { throw DomainError.conflict(reason: "error.roster.overlap") }
        if !rules.allowBackToBack { throw DomainError.ruleViolation(rule: "shift_swap.allow_back_to_back", reason: "error.swap.back_to_back") }
    }
}
