import Foundation
import Testing
@testable import KefuDomain

@Suite("Access: login protection, roles and data scope")
struct AccessTests {
    let t0 = Date(timeIntervalSince1970: 1_795_399_200)

    @Test("Five failed logins within 15 minutes lock the account for 15 minutes")
    func lockout() {
        let throttle = LoginThrottle()
        var state = LoginThrottle.State()
        for minute in 0..<4 {
            state = throttle.recordingFailure(state, at: t0.addingTimeInterval(Double(minute) * 60))
            #expect(!throttle.isLocked(state, at: t0.addingTimeInterval(Double(minute) * 60)))
        }
        state = throttle.recordingFailure(state, at: t0.addingTimeInterval(240))
        #expect(throttle.isLocked(state, at: t0.addingTimeInterval(241)))
        #expect(throttle.isLocked(state, at: t0.addingTimeInterval(240 + 899)))
        #expect(!throttle.isLocked(state, at: t0.addingTimeInterval(240 + 900)))
    }

    @Test("Failures spread over more than 15 minutes never lock")
    func slowFailures() {
        let throttle = LoginThrottle()
        var state = LoginThrottle.State()
        for index in 0..<10 {
            let at = t0.addingTimeInterval(Double(index) * 16 * 60 / 4 * 1.1)
            state = throttle.recordingFailure(state, at: at)
            if index % 4 == 3 { state = throttle.recordingSuccess(state) }
            #expect(!throttle.isLocked(state, at: at))
        }
    }

    @Test("Usernames and passwords are checked the same way everywhere", arguments: [
        ("admin", true), ("zhang.wei-2", true), ("ab", false), ("Admin", false), ("张伟", false), ("a b", false),
    ])
    func usernames(name: String, valid: Bool) {
        #expect(Credentials.isValidUsername(name) == valid)
    }

    @Test("Every role has a row in the permission table; only admins manage users")
    func permissionTable() {
        for role in Role.allCases { #expect(RolePermissions.table[role] != nil) }
        #expect(RolePermissions.permissions(of: [.admin]).contains(.usersManage))
        #expect(!RolePermissions.permissions(of: [.agent, .teamLeader, .csDirector, .gm]).contains(.usersManage))
        #expect(RolePermissions.permissions(of: [.agent]).contains(.approvalsDecide))
    }

    @Test("Data scope: directors see all, leaders their team (or department when they lead none), agents their own")
    func scopes() {
        #expect(DataScope.of(roles: [.csDirector], leadsTeam: false) == .all)
        #expect(DataScope.of(roles: [.teamLeader], leadsTeam: true) == .team)
        #expect(DataScope.of(roles: [.teamLeader], leadsTeam: false) == .department)
        #expect(DataScope.of(roles: [.agent], leadsTeam: false) == .own)
        #expect(DataScope.of(roles: [.agent, .admin], leadsTeam: false) == .all)
    }
}
