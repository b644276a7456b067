import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The people at a level above a reporter (ESC-06/13): the reporter's own team leader for `team_leader`,
/// otherwise the active holders of the role in the reporter's department (or anywhere when the department
/// has none), first by username.
struct UpwardReportSuperiors {
    let db: any Database

    func candidates(for reporter: UserRecord, role: Role) async throws -> [UserRecord] {
        if role == .teamLeader, let teamID = reporter.teamID, let team = try await TeamRecord.find(teamID, on: db),
           let leaderID = team.leaderID, leaderID != reporter.id, let leader = try await UserRecord.find(leaderID, on: db), leader.active {
            return [leader]
        }
        let users = UserRepository(db: db)
        var people = try await users.active(withRole: role, departmentID: reporter.departmentID, limit: 20)
        if people.isEmpty, reporter.departmentID != nil { people = try await users.active(withRole: role, limit: 20) }
        return people.filter { $0.id != reporter.id }
    }

    /// The superior of a superior (ESC-07: an objection after execution goes one level above them).
    func above(_ superior: UserRecord, routing: UpwardReportRouting) async throws -> UserRecord? {
        let role = routing.level(of: superior.roles).flatMap { routing.chain.indices.contains($0 + 1) ? routing.chain[$0 + 1] : nil }
            ?? superior.roles.compactMap { routing.rules.roleRoutes[$0] }.first
        guard let role else { return nil }
        return try await candidates(for: superior, role: role).first
    }
}
