import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/visitors` (API.md "Front desk"): registration with a card from the pool, checkout with the card
/// returned or not, expected visitors pre-registered by their host, the day's board and the blocklist.
struct VisitorsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.POST, "api", "v1", "visitors", access: desk, summary: "Register a visitor: host told, temporary card issued (FDV-02/03, FDA-03)", request: VisitorRequest.self, use: register)
        routes.on(.GET, "api", "v1", "visitors", access: desk, summary: "Visitors by state (?state=in|expected|left|message_left), newest first", use: list)
        routes.on(.POST, "api", "v1", "visitors", "expected", access: .authenticated, summary: "Pre-register an expected visitor (the host)", request: VisitorRequest.self, use: expect)
        routes.on(.POST, "api", "v1", "visitors", ":id", "arrive", access: desk, summary: "An expected visitor arrives (card issued)", request: NoBody.self, use: arrive)
        routes.on(.POST, "api", "v1", "visitors", ":id", "checkout", access: desk, summary: "The visitor leaves; card returned or charged (FDA-04/05)", request: CheckoutBody.self, use: checkout)
        routes.on(.POST, "api", "v1", "visitors", ":id", "card-found", access: desk, summary: "A lost temporary card is back in the pool", request: NoBody.self, use: cardFound)
        routes.on(.POST, "api", "v1", "visitor-blocklist", access: desk, summary: "Block a visitor by phone number", request: BlockBody.self, response: BlockBlocked.self, status: .created, use: block)
    }

    struct VisitorRequest: Content {
        let name: String?, organization: String?, phone: String?, purpose: String?, hostUserId: UUID?, hostIn: Bool?, message: String?, expectedAt: Date?
        let area: String?
        enum CodingKeys: String, CodingKey {
            case name, organization, phone, purpose, message, area
            case hostUserId = "host_user_id", hostIn = "host_in", expectedAt = "expected_at"
        }
        var input: Visitors.Input {
            Visitors.Input(name: name ?? "", organization: organization, phone: phone ?? "", purpose: purpose ?? "", hostID: hostUserId,
                           hostIn: hostIn ?? true, message: message, expectedAt: expectedAt, area: area ?? VisitArea.reception.rawValue)
        }
    }

    struct VisitorResponse: Content {
        let id: UUID, name: String, organization: String?, phone: String, purpose: String, hostUserId: UUID, hostName: String, state: String
        let badgeNo: String?, expectedAt: Date?, arrivedAt: Date?, leftAt: Date?, message: String?, badgeLost: Bool, compensation: String?, version: Int
        let area: String, areaApprovalId: UUID?, areaApproved: Bool?
        enum CodingKeys: String, CodingKey {
            case id, name, organization, phone, purpose, state, message, compensation, version, area
            case areaApprovalId = "area_approval_id", areaApproved = "area_approved"
            case hostUserId = "host_user_id", hostName = "host_name", badgeNo = "badge_no", expectedAt = "expected_at", arrivedAt = "arrived_at"
            case leftAt = "left_at", badgeLost = "badge_lost"
        }
        init(_ r: VisitorRecord) {
            id = r.id!; name = r.name; organization = r.organization; phone = r.phone; purpose = r.purpose; hostUserId = r.hostID; hostName = r.hostName
            state = r.state; badgeNo = r.badgeNo; expectedAt = r.expectedAt; arrivedAt = r.arrivedAt; leftAt = r.leftAt; message = r.message
            badgeLost = r.badgeLost; compensation = r.compensation; version = r.version
            area = r.area; areaApprovalId = r.areaApprovalID; areaApproved = r.areaApproved
        }
    }

    static func created(_ record: VisitorRecord, _ req: Request) async throws -> Response {
        let response = try await VisitorResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func register(req: Request) async throws -> Response {
        let body = try req.content.decode(VisitorRequest.self)
        return try await Self.created(try await Visitors(db: req.db, services: req.services).register(body.input, by: req.requireStaff()), req)
    }

    @Sendable func expect(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        var input = try req.content.decode(VisitorRequest.self).input
        // A host pre-registers their own visitor; the desk may do it for anyone.
        if !staff.has(.frontDeskWork) || input.hostID == nil { input.hostID = staff.id }
        return try await Self.created(try await Visitors(db: req.db, services: req.services).register(input, expected: true, by: staff), req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<VisitorResponse> {
        let state = try req.query[String.self, at: "state"].map { text in
            guard let state = VisitState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            return state
        }
        let (cursor, limit) = try req.pagination()
        let page = try await VisitorQueries(db: req.db).page(state: state, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(VisitorResponse.init), nextCursor: page.nextCursor)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "visitor") }
        return id
    }

    @Sendable func arrive(req: Request) async throws -> VisitorResponse {
        VisitorResponse(try await Visitors(db: req.db, services: req.services).arrive(try Self.id(req), by: req.requireStaff()))
    }

    @Sendable func checkout(req: Request) async throws -> VisitorResponse {
        let body = try req.content.decode(CheckoutBody.self)
        guard let returned = body.badge_returned else { throw DomainError.validation(fields: ["badge_returned": "error.field.required"]) }
        return VisitorResponse(try await Visitors(db: req.db, services: req.services).checkout(try Self.id(req), cardReturned: returned, by: req.requireStaff()))
    }

    @Sendable func cardFound(req: Request) async throws -> VisitorResponse {
        VisitorResponse(try await Visitors(db: req.db, services: req.services).cardFound(try Self.id(req), by: req.requireStaff()))
    }

    @Sendable func block(req: Request) async throws -> Response {
        let body = try req.content.decode(BlockBody.self)
        let record = try await VisitorQueries(db: req.db).block(phone: body.phone ?? "", name: body.name ?? "", reason: body.reason ?? "",
                                                               by: req.requireStaff(), at: req.services.now())
        let response = try await BlockBlocked(id: record.id!, phone: record.phone, name: record.name, reason: record.reason).encodeResponse(for: req)
        response.status = .created
        return response
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension VisitorsAPIController {
    struct CheckoutBody: Content { let badge_returned: Bool? }
    struct BlockBody: Content { let phone: String?, name: String?, reason: String? }
    struct BlockBlocked: Content { let id: UUID, phone: String, name: String, reason: String }
}
