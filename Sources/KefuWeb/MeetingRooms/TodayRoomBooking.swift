import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One line of "today's room bookings" on the front-desk console: the desk shows people in (MR-20) and
/// checks the room before the meeting (MR-19).
struct TodayRoomBooking: Encodable {
    let id: UUID, time: String, room: String, title: String, booker: String, attendees: Int, pending: Bool

    static func list(_ req: Request) async throws -> [TodayRoomBooking] {
        let calendar = req.services.rulebook.calendar
        let start = calendar.startOfDay(calendar.localDate(of: req.services.now()))
        return try await RoomQueries(db: req.db).window(from: start, to: calendar.addingNaturalDays(1, to: start), limit: 100).map {
            TodayRoomBooking(id: $0.id!, time: "\(DisplayDates.clock($0.startsAt, calendar))–\(DisplayDates.clock($0.endsAt, calendar))", room: $0.roomName,
                             title: $0.title, booker: $0.bookerName, attendees: $0.attendees, pending: $0.state == RoomBookingState.pending.rawValue)
        }
    }
}
