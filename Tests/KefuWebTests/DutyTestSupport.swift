import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Vapor

/// Duties and safety tests: a small cast, the shift roster written directly (the roster API has its own tests),
/// and approved leave.
struct DutyCast {
    let supervisor: TestStaff, director: TestStaff, leaderA: TestStaff, leaderB: TestStaff
    let wang: TestStaff, lili: TestStaff, zhao: TestStaff, admin: TestStaff
    let department: UUID, teamA: UUID, teamB: UUID, day: UUID, night: UUID

    static func make(_ app: Application) async throws -> DutyCast {
        let department = try await app.department("客服部")
        let leaderA = try await app.staff("zuzhanga", roles: [.teamLeader], departmentID: department)
        let leaderB = try await app.staff("zuzhangb", roles: [.teamLeader], departmentID: department)
        let teamA = try await app.team("一组", departmentID: department, leaderID: leaderA.id)
        let teamB = try await app.team("二组", departmentID: department, leaderID: leaderB.id)
        try await Self.setTeam(app, leaderA, teamA); try await Self.setTeam(app, leaderB, teamB)
        return DutyCast(
            supervisor: try await app.staff("zhuguan", roles: [.shiftLeader], departmentID: department),
            director: try await app.staff("zhuren", roles: [.csDirector], departmentID: department),
            leaderA: leaderA, leaderB: leaderB,
            wang: try await app.staff("wang", roles: [.agent], departmentID: department, teamID: teamA),
            lili: try await app.staff("lili", roles: [.agent], departmentID: department, teamID: teamA),
            zhao: try await app.staff("zhao", roles: [.agent], departmentID: department, teamID: teamB),
            admin: try await app.staff("xingzheng", roles: [.adminOffice]),
            department: department, teamA: teamA, teamB: teamB,
            day: try await template(app, "白班", night: false), night: try await template(app, "夜班", night: true))
    }

    static func setTeam(_ app: Application, _ staff: TestStaff, _ team: UUID) async throws {
        let user = try await UserRecord.find(staff.id, on: app.db)!
        user.teamID = team
        try await user.save(on: app.db)
    }

    static func template(_ app: Application, _ name: String, night: Bool) async throws -> UUID {
        let t = ShiftTemplateRecord()
        t.name = name; t.startsAt = night ? "22:00" : "08:00"; t.endsAt = night ? "06:00" : "17:00"; t.breaks = ""; t.night = night
        t.holidayDuty = false; t.active = true; t.createdAt = .t0; t.version = 1
        try await t.create(on: app.db)
        return t.id!
    }

    /// `who` on shift `template` on `date` (YYYY-MM-DD), as the 班长 of it when `leads`.
    func roster(_ app: Application, _ who: TestStaff, _ date: String, night: Bool = false, team: UUID? = nil, leads: Bool = false) async throws {
        let start = app.services.rulebook.calendar.instant(LocalDate(date)!, LocalTime(night ? "22:00" : "08:00")!)
        let entry = RosterEntryRecord()
        entry.userID = who.id; entry.teamID = team; entry.shiftDate = date; entry.shiftTemplateID = night ? self.night : day
        entry.startsAt = start; entry.endsAt = start.addingTimeInterval(8 * 3_600); entry.leads = leads
        entry.createdBy = supervisor.id; entry.createdAt = .t0; entry.version = 1
        try await entry.create(on: app.db)
    }

    /// An approved leave of `who` for the whole of `date`.
    func leave(_ app: Application, _ who: TestStaff, _ date: String) async throws {
        let calendar = app.services.rulebook.calendar
        let record = LeaveRequestRecord()
        record.userID = who.id; record.departmentID = department; record.type = "personal"
        record.startsAt = calendar.startOfDay(LocalDate(date)!); record.endsAt = record.startsAt.addingTimeInterval(86_400)
        record.days = "1"; record.reason = "家事"; record.special = false; record.emergency = false; record.noticeRule = "leave.notice"
        record.filedBy = who.id; record.state = "approved"; record.certificateNeeded = false; record.createdAt = .t0; record.version = 1
        try await record.create(on: app.db)
    }
}

extension Array where Element == [String: Any] {
    func ofKind(_ kind: String) -> [[String: Any]] { filter { $0["kind"] as? String == kind } }
}
