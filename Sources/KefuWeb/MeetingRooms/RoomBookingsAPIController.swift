import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/room-bookings` (API.md "Front desk"): book (→ pending approval; overlap → 409), list by room and
/// range, read, cancel, approve/reject through the approvals engine, reconfirm (MR-18), equipment checks
/// (MR-10/15) and minutes (MR-21).
struct RoomBookingsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "room-bookings", access: .authenticated, summary: "Book a meeting room (MR-16) → pending approval; overlap → 409", request: BookingRequest.self, status: .created, use: book)
        routes.on(.GET, "api", "v1", "room-bookings", access: .authenticated, summary: "Bookings by time (?room_id=&from=&to=&state=), keyset", use: list)
        routes.on(.GET, "api", "v1", "room-bookings", ":id", access: .authenticated, summary: "A booking with its checks (booker, attendees, desk)", use: show)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "cancel", access: .authenticated, summary: "Cancel a booking (booker or desk)", request: NoBody.self, use: cancel)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "approve", access: .authenticated, summary: "Approve a booking (meeting_rooms.approver, MR-17)", request: DecisionBody?.self, use: approve)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "reject", access: .authenticated, summary: "Reject a booking (meeting_rooms.approver, MR-17)", request: DecisionBody?.self, use: reject)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "reconfirm", access: .authenticated, summary: "Reconfirm time and headcount (MR-18)", request: ReconfirmBody.self, use: reconfirm)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "checks", access: .authenticated, summary: "Equipment check before/after (MR-10/15; the desk)", request: CheckBody.self, response: RoomCheckResponse.self, status: .created, use: check)
        routes.on(.POST, "api", "v1", "room-bookings", ":id", "minutes", access: .authenticated, summary: "Attach the minutes after the meeting (MR-21)", request: MinutesBody.self, use: minutes)
    }

    struct BookingRequest: Content {
        let roomId: UUID?, title: String?, startsAt: Date?, endsAt: Date?, attendees: Int?, attendeeIds: [UUID]?, equipment: [String]?
        let repeatWeeks: Int?, externalParty: String?, meetingId: UUID?
        enum CodingKeys: String, CodingKey {
            case title, attendees, equipment
            case roomId = "room_id", startsAt = "starts_at", endsAt = "ends_at", attendeeIds = "attendee_ids", repeatWeeks = "repeat_weeks"
            case externalParty = "external_party", meetingId = "meeting_id"
        }
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "room_booking") }
        return id
    }

    @Sendable func book(req: Request) async throws -> Response {
        let b = try req.content.decode(BookingRequest.self)
        let records = try await RoomBookings(db: req.db, services: req.services).book(.init(
            roomID: b.roomId, title: b.title ?? "", startsAt: b.startsAt, endsAt: b.endsAt, attendees: b.attendees, attendeeIDs: b.attendeeIds ?? [],
            equipment: b.equipment, weeks: b.repeatWeeks ?? 1, externalParty: b.externalParty, meetingID: b.meetingId), by: req.requireStaff())
        var body = RoomBookingResponse(records[0])
        if records.count > 1 { body.occurrences = records.map { .init(id: $0.id!, starts_at: $0.startsAt, ends_at: $0.endsAt) } }
        let response = try await body.encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<RoomBookingResponse> {
        _ = try req.requireStaff()
        func date(_ name: String) throws -> Date? {
            guard let text = req.query[String.self, at: name] else { return nil }
            if let day = LocalDate(text) { return req.services.rulebook.calendar.startOfDay(day) }
            guard let value = StrictTime.instant(text) else { throw DomainError.validation(fields: [name: "error.field.datetime"]) }
            return value
        }
        let state = try req.query[String.self, at: "state"].map { text in
            guard let state = RoomBookingState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            return state
        }
        let roomID = try req.query[String.self, at: "room_id"].map { text in
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["room_id": "error.field.invalid_value"]) }
            return id
        }
        let (from, to) = (try date("from"), try date("to"))
        if let from, let to, to <= from { throw DomainError.validation(fields: ["to": "error.room.ends_before_start"]) }
        let (cursor, limit) = try req.pagination()
        let page = try await RoomQueries(db: req.db).page(roomID: roomID, from: from, to: to, state: state, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(RoomBookingResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> RoomBookingResponse {
        let staff = try req.requireStaff()
        let record = try await RoomBookings(db: req.db, services: req.services).find(try Self.id(req))
        guard RoomAccess.canRead(record, staff, req.services) else { throw DomainError.forbidden(reason: "error.room.not_yours") }
        var body = RoomBookingResponse(record)
        body.checks = try await RoomChecks(db: req.db, services: req.services).of(record.id!).map(RoomCheckResponse.init)
        return body
    }

    @Sendable func cancel(req: Request) async throws -> RoomBookingResponse {
        RoomBookingResponse(try await RoomBookingFlow(db: req.db, services: req.services).cancel(try Self.id(req), by: req.requireStaff()))
    }

    @Sendable func approve(req: Request) async throws -> RoomBookingResponse { try await decide(req, .approve) }
    @Sendable func reject(req: Request) async throws -> RoomBookingResponse { try await decide(req, .reject) }

    /// The approvals engine decides (role check, audit, outcome handler); the booking is read back after it.
    func decide(_ req: Request, _ decision: ApprovalDecision) async throws -> RoomBookingResponse {
        let comment = (try req.optionalContent(DecisionBody.self))?.comment
        let bookings = RoomBookings(db: req.db, services: req.services)
        let record = try await bookings.find(try Self.id(req))
        guard let approvalID = record.approvalID else { throw DomainError.conflict(reason: "approval.already_decided") }
        _ = try await ApprovalEngine(db: req.db, services: req.services).decide(id: approvalID, decision, by: req.requireStaff(), comment: comment, expectedVersion: nil)
        return RoomBookingResponse(try await bookings.find(record.id!))
    }

    @Sendable func reconfirm(req: Request) async throws -> RoomBookingResponse {
        let body = try req.content.decode(ReconfirmBody.self)
        return RoomBookingResponse(try await RoomBookingFlow(db: req.db, services: req.services).reconfirm(
            try Self.id(req), attendees: body.attendees, startsAt: body.starts_at, endsAt: body.ends_at, by: req.requireStaff()))
    }

    @Sendable func check(req: Request) async throws -> Response {
        let body = try req.content.decode(CheckBody.self)
        let check = try await RoomChecks(db: req.db, services: req.services).record(
            try Self.id(req), .init(phase: body.phase, ok: body.ok, faults: body.faults, charge: body.charge?.value), by: req.requireStaff())
        let response = try await RoomCheckResponse(check).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func minutes(req: Request) async throws -> RoomBookingResponse {
        let body = try req.content.decode(MinutesBody.self)
        return RoomBookingResponse(try await RoomBookingFlow(db: req.db, services: req.services).attachMinutes(
            try Self.id(req), text: body.minutes ?? "", by: req.requireStaff()))
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension RoomBookingsAPIController {
    struct ReconfirmBody: Content { let attendees: Int?, starts_at: Date?, ends_at: Date? }
    struct CheckBody: Decodable { let phase: String?, ok: Bool?, faults: String?, charge: MoneyInput? }
    struct MinutesBody: Content { let minutes: String? }
    struct DecisionBody: Content { let comment: String? }
}
