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

/// The room pages: calendar (day/week), the booking form re-rendering refusals, the booking page with the
/// approver's buttons, and today's bookings on the front-desk console.
@Suite("Meeting room pages (MR)")
struct MeetingRoomPagesTests {
    @Test("MR-16 MR-17 book on the web, the form re-renders refusals with what was typed, the office approves, the calendar shows it")
    func bookOnTheWeb() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            var web = WebSession(app)
            try await web.logIn(f.booker.username, f.booker.password)
            let page = try await web.get("/rooms?date=2026-11-24")
            #expect(page.status == .ok && page.body.string.contains("会议室预订申请表") && page.body.string.contains("一号会议室"))
            var form = ["title": "客服培训", "room_id": f.roomID, "date": "2026-11-24", "start": "10:00", "end": "09:00", "attendees": "5", "equipment[]": "投影仪"]
            let refused = try await web.post("/rooms/bookings", form)
            #expect(refused.status == .badRequest)
            #expect(refused.body.string.contains("结束时间必须晚于开始时间") && refused.body.string.contains("客服培训"))
            form["end"] = "19:30"
            let tooLong = try await web.post("/rooms/bookings", form)
            #expect(tooLong.status == .unprocessableEntity && tooLong.body.string.contains(app.ruleWords("meeting_rooms.max_duration")))
            form["end"] = "11:30"
            let booked = try await web.post("/rooms/bookings", form)
            #expect(booked.status == .seeOther, "\(booked.body.string)")
            let location = try #require(booked.headers.first(name: .location))
            let detail = try await web.get(location)
            #expect(detail.body.string.contains("待审批") && !detail.body.string.contains("id=\"approve\""))
            let clash = try await web.post("/rooms/bookings", form)
            #expect(clash.status == .conflict)

            var office = WebSession(app)
            try await office.logIn(f.office.username, f.office.password)
            let path = String(location.split(separator: "?")[0])
            #expect(try await office.get(path).body.string.contains("id=\"approve\""))
            let approved = try await office.post("\(path)/approve", ["comment": ""])
            #expect(approved.status == .seeOther)
            #expect(try await office.get(path).body.string.contains("已批准"))
            let calendar = try await office.get("/rooms?date=2026-11-24")
            #expect(calendar.body.string.contains("10:00–11:30") && calendar.body.string.contains("客服培训"))
            let week = try await office.get("/rooms?view=week&date=2026-11-23")
            #expect(week.status == .ok && week.body.string.contains("客服培训"))
        }
    }

    @Test("Front-desk console: a 会议室 button and today's room bookings (issue 7 items 7-8)")
    func console() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            _ = try await f.approvedBooking(app, "14:00", "15:00", day: "2026-11-23")
            var desk = WebSession(app)
            try await desk.logIn(f.desk.username, f.desk.password)
            let console = try await desk.get("/front-desk")
            #expect(console.status == .ok)
            #expect(console.body.string.contains("href=\"/rooms\"") && console.body.string.contains("季度复盘会") && console.body.string.contains("14:00–15:00"))
        }
    }

    @Test("MR-01 only managers see the add-room form; a refused room form re-renders with the message")
    func addRoom() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            var booker = WebSession(app)
            try await booker.logIn(f.booker.username, f.booker.password)
            #expect(!(try await booker.get("/rooms").body.string.contains("id=\"add-room\"")))
            #expect(try await booker.post("/rooms", ["name": "X", "capacity": "4"]).status == .forbidden)
            var office = WebSession(app)
            try await office.logIn(f.office.username, f.office.password)
            #expect(try await office.get("/rooms").body.string.contains("id=\"add-room\""))
            #expect(try await office.post("/rooms", ["name": "二号会议室", "capacity": "8", "equipment": "白板，投影仪"]).status == .seeOther)
            let duplicate = try await office.post("/rooms", ["name": "二号会议室", "capacity": "8"])
            #expect(duplicate.status == .conflict && duplicate.body.string.contains("已有同名会议室"))
        }
    }
}
