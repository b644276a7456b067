import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What a handover carries over on its own (SHF-05/06): the outgoing person's open cases, their pending
/// return visits, and the staff changes of the day.
struct HandoverCarryOver {
    let db: any Database
    let services: AppServices

    static let limit = 50

    /// Open cases assigned to `userID` (at most 50, newest first).
    func openCases(of userID: UUID) async throws -> [UUID] {
        var filter = CaseRepository.Filter()
        filter.assigneeID = userID
        filter.statuses = CaseStatus.allCases.filter(\.isOpen)
        return try await CaseRepository(db: db).list(scope: .all, filter: filter, after: nil, limit: Self.limit).items.compactMap(\.id)
    }

    /// Return visits still open on the carried cases.
    func pendingReturnVisits(caseIDs: [UUID]) async throws -> [UUID] {
        guard !caseIDs.isEmpty else { return [] }
        return try await ReturnVisitRecord.query(on: db).filter(\.$caseID ~~ caseIDs)
            .filter(\.$state == ReturnVisitState.open.rawValue).limit(Self.limit).all().compactMap(\.id)
    }

    /// 人员调班情况: the day's roster entries added after the week's roster was built (more than an hour
    /// after its first entry), one line each, then the day's swaps (SWP) and leave (LV).
    func staffChanges(on date: LocalDate) async throws -> String? {
        let monday = QualityPeriod.weekStart(of: date)
        let week = try await RosterRepository(db: db).entries(from: monday.description, to: QualityPeriod.adding(6, to: monday).description)
        guard let built = week.map(\.createdAt).min() else { return nil }
        let entries = week.filter { $0.shiftDate == date.description && $0.createdAt > built.addingTimeInterval(3_600) }
        let names = try await CasePeople.names(of: entries.map(\.userID), db: db)
        var templates: [UUID: String] = [:]
        for template in try await RosterRepository(db: db).templates() { templates[template.id!] = template.name }
        let others = try await swapsAndLeave(on: date)
        let lines = entries.map { "+ \(names[$0.userID] ?? "—") \(templates[$0.shiftTemplateID] ?? "")" } + others
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    /// The day's approved shift swaps ("⇄ 甲 → 乙 班次") and approved leave ("− 姓名 病假") (SWP, LV).
    func swapsAndLeave(on date: LocalDate) async throws -> [String] {
        let calendar = services.rulebook.calendar
        let dayStart = calendar.startOfDay(date), dayEnd = calendar.startOfDay(QualityPeriod.adding(1, to: date))
        let leave = try await LeaveRequestRecord.query(on: db).filter(\.$state == "approved").filter(\.$startsAt < dayEnd)
            .filter(\.$endsAt > dayStart).sort(\.$startsAt).limit(Self.limit).all()
        let swaps = try await ShiftSwapRecord.query(on: db).filter(\.$state == "approved")
            .group(.or) { $0.filter(\.$swapDate == date.description).filter(\.$returnDate == date.description) }.limit(Self.limit).all()
        let names = try await CasePeople.names(of: leave.map(\.userID) + swaps.flatMap { [$0.requesterID, $0.counterpartID] }, db: db)
        let swapLines = swaps.map { "⇄ \(names[$0.requesterID] ?? "—") → \(names[$0.counterpartID] ?? "—")" }
        let leaveLines = leave.map { "− \(names[$0.userID] ?? "—") \(LeaveType(rawValue: $0.type)?.nameZh ?? $0.type)" }
        return swapLines + leaveLines
    }
}
