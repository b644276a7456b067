import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/rooms`: the room calendar (day: rooms × hours; week: rooms × days), the booking form (MR-16) that
/// re-renders with the message and what was typed, the rooms list (managers add rooms) and, for the desk,
/// the study-material loans (MR-05) with the overdue ones marked.
struct RoomsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "rooms", access: .authenticated, summary: "Room calendar (day/week) and booking form", use: page)
        routes.on(.POST, "rooms", "bookings", access: .authenticated, summary: "Book a meeting room (form)", use: book)
        routes.on(.POST, "rooms", access: .authenticated, summary: "Add a meeting room (form; rooms manager)", use: addRoom)
        routes.on(.POST, "rooms", "loans", access: .authenticated, summary: "Lend study materials (form; the desk, MR-05)", use: lend)
        routes.on(.POST, "rooms", "loans", ":id", "return", access: .authenticated, summary: "A lent item comes back (form; MR-05)", use: giveBack)
    }

    struct Draft: Encodable {
        var roomID = "", title = "", date = "", start = "", end = "", attendees = "", attendeeIDs: [String] = [], equipment: [String] = []
        var weeks = "1", externalParty = ""
    }
    struct LoanRow: Encodable { let id: UUID, item: String, borrower: String, due: String, overdue: Bool }
    struct Page: Encodable {
        let shell: PageShell, view: String, dateLabel: String, headers: [String], rows: [RoomCalendar.Row]
        let prevURL: String, nextURL: String, todayURL: String, dayURL: String, weekURL: String
        let rooms: [SelectOption], people: [SelectOption], equipment: [SelectOption], draft: Draft
        let canManage: Bool, isDesk: Bool, loans: [LoanRow], maxWeeks: Int, hasRooms: Bool
    }

    @Sendable func page(req: Request) async throws -> Response {
        var draft = Draft()
        let calendar = req.services.rulebook.calendar
        draft.date = req.query[String.self, at: "date"].flatMap(LocalDate.init)?.description ?? calendar.localDate(of: req.services.now()).description
        draft.roomID = req.query[String.self, at: "room"] ?? ""
        if let hour = req.query[Int.self, at: "hour"], (0...22).contains(hour) {
            draft.start = String(format: "%02d:00", hour); draft.end = String(format: "%02d:00", hour + 1)
        }
        return try await render(req, draft: draft, refusal: nil)
    }

    func render(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let date = req.query[String.self, at: "date"].flatMap(LocalDate.init) ?? LocalDate(draft.date) ?? today
        let week = req.query[String.self, at: "view"] == "week"
        let rooms = try await Rooms(db: req.db, services: req.services).list()
        let grid = RoomCalendar(calendar: calendar, me: staff.id)
        let start = calendar.startOfDay(date)
        func day(_ offset: Int) -> LocalDate { calendar.localDate(of: calendar.addingNaturalDays(offset, to: start)) }
        let days = week ? (0..<7).map(day) : [date]
        let bookings = try await RoomQueries(db: req.db).window(from: start, to: calendar.addingNaturalDays(days.count, to: start))
        let rows = week ? grid.week(days, rooms: rooms, bookings: bookings) : grid.day(date, rooms: rooms, bookings: bookings)
        let headers = week ? days.map { "\(req.t("weekday.\(calendar.weekday(of: $0).key)")) \(String(format: "%02d-%02d", $0.month, $0.day))" }
                           : (RoomCalendar.firstHour..<RoomCalendar.lastHour).map { String(format: "%02d", $0) }
        let people = try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
        let fittings = Array(Set(rooms.flatMap { RoomJSON.strings($0.equipment) })).sorted()
        let isDesk = RoomAccess.isDesk(staff, req.services)
        let now = req.services.now()
        let loans = isDesk ? try await RoomLoans(db: req.db, services: req.services).open(limit: 50) : []
        let view = week ? "week" : "day"
        let step = week ? 7 : 1
        let content = try await req.view.render("rooms/calendar", Page(
            shell: PageShell(req, title: req.t("room.title"), flashError: refusal?.message), view: view,
            dateLabel: week ? "\(days[0]) – \(days[6])" : "\(date) \(req.t("weekday.\(calendar.weekday(of: date).key)"))", headers: headers, rows: rows,
            prevURL: "/rooms?view=\(view)&date=\(day(-step))", nextURL: "/rooms?view=\(view)&date=\(day(step))", todayURL: "/rooms?view=\(view)&date=\(today)",
            dayURL: "/rooms?view=day&date=\(date)", weekURL: "/rooms?view=week&date=\(date)",
            rooms: rooms.map { SelectOption(value: $0.id!.uuidString, label: "\($0.name)（\($0.capacity)）", selected: $0.id!.uuidString == draft.roomID) },
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: draft.attendeeIDs.contains($0.id!.uuidString)) },
            equipment: fittings.map { SelectOption(value: $0, label: $0, selected: draft.equipment.contains($0)) }, draft: draft,
            canManage: RoomAccess.canManage(staff, req.services), isDesk: isDesk,
            loans: loans.map { LoanRow(id: $0.id!, item: $0.item, borrower: $0.borrowerName, due: DisplayTime.format($0.dueAt, req), overdue: $0.dueAt < now) },
            maxWeeks: req.services.rulebook.meetingRooms.maxOccurrences, hasRooms: !rooms.isEmpty))
        let response = try await content.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func book(req: Request) async throws -> Response {
        struct Form: Content {
            let room_id: String?, title: String?, date: String?, start: String?, end: String?, attendees: String?
            let attendee_ids: [String]?, equipment: [String]?, repeat_weeks: String?, external_party: String?
        }
        let form = try req.content.decode(Form.self)
        let draft = Draft(roomID: form.room_id ?? "", title: form.title ?? "", date: form.date ?? "", start: form.start ?? "", end: form.end ?? "",
                          attendees: form.attendees ?? "", attendeeIDs: form.attendee_ids ?? [], equipment: form.equipment ?? [],
                          weeks: form.repeat_weeks ?? "1", externalParty: form.external_party ?? "")
        do {
            let calendar = req.services.rulebook.calendar
            var fields: [String: String] = [:]
            let day = LocalDate(draft.date), start = LocalTime(draft.start), end = LocalTime(draft.end)
            if day == nil { fields["date"] = "error.field.required" }
            if start == nil { fields["starts_at"] = "error.field.required" }
            if end == nil { fields["ends_at"] = "error.field.required" }
            guard fields.isEmpty, let day, let start, let end else { throw DomainError.validation(fields: fields) }
            let records = try await RoomBookings(db: req.db, services: req.services).book(.init(
                roomID: UUID(uuidString: draft.roomID), title: draft.title, startsAt: calendar.instant(day, start), endsAt: calendar.instant(day, end),
                attendees: Int(draft.attendees), attendeeIDs: draft.attendeeIDs.compactMap(UUID.init(uuidString:)), equipment: draft.equipment,
                weeks: Int(draft.weeks) ?? 0, externalParty: draft.externalParty.isEmpty ? nil : draft.externalParty), by: req.requireStaff())
            return req.redirect(to: "/rooms/bookings/\(records[0].id!)?flash=flash.room_booked")
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func addRoom(req: Request) async throws -> Response {
        struct Form: Content { let name: String?, capacity: String?, equipment: String? }
        let form = try req.content.decode(Form.self)
        do {
            let equipment = (form.equipment ?? "").split(whereSeparator: { ",，、\n".contains($0) }).map(String.init)
            _ = try await Rooms(db: req.db, services: req.services).create(.init(name: form.name ?? "", capacity: form.capacity.flatMap { Int($0) },
                                                                               equipment: equipment), by: req.requireStaff())
            return req.redirect(to: "/rooms?flash=flash.room_added")
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func lend(req: Request) async throws -> Response {
        struct Form: Content { let item: String?, borrower_id: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await RoomLoans(db: req.db, services: req.services).lend(item: form.item ?? "", borrowerID: form.borrower_id.flatMap(UUID.init(uuidString:)),
                                                                             roomID: nil, by: req.requireStaff())
            return req.redirect(to: "/rooms?flash=flash.room_lent#loans")
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func giveBack(req: Request) async throws -> Response {
        struct Form: Content { let damaged: String?, note: String? }
        let form = try req.content.decode(Form.self)
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "room_loan") }
        do {
            _ = try await RoomLoans(db: req.db, services: req.services).giveBack(id, intact: form.damaged == nil, note: form.note, by: req.requireStaff())
            return req.redirect(to: "/rooms?flash=flash.room_returned#loans")
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }
}
