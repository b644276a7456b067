import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// The people of the meeting-room tests: the administrative office (approver, MR-23 default), the front desk,
/// a booker in a CS department and a colleague she invites; one room with a projector and microphones.
struct RoomFixture {
    let office: TestStaff, desk: TestStaff, booker: TestStaff, colleague: TestStaff, departmentID: UUID, roomID: String

    static func make(_ app: Application, clock: TestClock? = nil) async throws -> RoomFixture {
        let clock = clock ?? TestClock(.t0)
        app.services.now = { clock.now }
        let department = try await app.department("客服一部")
        let office = try await app.staff("xingzheng", roles: [.adminOffice])
        let desk = try await app.staff("qiantai", roles: [.frontDesk])
        let booker = try await app.staff("lina", roles: [.agent], departmentID: department)
        let colleague = try await app.staff("zhaoming", roles: [.agent], departmentID: department)
        let room = try await app.send(.POST, "api/v1/rooms", as: office, json: ["name": "一号会议室", "capacity": 12, "equipment": ["投影仪", "麦克风"]])
        #expect(room.status == .created, "\(room.body.string)")
        return RoomFixture(office: office, desk: desk, booker: booker, colleague: colleague, departmentID: department,
                           roomID: try #require(try room.object()["id"] as? String))
    }

    /// A booking body on Tuesday 2026-11-24 (the day after `Date.t0`) from `from` to `to` (HH:MM, +08:00).
    func body(_ from: String = "09:00", _ to: String = "10:00", day: String = "2026-11-24", title: String = "季度复盘会",
              extra: [String: Any] = [:]) -> [String: Any] {
        var body: [String: Any] = ["room_id": roomID, "title": title, "starts_at": "\(day)T\(from):00+08:00", "ends_at": "\(day)T\(to):00+08:00",
                                   "attendees": 6, "attendee_ids": [colleague.id.uuidString], "equipment": ["投影仪"]]
        body.merge(extra) { _, new in new }
        return body
    }

    /// Books as the booker and approves as the office; returns the booking id.
    func approvedBooking(_ app: Application, _ from: String = "09:00", _ to: String = "10:00", day: String = "2026-11-24") async throws -> String {
        let created = try await app.send(.POST, "api/v1/room-bookings", as: booker, json: body(from, to, day: day))
        #expect(created.status == .created, "\(created.body.string)")
        let id = try #require(try created.object()["id"] as? String)
        let approved = try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: office, json: [:])
        #expect(approved.status == .ok, "\(approved.body.string)")
        return id
    }
}
