import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Lists of leave and swaps in the viewer's data scope (own, their teams, department, all — from the roles,
/// checked in the query), a person's balance for a year and the team's month calendar.
struct LeaveQueries {
    let db: any Database
    let services: AppServices

    /// `own` asks for one's own records only; anything else the widest scope the roles give.
    func scope(_ staff: StaffUser, own: Bool) async throws -> UserRepository.Scope {
        if own { return .only(staff.id) }
        return try await UserScope.of(staff, db: db)
    }

    func leave(in scope: UserRepository.Scope, state: String?, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<LeaveRequestRecord> {
        var query = LeaveRequestRecord.query(on: db)
        switch scope {
        case .all: break
        case .department(let id): query = query.filter(\.$departmentID == id)
        case .teams(let ids): query = query.filter(\.$teamID ~~ ids)
        case .only(let id): query = query.filter(\.$userID == id)
        }
        if let state { query = query.filter(\.$state == state) }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$startsAt < date).group(.and) { $0.filter(\.$startsAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$startsAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.startsAt), id: $0.id!).encoded } : nil)
    }

    func swaps(in scope: UserRepository.Scope, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<ShiftSwapRecord> {
        var query = ShiftSwapRecord.query(on: db)
        switch scope {
        case .all: break
        case .department(let id):
            let teams = try await TeamRecord.query(on: db).filter(\.$departmentID == id).limit(200).all().compactMap(\.id)
            query = query.group(.or) { $0.filter(\.$requesterTeamID ~~ teams).filter(\.$counterpartTeamID ~~ teams) }
        case .teams(let ids): query = query.group(.or) { $0.filter(\.$requesterTeamID ~~ ids).filter(\.$counterpartTeamID ~~ ids) }
        case .only(let id): query = query.group(.or) { $0.filter(\.$requesterID == id).filter(\.$counterpartID == id) }
        }
        if let cursor {
            let date = try Cursor.date(cursor.key)
            query = query.group(.or) { $0.filter(\.$createdAt < date).group(.and) { $0.filter(\.$createdAt == date).filter(\.$id < cursor.id) } }
        }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id, .descending).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        return KeysetPage(items: items, nextCursor: rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0.createdAt), id: $0.id!).encoded } : nil)
    }

    /// Whether `staff` may see `userID`'s records (their scope, or they filed it).
    func canSee(_ userID: UUID, staff: StaffUser) async throws -> Bool {
        if userID == staff.id { return true }
        guard let user = try await UserRepository(db: db).find(userID) else { return false }
        return UserScope.contains(try await UserScope.of(staff, db: db), user)
    }

    /// Days of approved leave per type in `year` (by start), and the requests refused or counted as 旷工.
    struct Balance: Sendable { var approvedDays: [String: Decimal]; var pending: Int; var absenteeism: Int; var history: [LeaveRequestRecord] }

    func balance(of userID: UUID, year: Int) async throws -> Balance {
        let calendar = services.rulebook.calendar
        let from = calendar.startOfDay(LocalDate(year: year, month: 1, day: 1)), to = calendar.startOfDay(LocalDate(year: year + 1, month: 1, day: 1))
        let rows = try await LeaveRequestRecord.query(on: db).filter(\.$userID == userID).filter(\.$startsAt >= from).filter(\.$startsAt < to)
            .sort(\.$startsAt, .descending).limit(500).all()
        var days: [String: Decimal] = [:]
        for row in rows where row.state == "approved" { days[row.type, default: 0] += Decimal(string: row.days) ?? 0 }
        return Balance(approvedDays: days, pending: rows.filter { $0.state == "pending" }.count,
                       absenteeism: rows.filter { $0.absenteeismAt != nil }.count, history: rows)
    }

    /// Approved and pending leave of the people in `scope` overlapping the month (calendar view).
    func month(_ year: Int, _ month: Int, scope: UserRepository.Scope) async throws -> (days: [LocalDate], leave: [LeaveRequestRecord]) {
        let calendar = services.rulebook.calendar
        let first = LocalDate(year: year, month: month, day: 1)
        let next = month == 12 ? LocalDate(year: year + 1, month: 1, day: 1) : LocalDate(year: year, month: month + 1, day: 1)
        var days: [LocalDate] = []
        var day = first
        while day < next { days.append(day); day = QualityPeriod.adding(1, to: day) }
        var query = LeaveRequestRecord.query(on: db).filter(\.$state ~~ LeaveRequests.activeStates)
            .filter(\.$startsAt < calendar.startOfDay(next)).filter(\.$endsAt > calendar.startOfDay(first))
        switch scope {
        case .all: break
        case .department(let id): query = query.filter(\.$departmentID == id)
        case .teams(let ids): query = query.filter(\.$teamID ~~ ids)
        case .only(let id): query = query.filter(\.$userID == id)
        }
        return (days, try await query.sort(\.$startsAt).limit(1_000).all())
    }
}
