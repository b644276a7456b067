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

/// Two people booking the same slot at the same moment: exactly one wins, on SQLite and on PostgreSQL
/// (run with KEFU_TEST_DATABASE_URL). The room's lock row serializes the bookings of one room.
@Suite("Meeting room bookings under concurrency (MR)")
struct MeetingRoomConcurrencyTests {
    @Test("MR-02 two simultaneous requests for the same slot: exactly one is created, the other is 409")
    func twoAtOnce() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            for round in 0..<5 {
                let day = "2026-11-2\(4 + round)"
                async let a = app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("09:00", "10:00", day: day))
                async let b = app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("09:30", "10:30", day: day))
                let statuses = [try await a.status, try await b.status].sorted { $0.code < $1.code }
                #expect(statuses == [.created, .conflict], "round \(round): \(statuses)")
            }
            #expect(try await RoomBookingRecord.query(on: app.db).count() == 5)
        }
    }

    @Test("MR-02 eight simultaneous requests for overlapping slots of one room: one booking, seven 409s, no 500")
    func manyAtOnce() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            let people = [f.booker, f.colleague, f.desk, f.office]
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        try await app.send(.POST, "api/v1/room-bookings", as: people[index % 4], json: f.body("14:00", "15:00", title: "会议 \(index)")).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 7, "\(statuses)")
            let holding = try await RoomBookingRecord.query(on: app.db).filter(\.$roomID == UUID(uuidString: f.roomID)!).all()
            #expect(holding.count == 1)
        }
    }

    @Test("MR-16 simultaneous weekly series that collide in one week: one series is booked whole, the other not at all")
    func seriesAtOnce() async throws {
        try await withTestApp { app in
            let f = try await RoomFixture.make(app)
            async let a = app.send(.POST, "api/v1/room-bookings", as: f.booker, json: f.body("09:00", "10:00", extra: ["repeat_weeks": 4]))
            async let b = app.send(.POST, "api/v1/room-bookings", as: f.colleague, json: f.body("09:00", "10:00", day: "2026-12-08", extra: ["repeat_weeks": 4]))
            let statuses = [try await a.status, try await b.status].sorted { $0.code < $1.code }
            #expect(statuses == [.created, .conflict], "\(statuses)")
            #expect(try await RoomBookingRecord.query(on: app.db).count() == 4)
        }
    }
}
