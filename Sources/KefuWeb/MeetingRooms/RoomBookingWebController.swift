import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/rooms/bookings/:id`: the booking form as filed (MR-16) with what can be done next — approve or reject
/// (the approver, MR-17), cancel, reconfirm (MR-18), the equipment checks (MR-10/15) and the minutes (MR-21).
struct RoomBookingWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "rooms", "bookings", ":id", access: .authenticated, summary: "A room booking and its next actions", use: show)
        for action in ["approve", "reject", "cancel", "reconfirm", "checks", "minutes"] {
            routes.on(.POST, "rooms", "bookings", ":id", PathComponent(stringLiteral: action), access: .authenticated,
                      summary: "Room booking: \(action) (form)", use: { try await self.act(req: $0, action: action) })
        }
    }

    struct CheckRow: Encodable { let phase: String, ok: Bool, faults: String?, charge: String?, by: String, at: String }
    struct Page: Encodable {
        let shell: PageShell, id: UUID, title: String, room: String, time: String, duration: String, attendees: Int, invited: String?
        let equipment: String?, booker: String, state: String, stateKey: String, external: String?, fee: String?, series: String?
        let reminded: String?, reconfirmed: String?, minutes: String?, minutesAt: String?, checks: [CheckRow]
        let canDecide: Bool, canCancel: Bool, canReconfirm: Bool, canCheckBefore: Bool, canCheckAfter: Bool, canMinutes: Bool
        let approvalLink: String?, calendarLink: String
    }

    @Sendable func show(req: Request) async throws -> Response { try await render(req, refusal: nil) }

    func render(_ req: Request, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let id = try RoomBookingsAPIController.id(req)
        let record = try await RoomBookings(db: req.db, services: req.services).find(id)
        guard RoomAccess.canRead(record, staff, req.services) else { throw DomainError.forbidden(reason: "error.room.not_yours") }
        let calendar = req.services.rulebook.calendar, now = req.services.now()
        let checks = try await RoomChecks(db: req.db, services: req.services).of(id)
        var approval: Approval?
        if let approvalID = record.approvalID { approval = try await ApprovalRepository(db: req.db).find(approvalID) }
        let invited = try await UserRepository(db: req.db).find(ids: RoomJSON.ids(record.attendeeIDs)).map(\.displayName)
        let holding = RoomBookingState.holding.map(\.rawValue).contains(record.state)
        let approved = record.state == RoomBookingState.approved.rawValue
        let mineOrDesk = record.bookedBy == staff.id || RoomAccess.isDesk(staff, req.services)
        let desk = RoomAccess.isDesk(staff, req.services)
        let minutesLength = Int(record.endsAt.timeIntervalSince(record.startsAt) / 60)
        let content = try await req.view.render("rooms/booking", Page(
            shell: PageShell(req, title: record.title, flashError: refusal?.message), id: id, title: record.title, room: record.roomName,
            time: "\(DisplayDates.time(record.startsAt, calendar)) – \(DisplayDates.clock(record.endsAt, calendar))",
            duration: minutesLength % 60 == 0 ? "\(minutesLength / 60) \(req.t("room.hours"))" : "\(minutesLength) \(req.t("room.minutes_unit"))",
            attendees: record.attendees, invited: invited.isEmpty ? nil : invited.joined(separator: "、"),
            equipment: RoomJSON.strings(record.equipment).isEmpty ? nil : RoomJSON.strings(record.equipment).joined(separator: "、"),
            booker: record.bookerName, state: req.t("room.state.\(record.state)"), stateKey: record.state, external: record.externalParty, fee: record.fee,
            series: record.seriesID.map { _ in "\(record.occurrence)" }, reminded: record.remindedAt.map { DisplayTime.format($0, req) },
            reconfirmed: record.reconfirmedAt.map { DisplayTime.format($0, req) }, minutes: record.minutes, minutesAt: record.minutesAt.map { DisplayTime.format($0, req) },
            checks: checks.map { CheckRow(phase: req.t("room.check.\($0.phase)"), ok: $0.ok, faults: $0.faults, charge: $0.charge, by: $0.checkedByName,
                                          at: DisplayTime.format($0.checkedAt, req)) },
            canDecide: approval?.canDecide(staff.decider) ?? false, canCancel: holding && mineOrDesk && record.endsAt > now,
            canReconfirm: holding && mineOrDesk && record.startsAt > now,
            canCheckBefore: approved && desk && !checks.contains { $0.phase == RoomCheckPhase.before.rawValue },
            canCheckAfter: approved && desk && record.startsAt <= now && !checks.contains { $0.phase == RoomCheckPhase.after.rawValue },
            canMinutes: approved && mineOrDesk && record.endsAt <= now && record.minutesAt == nil,
            approvalLink: record.approvalID.map { "/approvals/\($0)" }, calendarLink: "/rooms?date=\(calendar.localDate(of: record.startsAt))"))
        let response = try await content.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    func act(req: Request, action: String) async throws -> Response {
        struct Form: Content {
            let comment: String?, attendees: String?, phase: String?, ok: String?, faults: String?, charge: String?, minutes: String?
        }
        let form = try req.content.decode(Form.self)
        let staff = try req.requireStaff(), id = try RoomBookingsAPIController.id(req)
        let flow = RoomBookingFlow(db: req.db, services: req.services)
        do {
            switch action {
            case "approve", "reject":
                let record = try await RoomBookings(db: req.db, services: req.services).find(id)
                guard let approvalID = record.approvalID else { throw DomainError.conflict(reason: "approval.already_decided") }
                _ = try await ApprovalEngine(db: req.db, services: req.services).decide(
                    id: approvalID, action == "approve" ? .approve : .reject, by: staff, comment: form.comment, expectedVersion: nil)
            case "cancel": _ = try await flow.cancel(id, by: staff)
            case "reconfirm":
                guard let headcount = form.attendees.flatMap({ Int($0) }) else { throw DomainError.validation(fields: ["attendees": "error.field.required"]) }
                _ = try await flow.reconfirm(id, attendees: headcount, startsAt: nil, endsAt: nil, by: staff)
            case "checks":
                var charge: Decimal?
                if let text = form.charge, !text.isEmpty {
                    guard let value = Money.parse(text) else { throw DomainError.validation(fields: ["charge": "error.field.money"]) }
                    charge = value
                }
                _ = try await RoomChecks(db: req.db, services: req.services).record(id, .init(phase: form.phase, ok: form.ok != nil, faults: form.faults, charge: charge), by: staff)
            default: _ = try await flow.attachMinutes(id, text: form.minutes ?? "", by: staff)
            }
            // Issue 21 §9: each step says what it did (flash.room_step.approve, …cancel, …reconfirm, …checks, …minutes).
            let step = ["approve", "reject", "cancel", "reconfirm", "checks"].contains(action) ? action : "minutes"
            return req.redirect(to: "/rooms/bookings/\(id)?flash=flash.room_step.\(step)")
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, refusal: req.refusal(error))
        }
    }
}

