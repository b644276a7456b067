import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/rooms` and `/api/v1/room-loans` (API.md "Front desk"): the rooms (managers create them, MR-01)
/// and the study-materials loan register (MR-05).
struct RoomsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "rooms", access: .authenticated, summary: "Create a meeting room (the rooms manager / meeting_rooms.approver)", request: CreateBody.self, response: RoomResponse.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "rooms", access: .authenticated, summary: "Meeting rooms with capacity and equipment", use: list)
        routes.on(.POST, "api", "v1", "room-loans", access: .authenticated, summary: "Lend study materials, due back in meeting_rooms.loan_days (MR-05; the desk)", request: LendBody.self, response: RoomLoanResponse.self, status: .created, use: lend)
        routes.on(.GET, "api", "v1", "room-loans", access: .authenticated, summary: "Open study-material loans, most overdue first (the desk)", use: loans)
        routes.on(.GET, "api", "v1", "room-faults", access: .authenticated, summary: "Equipment faults charged to departments (?department_id=; MR-15, the desk)", use: faults)
        routes.on(.POST, "api", "v1", "room-loans", ":id", "return", access: .authenticated, summary: "A lent item comes back, intact or not (MR-05)", request: GiveBackBody.self, use: giveBack)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateBody.self)
        let room = try await Rooms(db: req.db, services: req.services).create(.init(name: body.name ?? "", capacity: body.capacity, equipment: body.equipment),
                                                                              by: req.requireStaff())
        let response = try await RoomResponse(room).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<RoomResponse> {
        _ = try req.requireStaff()
        return ListResponse(items: try await Rooms(db: req.db, services: req.services).list().map(RoomResponse.init), nextCursor: nil)
    }

    @Sendable func lend(req: Request) async throws -> Response {
        let body = try req.content.decode(LendBody.self)
        let loan = try await RoomLoans(db: req.db, services: req.services).lend(item: body.item ?? "", borrowerID: body.borrower_id, roomID: body.room_id,
                                                                                by: req.requireStaff())
        let response = try await RoomLoanResponse(loan, now: req.services.now()).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func loans(req: Request) async throws -> ListResponse<RoomLoanResponse> {
        let staff = try req.requireStaff()
        guard RoomAccess.isDesk(staff, req.services) else { throw DomainError.forbidden(reason: "error.room.desk_only") }
        let now = req.services.now()
        var items = try await RoomLoans(db: req.db, services: req.services).open().map { RoomLoanResponse($0, now: now) }
        if req.query[Bool.self, at: "overdue"] == true { items = items.filter(\.overdue) }
        return ListResponse(items: items, nextCursor: nil)
    }

    @Sendable func faults(req: Request) async throws -> ListResponse<RoomCheckResponse> {
        let staff = try req.requireStaff()
        guard RoomAccess.isDesk(staff, req.services) else { throw DomainError.forbidden(reason: "error.room.desk_only") }
        let department = try req.query[String.self, at: "department_id"].map { text in
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["department_id": "error.field.invalid_value"]) }
            return id
        }
        return ListResponse(items: try await RoomChecks(db: req.db, services: req.services).faults(departmentID: department).map(RoomCheckResponse.init))
    }

    @Sendable func giveBack(req: Request) async throws -> RoomLoanResponse {
        let body = try req.content.decode(GiveBackBody.self)
        guard let intact = body.intact else { throw DomainError.validation(fields: ["intact": "error.field.required"]) }
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "room_loan") }
        let loan = try await RoomLoans(db: req.db, services: req.services).giveBack(id, intact: intact, note: body.note, by: req.requireStaff())
        return RoomLoanResponse(loan, now: req.services.now())
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension RoomsAPIController {
    struct CreateBody: Content { let name: String?, capacity: Int?, equipment: [String]? }
    struct LendBody: Content { let item: String?, borrower_id: UUID?, room_id: UUID? }
    struct GiveBackBody: Content { let intact: Bool?, note: String? }
}
