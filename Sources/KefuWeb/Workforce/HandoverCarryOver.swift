import FluentKit
import Fluent
import Foundation
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
    /// after its first entry), one line each. Swaps (SWP) and leave (LV) of the day join here through
    /// `swapsAndLeave(on:)` when those modules exist.
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

    /// SEAM: shift swaps and leave of the day (none exist yet).
    func swapsAndLeave(on date: LocalDate) async throws -> [String] { [] }
}
