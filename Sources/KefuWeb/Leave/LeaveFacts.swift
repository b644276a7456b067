import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What the roster says about a leave period: the first shift it covers (notice counts back from it), night
/// and holiday-duty shifts, holidays; refuses overlapping leave (409) and leave on a swapped shift (SWP-08).
struct LeaveFacts {
    let db: any Database
    let services: AppServices

    /// The person's roster entries overlapping `start..<end`, by start (a leave is at most 180 days).
    func entries(userID: UUID, start: Date, end: Date) async throws -> [RosterEntryRecord] {
        try await RosterEntryRecord.query(on: db).filter(\.$userID == userID).filter(\.$startsAt < end).filter(\.$endsAt > start)
            .sort(\.$startsAt).limit(400).all()
    }

    func gather(userID: UUID, type: LeaveType, start: Date, end: Date, special: Bool, emergency: Bool) async throws -> LeavePolicy.Facts {
        let overlapping = try await LeaveRequestRecord.query(on: db).filter(\.$userID == userID).filter(\.$state ~~ LeaveRequests.activeStates)
            .filter(\.$startsAt < end).filter(\.$endsAt > start).first()
        if overlapping != nil { throw DomainError.conflict(reason: "error.leave.overlap") }
        let entries = try await entries(userID: userID, start: start, end: end)
        let rules = services.rulebook
        if !rules.shiftSwap.allowLeaveOnSwappedShifts, try await onSwap(entries.compactMap(\.id)) {
            throw DomainError.ruleViolation(rule: "shift_swap.allow_leave_on_swapped_shifts", reason: "error.leave.on_swap")
        }
        var templates: [UUID: ShiftTemplateRecord] = [:]
        for template in try await RosterRepository(db: db).templates() { templates[template.id!] = template }
        let calendar = rules.calendar
        let policy = LeavePolicy(rules: rules.leave, calendar: calendar)
        let holiday = policy.days(from: start, to: end).contains(where: calendar.holidays.contains)
            || entries.contains { templates[$0.shiftTemplateID]?.holidayDuty == true }
        let first = entries.first
        let night = first.flatMap { templates[$0.shiftTemplateID]?.night == true ? LocalDate($0.shiftDate) : nil }
        return LeavePolicy.Facts(type: type, startsAt: start, endsAt: end, special: special, emergency: emergency,
                                 firstShiftStart: first?.startsAt, nightShiftDate: night, holiday: holiday)
    }

    /// SWP-08: one of the entries is a swap or return shift of a pending or approved swap.
    func onSwap(_ ids: [UUID]) async throws -> Bool {
        guard !ids.isEmpty else { return false }
        return try await ShiftSwapRecord.query(on: db).filter(\.$state ~~ LeaveRequests.activeStates).group(.or) {
            $0.filter(\.$requesterRosterID ~~ ids).filter(\.$counterpartRosterID ~~ ids).filter(\.$returnRosterID ~~ ids)
        }.first() != nil
    }
}

/// The sick note (假条 / 医疗单位证明, LV-09/11): issuing institution and the periods it covers.
struct LeaveCertificate {
    let institution: String
    let periods: [(from: LocalDate, to: LocalDate)]

    static func parse(_ input: CreateLeaveRequest.Certificate?, errors: inout FieldErrors) -> LeaveCertificate? {
        guard let input else { return nil }
        let institution = errors.text(input.institution, "certificate.institution", limit: 200)
        var periods: [(from: LocalDate, to: LocalDate)] = []
        for period in (input.periods ?? []).prefix(20) {
            guard let from = period.from.flatMap(LocalDate.init), let to = period.to.flatMap(LocalDate.init) else {
                errors.add("certificate.periods", "error.field.invalid_value"); continue
            }
            periods.append((from, to))
        }
        if periods.isEmpty { errors.add("certificate.periods", "error.field.required") }
        return LeaveCertificate(institution: institution, periods: periods)
    }

    /// LV-11: the periods are continuous and cover the leave.
    static func check(_ certificate: LeaveCertificate, policy: LeavePolicy, start: Date, end: Date) throws {
        guard policy.certificateCovers(certificate.periods, start: start, end: end) else {
            throw DomainError.validation(fields: ["certificate.periods": "error.leave.certificate_not_continuous"])
        }
    }

    static func text(_ certificate: LeaveCertificate) -> String {
        certificate.periods.map { "\($0.from)/\($0.to)" }.joined(separator: ",")
    }
}
