import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Roster entries with the names a reader needs (people, shifts, holidays), for the API and the pages.
struct RosterView {
    let db: any Database
    let services: AppServices

    func templateNames() async throws -> [UUID: String] {
        Dictionary(try await RosterRepository(db: db).templates().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func responses(from: LocalDate, to: LocalDate, teamID: UUID?, userID: UUID? = nil) async throws -> [RosterEntryResponse] {
        let entries = try await RosterRepository(db: db).entries(from: from.description, to: to.description, teamID: teamID, userID: userID)
        let names = try await CasePeople.names(of: entries.map(\.userID), db: db)
        let templates = try await templateNames()
        return entries.map { RosterEntryResponse($0, names: names, templates: templates, calendar: services.rulebook.calendar) }
    }

    func response(_ record: RosterEntryRecord) async throws -> RosterEntryResponse {
        RosterEntryResponse(record, names: try await CasePeople.names(of: [record.userID], db: db), templates: try await templateNames(),
                            calendar: services.rulebook.calendar)
    }

    func onDuty(at: Date, teamID: UUID?) async throws -> [OnDutyResponse.Person] {
        let entries = try await Availability(db: db).onDuty(at: at, teamID: teamID)
        let names = try await CasePeople.names(of: entries.map(\.userID), db: db)
        let templates = try await templateNames()
        return entries.map { .init(userID: $0.userID, name: names[$0.userID] ?? "", shiftName: templates[$0.shiftTemplateID] ?? "", endsAt: $0.endsAt, leads: $0.leads) }
    }
}

/// Who reads a handover: its two people, and the leaders who may override it (SHF-04). Anyone else gets 404.
enum HandoverView {
    static func canRead(_ record: HandoverRecord, staff: StaffUser, rules: AttendanceRules) -> Bool {
        staff.id == record.outgoingUserID || staff.id == record.incomingUserID || !staff.roles.isDisjoint(with: rules.handoverOverrideBy)
            || staff.has(.attendanceRollCall)
    }
}
