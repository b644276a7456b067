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

/// Booking a meeting room (REQUIREMENTS §18, API.md "Front desk"): the form, its approval, and the bad inputs.
@Suite("Meeting room bookings (MR)")
struct MeetingRoomBookingTests {
    @Test("MR-16 MR-09 a booking records name, time, duration, headcount and equipment and waits for approval")
    func bookingForm() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            let created = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body())
            #expect(created.status == .created, "\(created.body.string)")
            let b = try created.object()
            #expect(b["state"] as? String == "pending" && b["approval_id"] is String)
            #expect(b["title"] as? String == "季度复盘会" && b["attendees"] as? Int == 6 && b["equipment"] as? [String] == ["投影仪"])
            #expect(b["starts_at"] as? String == "2026-11-24T01:00:00Z" && b["ends_at"] as? String == "2026-11-24T02:00:00Z")
            #expect(b["department_id"] as? String == f.departmentID.uuidString)
            // MR-09: equipment the room does not have; more people than it seats; missing fields.
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("11:00", "12:00", extra: ["equipment": ["视频会议终端"]])).status == .badRequest)
            let crowd = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("11:00", "12:00", extra: ["attendees": 40]))
            #expect(try crowd.status == .badRequest && (crowd.error()["fields"] as? [String: String])?["attendees"] != nil)
            let empty = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: ["room_id": f.roomID])
            #expect(empty.status == .badRequest)
            #expect(Set(((try empty.error()["fields"] as? [String: String]) ?? [:]).keys).isSuperset(of: ["title", "starts_at", "ends_at", "attendees"]))
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body(extra: ["room_id": UUID().uuidString])).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body(day: "2026-11-20")).status == .badRequest)
        }
    }

    @Test("MR-16 a booking that ends before it starts is 400 on ends_at, and a zero-length one too")
    func endsBeforeStart() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            for (from, to) in [("10:00", "09:00"), ("10:00", "10:00")] {
                let response = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body(from, to))
                #expect(response.status == .badRequest)
                #expect(try response.error()["code"] as? String == "validation_failed")
                #expect((try response.error()["fields"] as? [String: String])?["ends_at"] == "结束时间必须晚于开始时间")
            }
            #expect(try await RoomBookingRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("MR-16 a booking longer than meeting_rooms.max_duration is 422 naming the key")
    func overMaxDuration() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("09:00", "17:00")).status == .created)
            let long = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("08:00", "17:01", day: "2026-11-25"))
            #expect(long.status == .unprocessableEntity)
            #expect(try long.error()["rule"] as? String == "meeting_rooms.max_duration")
            app.services.rulebook.meetingRooms.maxDuration = DurationSpec(value: 2, unit: .hours)
            let shorter = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("09:00", "12:00", day: "2026-11-26"))
            #expect(try shorter.status == .unprocessableEntity && (shorter.error()["rule"] as? String) == "meeting_rooms.max_duration")
        }
    }

    @Test("MR-02 MR-17 overlapping an approved or pending booking of the same room is 409; back-to-back and other rooms are fine")
    func overlap() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            let approved = try await f.approvedBooking(app, "09:00", "10:00")
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("10:00", "11:00")).status == .created)   // pending
            for (from, to) in [("09:30", "10:30"), ("08:00", "09:01"), ("10:30", "10:45"), ("08:00", "12:00")] {
                let clash = try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body(from, to))
                #expect(clash.status == .conflict, "\(from)-\(to)")
                #expect(try clash.error()["code"] as? String == "conflict")
            }
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("08:00", "09:00")).status == .created)
            let other = try await app.send(.POST, "api/v1/rooms", as: f.office, json: ["name": "二号会议室", "capacity": 8, "equipment": []])
            let otherID = try #require(try other.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("09:00", "10:00", extra: ["room_id": otherID, "equipment": []])).status == .created)
            // A cancelled booking frees its slot.
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(approved)/cancel", as: f.booker, json: [:]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("09:00", "10:00")).status == .created)
        }
    }

    @Test("MR-23 MR-17 the administrative office approves (the requester and other roles cannot); rejected bookings free the slot")
    func approval() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            let id = try #require(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body()).object()["id"] as? String)
            let waiting = try await app.send(.GET, "api/v1/notifications", as: f.office).items()
            #expect(waiting.contains { $0["kind"] as? String == "approval.waiting" })
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: f.booker, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: f.desk, json: [:]).status == .forbidden)
            let rejected = try await app.send(.POST, "api/v1/room-bookings/\(id)/reject", as: f.office, json: ["comment": "领导接待优先"])
            #expect(try rejected.object()["state"] as? String == "rejected")
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: f.office, json: [:]).status == .conflict)
            let again = try await f.approvedBooking(app)
            let booking = try await app.send(.GET, "api/v1/room-bookings/\(again)", as: f.booker).object()
            #expect(booking["state"] as? String == "approved")
            // The invited colleague hears of the approved meeting.
            #expect(try await app.send(.GET, "api/v1/notifications", as: f.colleague).items().contains { $0["kind"] as? String == "room_booking.invited" })
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "room_booking.approved").all()
            #expect(audit.first?.ruleKey == "meeting_rooms.approver")
        }
    }

    @Test("MR-23 with approver dept_manager only the manager of the administrative department approves")
    func approverFromRulebook() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            app.services.rulebook.meetingRooms.approver = .deptManager
            let admin = try await app.department("行政部", kind: .adminOffice)
            let head = try await app.staff("xingzhengzhuren", roles: [.deptManager], departmentID: admin)
            let otherManager = try await app.staff("kefuzhuren", roles: [.deptManager], departmentID: f.departmentID)
            let id = try #require(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body()).object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: otherManager, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: f.office, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: head, json: [:]).status == .ok)
            // The rooms are managed by the approver role too.
            #expect(try await app.send(.POST, "api/v1/rooms", as: head, json: ["name": "贵宾室", "capacity": 6]).status == .created)
        }
    }

    @Test("MR-01 rooms are managed by the administrative office only; names are unique; anyone lists them")
    func rooms() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            #expect(try await app.send(.POST, "api/v1/rooms", as: f.booker, json: ["name": "三号会议室", "capacity": 10]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/rooms", as: f.office, json: ["name": "一号会议室", "capacity": 10]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/rooms", as: f.office, json: ["name": "", "capacity": 0]).status == .badRequest)
            let rooms = try await app.send(.GET, "api/v1/rooms", as: f.booker).items()
            #expect(rooms.count == 1 && rooms[0]["capacity"] as? Int == 12 && rooms[0]["equipment"] as? [String] == ["投影仪", "麦克风"])
        }
    }

    @Test("MR-03 the usage book lists bookings by room and range, keyset-paginated")
    func listByRange() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            for hour in 9..<14 { _ = try await f.approvedBooking(app, String(format: "%02d:00", hour), String(format: "%02d:30", hour)) }
            _ = try await f.approvedBooking(app, "09:00", "10:00", day: "2026-11-26")
            let first = try await app.send(.GET, "api/v1/room-bookings?room_id=\(f.roomID)&from=2026-11-24&to=2026-11-25&limit=3", as: f.desk).object()
            #expect((first["items"] as? [[String: Any]])?.count == 3)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await app.send(.GET, "api/v1/room-bookings?room_id=\(f.roomID)&from=2026-11-24&to=2026-11-25&limit=3&cursor=\(cursor)", as: f.desk).object()
            #expect((second["items"] as? [[String: Any]])?.count == 2 && second["next_cursor"] as? String == nil)
            #expect(try await app.send(.GET, "api/v1/room-bookings?from=2026-11-25&to=2026-11-24", as: f.desk).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/room-bookings?state=maybe", as: f.desk).status == .badRequest)
        }
    }
}
