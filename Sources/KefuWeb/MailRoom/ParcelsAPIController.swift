import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/parcels` (API.md "Front desk"): the desk registers incoming and outgoing items, hands them over
/// against the collector's signature and clears overdue ones; staff list their own and name a delegate.
struct ParcelsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.POST, "api", "v1", "parcels", access: desk, summary: "Register incoming or outgoing mail/parcel (FDM-02/03/04)", request: RegisterRequest.self, response: ParcelResponse.self, status: .created, use: register)
        routes.on(.GET, "api", "v1", "parcels", access: .authenticated,
                  summary: "Parcels (?state=&direction=&recipient_id=&department_id=&overdue=true); staff see their own, the desk all", use: list)
        routes.on(.GET, "api", "v1", "parcels", ":id", access: .authenticated, summary: "One parcel", use: show)
        routes.on(.POST, "api", "v1", "parcels", ":id", "pickup", access: desk, summary: "Hand over to the recipient or their delegate, signed (FDM-05)", request: PickupBody.self, use: pickup)
        routes.on(.POST, "api", "v1", "parcels", ":id", "delegate", access: .authenticated, summary: "The recipient names a colleague to collect (FDM-05)", request: DelegateBody.self, use: delegate)
        routes.on(.POST, "api", "v1", "parcels", ":id", "clear", access: desk, summary: "Clear an overdue uncollected item (FDM-06)", request: ClearBody.self, use: clear)
    }

    struct RegisterRequest: Content {
        let direction: String?, trackingNo: String?, courier: String?, senderName: String?, senderOrganization: String?, senderContact: String?
        let senderUserId: UUID?, recipientUserId: UUID?, recipientName: String?, recipientDepartment: String?, recipientContact: String?
        let content: String?, important: Bool?, damaged: Bool?, damageNote: String?, courierContacted: Bool?
        enum CodingKeys: String, CodingKey {
            case direction, courier, content, important, damaged
            case trackingNo = "tracking_no", senderName = "sender_name", senderOrganization = "sender_organization", senderContact = "sender_contact"
            case senderUserId = "sender_user_id", recipientUserId = "recipient_user_id", recipientName = "recipient_name"
            case recipientDepartment = "recipient_department", recipientContact = "recipient_contact", damageNote = "damage_note"
            case courierContacted = "courier_contacted"
        }
    }

    static func direction(_ text: String?) throws -> Parcels.Direction {
        guard let text else { return .incoming }
        guard let direction = Parcels.Direction(rawValue: text) else { throw DomainError.validation(fields: ["direction": "error.field.choice"]) }
        return direction
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: Parcels.subject) }
        return id
    }

    func response(_ record: ParcelRecord, _ req: Request) -> ParcelResponse {
        ParcelResponse(record, overdue: Parcels(db: req.db, services: req.services).isOverdue(record, now: req.services.now()))
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try req.content.decode(RegisterRequest.self)
        let input = Parcels.Input(
            direction: try Self.direction(body.direction), trackingNo: body.trackingNo, courier: body.courier, senderName: body.senderName,
            senderOrganization: body.senderOrganization, senderContact: body.senderContact, senderUserID: body.senderUserId,
            recipientUserID: body.recipientUserId, recipientName: body.recipientName, recipientDepartment: body.recipientDepartment,
            recipientContact: body.recipientContact, content: body.content, important: body.important ?? false, damaged: body.damaged ?? false,
            damageNote: body.damageNote, courierContacted: body.courierContacted ?? false)
        let record = try await Parcels(db: req.db, services: req.services).register(input, by: req.requireStaff())
        let response = try await response(record, req).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<ParcelResponse> {
        let staff = try req.requireStaff()
        let state = try req.query[String.self, at: "state"].map { text in
            guard let state = Parcels.State(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            return state
        }
        let direction = try req.query[String.self, at: "direction"].map { try Self.direction($0) }
        let recipient = try req.query[String.self, at: "recipient_id"].map { text in
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["recipient_id": "error.field.unknown"]) }
            return id
        }
        let department = try req.query[String.self, at: "department_id"].map { text in
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["department_id": "error.field.unknown"]) }
            return id
        }
        let queries = ParcelQueries(db: req.db, services: req.services)
        let isDesk = staff.has(.frontDeskWork)
        if req.query[Bool.self, at: "overdue"] == true {
            guard isDesk else { throw DomainError.forbidden(reason: "error.forbidden") }
            return ListResponse(items: try await queries.overdue(now: req.services.now()).map { response($0, req) }, nextCursor: nil)
        }
        let (cursor, limit) = try req.pagination()
        let page = try await queries.page(.init(state: state, direction: direction, recipientID: recipient, departmentID: department, involving: isDesk ? nil : staff.id),
                                          after: cursor, limit: limit)
        return ListResponse(items: page.items.map { response($0, req) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> ParcelResponse {
        response(try await Parcels(db: req.db, services: req.services).find(try Self.id(req), for: req.requireStaff()), req)
    }

    @Sendable func pickup(req: Request) async throws -> ParcelResponse {
        let body = try req.content.decode(PickupBody.self)
        return response(try await Parcels(db: req.db, services: req.services).pickup(
            try Self.id(req), collectorID: body.collected_by, signature: body.signature, by: req.requireStaff()), req)
    }

    @Sendable func delegate(req: Request) async throws -> ParcelResponse {
        let body = try req.content.decode(DelegateBody.self)
        return response(try await Parcels(db: req.db, services: req.services).delegate(try Self.id(req), to: body.user_id, by: req.requireStaff()), req)
    }

    @Sendable func clear(req: Request) async throws -> ParcelResponse {
        let body = try req.content.decode(ClearBody.self)
        return response(try await Parcels(db: req.db, services: req.services).clear(try Self.id(req), note: body.note, by: req.requireStaff()), req)
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension ParcelsAPIController {
    struct PickupBody: Content { let collected_by: UUID?, signature: String? }
    struct DelegateBody: Content { let user_id: UUID? }
    struct ClearBody: Content { let note: String? }
}
