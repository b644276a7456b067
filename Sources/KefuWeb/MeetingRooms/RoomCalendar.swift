import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The room calendar grid (rooms × hours for a day, rooms × days for a week), built in Swift so the template
/// only draws cells: a booking that spans several hours becomes one cell with a colspan.
struct RoomCalendar {
    struct Chip: Encodable { let id: UUID, title: String, time: String, pending: Bool, mine: Bool }
    struct Cell: Encodable { let span: Int, chips: [Chip], bookLink: String? }
    struct Row: Encodable { let roomID: UUID, name: String, capacity: Int, equipment: String?, cells: [Cell] }

    /// Day view columns: 08:00 … 20:00 (12 hour columns), which fits 1366 px beside the room names.
    static let firstHour = 8, lastHour = 20

    let calendar: BusinessCalendar
    let me: UUID

    func chip(_ b: RoomBookingRecord) -> Chip {
        Chip(id: b.id!, title: b.title, time: "\(DisplayDates.clock(b.startsAt, calendar))–\(DisplayDates.clock(b.endsAt, calendar))",
             pending: b.state == RoomBookingState.pending.rawValue, mine: b.bookedBy == me)
    }

    func day(_ date: LocalDate, rooms: [MeetingRoomRecord], bookings: [RoomBookingRecord]) -> [Row] {
        rooms.map { room in
            let own = bookings.filter { $0.roomID == room.id }
            func hourRange(_ h: Int) -> (Date, Date) {
                (calendar.instant(date, LocalTime(hour: h, minute: 0)), calendar.instant(date, LocalTime(hour: h + 1, minute: 0)))
            }
            var cells: [Cell] = [], hour = Self.firstHour
            while hour < Self.lastHour {
                var taken = own.filter { RoomBookingRules.overlaps(hourRange(hour), ($0.startsAt, $0.endsAt)) }
                guard !taken.isEmpty else {
                    cells.append(Cell(span: 1, chips: [], bookLink: "/rooms?date=\(date)&room=\(room.id!)&hour=\(hour)#book"))
                    hour += 1
                    continue
                }
                var span = 1
                // Extend the cell while the next hour is still covered by a booking already in it.
                while hour + span < Self.lastHour, taken.contains(where: { RoomBookingRules.overlaps(hourRange(hour + span), ($0.startsAt, $0.endsAt)) }) {
                    for b in own where !taken.contains(where: { $0.id == b.id }) && RoomBookingRules.overlaps(hourRange(hour + span), (b.startsAt, b.endsAt)) {
                        taken.append(b)
                    }
                    span += 1
                }
                cells.append(Cell(span: span, chips: taken.sorted { $0.startsAt < $1.startsAt }.map(chip), bookLink: nil))
                hour += span
            }
            return Row(roomID: room.id!, name: room.name, capacity: room.capacity, equipment: RoomJSON.strings(room.equipment).isEmpty ? nil : RoomJSON.strings(room.equipment).joined(separator: "、"), cells: cells)
        }
    }

    func week(_ days: [LocalDate], rooms: [MeetingRoomRecord], bookings: [RoomBookingRecord]) -> [Row] {
        rooms.map { room in
            let cells = days.map { day in
                let from = calendar.startOfDay(day), to = calendar.addingNaturalDays(1, to: from)
                let chips = bookings.filter { $0.roomID == room.id && RoomBookingRules.overlaps((from, to), ($0.startsAt, $0.endsAt)) }.map(chip)
                return Cell(span: 1, chips: chips, bookLink: "/rooms?date=\(day)&room=\(room.id!)#book")
            }
            return Row(roomID: room.id!, name: room.name, capacity: room.capacity, equipment: RoomJSON.strings(room.equipment).isEmpty ? nil : RoomJSON.strings(room.equipment).joined(separator: "、"), cells: cells)
        }
    }
}
