import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// A chat desk for the chatcore tests: a customer-service department with a chat team led by `leader`, agents
/// rostered on a day shift covering `Date.t0` (the clock stands at t0), and customer-side requests by token.
struct ChatDesk {
    let app: Application
    let clock: TestClock
    let department: UUID
    let team: UUID
    let leader: TestStaff
    let template: UUID

    static func make(_ app: Application) async throws -> ChatDesk {
        let clock = TestClock(.t0)
        app.services.now = { clock.now }
        let department = try await app.department("客服部")
        let leader = try await app.staff("banzhang", roles: [.teamLeader], departmentID: department)
        let team = try await app.team("在线一组", departmentID: department, leaderID: leader.id)
        let template = ShiftTemplateRecord()
        template.name = "白班"; template.startsAt = "08:00"; template.endsAt = "16:00"; template.breaks = ""; template.night = false
        template.holidayDuty = false; template.active = true; template.createdAt = .t0; template.version = 1
        try await template.create(on: app.db)
        return ChatDesk(app: app, clock: clock, department: department, team: team, leader: leader, template: template.id!)
    }

    var chats: Chats { Chats(db: app.db, services: app.services, hub: app.chatHub) }

    /// An agent of `team` (default: the chat team), on duty now unless `onDuty` is false.
    func agent(_ name: String, team: UUID? = nil, department: UUID? = nil, onDuty: Bool = true) async throws -> TestStaff {
        let agent = try await app.staff(name, roles: [.agent], departmentID: department ?? self.department, teamID: team ?? self.team)
        if onDuty { try await roster(agent, team: team ?? self.team) }
        return agent
    }

    /// `who` on the day shift of 2026-11-23 (08:00–16:00 Shanghai), covering t0 (10:00).
    func roster(_ who: TestStaff, team: UUID?) async throws {
        let entry = RosterEntryRecord()
        entry.userID = who.id; entry.teamID = team; entry.shiftDate = "2026-11-23"; entry.shiftTemplateID = template
        entry.startsAt = Date.t0.addingTimeInterval(-2 * 3_600); entry.endsAt = Date.t0.addingTimeInterval(6 * 3_600); entry.leads = false
        entry.createdBy = leader.id; entry.createdAt = .t0; entry.version = 1
        try await entry.create(on: app.db)
    }

    func user(_ staff: TestStaff) async throws -> StaffUser { try await app.staffUser(of: staff) }

    func reload(_ chat: ChatRecord) async throws -> ChatRecord { try #require(try await ChatRecord.find(chat.id!, on: app.db)) }

    /// A customer-side request carrying the chat's token.
    func customer(_ method: HTTPMethod, _ path: String, token: String, json: [String: Any]? = nil, bytes: [UInt8]? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.add(name: "X-Chat-Token", value: token)
        var body: ByteBuffer?
        if let json { headers.contentType = .json; body = ByteBuffer(data: try JSONSerialization.data(withJSONObject: json)) }
        if let bytes { headers.contentType = .binary; body = ByteBuffer(bytes: bytes) }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    /// Raw bytes posted by a member of staff.
    func staffBytes(_ path: String, as staff: TestStaff, bytes: [UInt8]) async throws -> TestingHTTPResponse {
        var headers = staff.bearer
        headers.contentType = .binary
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    func messages(_ chat: ChatRecord) async throws -> [ChatMessageRecord] {
        try await ChatRepository(db: app.db).messages(chatID: chat.id!, after: 0, limit: 100)
    }
}

extension TestingHTTPResponse {
    /// The `error.rule` of an API error body (422).
    var errorRule: String? {
        struct Body: Decodable { struct E: Decodable { let rule: String? }; let error: E }
        return try? JSONDecoder().decode(Body.self, from: Data(body.readableBytesView)).error.rule
    }
}
