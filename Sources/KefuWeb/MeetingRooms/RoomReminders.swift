import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The scheduled job of MR-18 (会议前一天): from the day before an approved meeting, the booker is asked to
/// reconfirm time and headcount and the invited attendees are reminded — once per booking (`reminded_at` is
/// set-if-null, so two scanner nodes cannot both send it).
struct RoomReminders {
    let db: any Database
    let services: AppServices

    @discardableResult
    func remindDue(now: Date) async throws -> Int {
        let rules = services.rulebook.meetingRooms, calendar = services.rulebook.calendar
        let horizon = calendar.addingNaturalDays(rules.reminderDaysBefore + 1, to: now)
        let upcoming = try await RoomBookingRecord.query(on: db).filter(\.$state == RoomBookingState.approved.rawValue)
            .filter(\.$startsAt > now).filter(\.$startsAt < horizon).filter(\.$remindedAt == nil).sort(\.$startsAt).limit(500).all()
        var sent = 0
        for booking in upcoming where RoomBookingRules.reminderDue(startsAt: booking.startsAt, now: now, rules: rules, calendar: calendar) {
            let marked = try await db.transaction { db -> Bool in
                guard try await VersionGuard.setIfNull(db, table: RoomBookingRecord.schema, column: "reminded_at", id: booking.id!, to: now) else { return false }
                let notifier = Notifier(db: db, services: services)
                let argument = "\(booking.title) · \(booking.roomName) · \(DisplayDates.time(booking.startsAt, calendar))"
                try await notifier.notify([booking.bookedBy], .init(
                    kind: "room_booking.reconfirm", titleKey: "notice.room_reconfirm", titleArgument: argument,
                    link: "/rooms/bookings/\(booking.id!)", subjectType: RoomBookings.subjectType, subjectID: booking.id!,
                    dedupeKey: "room_booking:\(booking.id!):reconfirm"))
                try await notifier.notify(RoomJSON.ids(booking.attendeeIDs).filter { $0 != booking.bookedBy }, .init(
                    kind: "room_booking.reminder", titleKey: "notice.room_reminder", titleArgument: argument,
                    link: "/rooms/bookings/\(booking.id!)", subjectType: RoomBookings.subjectType, subjectID: booking.id!,
                    dedupeKey: "room_booking:\(booking.id!):reminder"))
                return true
            }
            if marked { sent += 1 }
        }
        return sent
    }
}
