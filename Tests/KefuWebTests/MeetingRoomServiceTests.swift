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

/// What happens around a booking: weekly series, the day-before reminder (MR-18), equipment checks
/// (MR-10/15), minutes (MR-21), study-material loans (MR-05) and external rental (MR-06).
@Suite("Meeting room services (MR)")
struct MeetingRoomServiceTests {
    @Test("MR-16 a weekly series is booked whole under one approval; any taken week refuses it all, listing the dates")
    func weeklySeries() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            _ = try await f.approvedBooking(app, "09:30", "10:30", day: "2026-12-08")
            _ = try await f.approvedBooking(app, "09:00", "09:15", day: "2026-12-15")
            let refused = try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body(extra: ["repeat_weeks": 4]))
            #expect(refused.status == .conflict)
            let message = try #require(try refused.error()["message"] as? String)
            #expect(message.contains("2026-12-08") && message.contains("2026-12-15") && !message.contains("2026-11-24"))
            #expect(try await RoomBookingRecord.query(on: app.db).count() == 2)
            let series = try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("14:00", "15:00", extra: ["repeat_weeks": 3]))
            #expect(series.status == .created, "\(series.body.string)")
            let occurrences = try #require(try series.object()["occurrences"] as? [[String: Any]])
            #expect(occurrences.map { $0["starts_at"] as? String } == ["2026-11-24T06:00:00Z", "2026-12-01T06:00:00Z", "2026-12-08T06:00:00Z"])
            let id = try #require(try series.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/approve", as: f.office, json: [:]).status == .ok)
            let states = try await RoomBookingRecord.query(on: app.db).filter(\.$title == "季度复盘会").filter(\.$bookedBy == f.colleague.id).all().map(\.state)
            #expect(states == ["approved", "approved", "approved"])
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body(extra: ["repeat_weeks": 99])).status == .badRequest)
        }
    }

    @Test("MR-18 the day before, the booker is asked to reconfirm and attendees are reminded, once; the booker reconfirms headcount and time")
    func reminderAndReconfirm() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            let f = try await RoomFixture.make(app, clock: clock)
            let id = try await f.approvedBooking(app, "09:00", "10:00", day: "2026-11-26")   // Thursday
            let reminders = RoomReminders(db: app.db, services: app.services)
            #expect(try await reminders.remindDue(now: clock.now) == 0)                       // Monday: too early
            clock.now = clock.now.addingTimeInterval(2 * 86_400)                               // Wednesday 10:00
            #expect(try await reminders.remindDue(now: clock.now) == 1)
            #expect(try await reminders.remindDue(now: clock.now) == 0)                       // once
            #expect(try await app.send(.GET, "api/v1/notifications", as: f.booker).items().contains { $0["kind"] as? String == "room_booking.reconfirm" })
            #expect(try await app.send(.GET, "api/v1/notifications", as: f.colleague).items().contains { $0["kind"] as? String == "room_booking.reminder" })
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/reconfirm", as: f.colleague, json: ["attendees": 8]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/reconfirm", as: f.booker, json: ["attendees": 30]).status == .badRequest)
            let moved = try await app.send(.POST, "api/v1/room-bookings/\(id)/reconfirm", as: f.booker, json: [
                "attendees": 8, "starts_at": "2026-11-26T10:00:00+08:00", "ends_at": "2026-11-26T11:30:00+08:00"])
            #expect(moved.status == .ok, "\(moved.body.string)")
            #expect(try moved.object()["attendees"] as? Int == 8 && moved.object()["reconfirmed_at"] is String)
            // A new time must still be free.
            _ = try await f.approvedBooking(app, "14:00", "15:00", day: "2026-11-26")
            let clash = try await app.send(.POST, "api/v1/room-bookings/\(id)/reconfirm", as: f.booker, json: [
                "starts_at": "2026-11-26T13:30:00+08:00", "ends_at": "2026-11-26T14:30:00+08:00"])
            #expect(clash.status == .conflict)
            #expect(try await JobsOnce.run(app).contains("deadline scan"))
        }
    }

    @Test("MR-10 MR-19 MR-15 MR-04 equipment is checked before and after; a fault after the meeting is charged to the using department")
    func equipmentChecks() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            let f = try await RoomFixture.make(app, clock: clock)
            let id = try await f.approvedBooking(app)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.booker, json: ["phase": "before", "ok": true]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "during", "ok": true]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "before", "ok": true]).status == .created)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "before", "ok": true]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "after", "ok": true]).status == .conflict)  // not started
            clock.now = clock.now.addingTimeInterval(86_400)   // Tuesday 10:00, the meeting is over
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "after", "ok": false]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "after", "ok": false, "faults": "麦克风损坏", "charge": "-5"]).status == .badRequest)
            let fault = try await app.send(.POST, "api/v1/room-bookings/\(id)/checks", as: f.desk, json: ["phase": "after", "ok": false, "faults": "麦克风损坏", "charge": "180.00"])
            #expect(fault.status == .created, "\(fault.body.string)")
            #expect(try fault.object()["charged_department_id"] as? String == f.departmentID.uuidString && fault.object()["charge"] as? String == "180.00")
            #expect(try await app.send(.GET, "api/v1/notifications", as: f.booker).items().contains { $0["kind"] as? String == "room_booking.fault" })
            let checks = try #require(try await app.send(.GET, "api/v1/room-bookings/\(id)", as: f.booker).object()["checks"] as? [[String: Any]])
            #expect(checks.count == 2)
            let charged = try await app.send(.GET, "api/v1/room-faults?department_id=\(f.departmentID)", as: f.office).items()
            #expect(charged.count == 1 && charged[0]["charge"] as? String == "180.00")
            #expect(try await app.send(.GET, "api/v1/room-faults", as: f.booker).status == .forbidden)
        }
    }

    @Test("MR-21 minutes are attached after the meeting, once, and sent to the attendees")
    func minutes() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            let f = try await RoomFixture.make(app, clock: clock)
            let id = try await f.approvedBooking(app)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/minutes", as: f.booker, json: ["minutes": "决议：……"]).status == .conflict)
            clock.now = clock.now.addingTimeInterval(86_400)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/minutes", as: f.booker, json: ["minutes": " "]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/minutes", as: f.colleague, json: ["minutes": "决议"]).status == .forbidden)
            let done = try await app.send(.POST, "api/v1/room-bookings/\(id)/minutes", as: f.booker, json: ["minutes": "一、复盘结论\n二、下季度目标"])
            #expect(try done.status == .ok && (done.object()["minutes_at"] is String))
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/minutes", as: f.booker, json: ["minutes": "again"]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/notifications", as: f.colleague).items().contains { $0["kind"] as? String == "room_booking.minutes" })
            // The invited colleague reads the booking; someone else does not.
            #expect(try await app.send(.GET, "api/v1/room-bookings/\(id)", as: f.colleague).status == .ok)
            let stranger = try await app.staff("wangwu", roles: [.agent])
            #expect(try await app.send(.GET, "api/v1/room-bookings/\(id)", as: stranger).status == .forbidden)
        }
    }

    @Test("MR-05 study materials are due back in three days; overdue loans are listed; a second return is 409")
    func loans() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            let f = try await RoomFixture.make(app, clock: clock)
            #expect(try await app.send(.POST, "api/v1/room-loans", as: f.booker, json: ["item": "培训教材", "borrower_id": f.booker.id.uuidString]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-loans", as: f.desk, json: ["item": "", "borrower_id": f.booker.id.uuidString]).status == .badRequest)
            let lent = try await app.send(.POST, "api/v1/room-loans", as: f.desk, json: ["item": "《服务规范》培训教材", "borrower_id": f.booker.id.uuidString, "room_id": f.roomID])
            #expect(lent.status == .created)
            #expect(try lent.object()["due_at"] as? String == "2026-11-26T02:00:00Z")
            let id = try #require(try lent.object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/room-loans?overdue=true", as: f.desk).items().isEmpty)
            clock.now = clock.now.addingTimeInterval(3 * 86_400 + 60)
            #expect(try await app.send(.GET, "api/v1/room-loans?overdue=true", as: f.desk).items().count == 1)
            #expect(try await app.send(.POST, "api/v1/room-loans/\(id)/return", as: f.desk, json: ["intact": false]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/room-loans/\(id)/return", as: f.desk, json: ["intact": true]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/room-loans/\(id)/return", as: f.desk, json: ["intact": true]).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/room-loans", as: f.desk).items().isEmpty)
        }
    }

    @Test("MR-06 an external rental is charged by the tariff per started hour; only the office registers one")
    func externalRental() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            #expect(try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body(extra: ["external_party": "华信公司"])).status == .forbidden)
            let rental = try await app.send(.POST, "api/v1/room-bookings", as: f.office, json: f.body("09:00", "11:30", extra: ["external_party": "华信公司", "attendee_ids": []]))
            #expect(rental.status == .created, "\(rental.body.string)")
            #expect(try rental.object()["fee"] as? String == "600.00" && rental.object()["external_party"] as? String == "华信公司")
            #expect(RoomBookingRules.externalFee(startsAt: .t0, endsAt: .t0.addingTimeInterval(3600), perHour: 200) == 200)
        }
    }

    @Test("MR-02 the booker or the desk cancels; a colleague cannot; the booker's cancel withdraws the pending approval")
    func cancel() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            let created = try await app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body()).object()
            let id = try #require(created["id"] as? String), approvalID = try #require(created["approval_id"] as? String)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/cancel", as: f.colleague, json: [:]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/cancel", as: f.booker, json: [:]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(id)/cancel", as: f.booker, json: [:]).status == .conflict)
            let approval = try await ApprovalRepository(db: app.db).find(UUID(uuidString: approvalID)!)
            #expect(approval?.state == .withdrawn)
            let other = try await f.approvedBooking(app, "11:00", "12:00")
            #expect(try await app.send(.POST, "api/v1/room-bookings/\(other)/cancel", as: f.desk, json: [:]).status == .ok)
        }
    }
}
