import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/access-cards` and `/api/v1/access-equipment` (FDA-01/02/07), for the front desk and the
/// administrative office.
struct AccessCardsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.POST, "api", "v1", "access-cards", access: desk, summary: "Issue an access card to an employee (FDA-01)", request: IssueBody.self, response: CardResponse.self, status: .created, use: issue)
        routes.on(.GET, "api", "v1", "access-cards", access: desk, summary: "Access cards (?state=issued|returned|lost), newest first", use: list)
        routes.on(.GET, "api", "v1", "access-cards", "check", access: desk, summary: "Is this card valid at the door? (?card_no=, FDA-02)", response: CheckResult.self, use: check)
        routes.on(.POST, "api", "v1", "access-cards", ":id", "return", access: desk, summary: "A card is handed back (FDA-01)", request: EndBody?.self, use: giveBack)
        routes.on(.POST, "api", "v1", "access-cards", ":id", "lost", access: desk, summary: "A card is reported lost: it no longer opens the door", request: EndBody?.self, use: lost)
        routes.on(.POST, "api", "v1", "access-equipment", "reports", access: desk, summary: "A check or a fault of the access equipment (FDA-07)", request: ReportBody.self, response: ReportResponse.self, status: .created, use: report)
        routes.on(.GET, "api", "v1", "access-equipment", "reports", access: desk, summary: "Equipment checks and faults, newest first", use: reports)
        routes.on(.POST, "api", "v1", "access-equipment", "reports", ":id", "resolve", access: desk, summary: "Record the repair of a fault", request: ResolveBody.self, use: resolve)
    }

    struct CardResponse: Content {
        let id: UUID, cardNo: String, userId: UUID, userName: String, state: String, issuedAt: Date, issuedBy: String, endedAt: Date?, version: Int
        enum CodingKeys: String, CodingKey {
            case id, state, version
            case cardNo = "card_no", userId = "user_id", userName = "user_name", issuedAt = "issued_at", issuedBy = "issued_by", endedAt = "ended_at"
        }
        init(_ r: AccessCardRecord) {
            id = r.id!; cardNo = r.cardNo; userId = r.userID; userName = r.userName; state = r.state; issuedAt = r.issuedAt; issuedBy = r.issuedBy
            endedAt = r.endedAt; version = r.version
        }
    }

    struct ReportResponse: Content {
        let id: UUID, kind: String, note: String, reportedBy: String, reportedAt: Date, resolvedAt: Date?, resolution: String?
        enum CodingKeys: String, CodingKey {
            case id, kind, note, resolution
            case reportedBy = "reported_by", reportedAt = "reported_at", resolvedAt = "resolved_at"
        }
        init(_ r: AccessEquipmentReportRecord) {
            id = r.id!; kind = r.kind; note = r.note; reportedBy = r.reportedByName; reportedAt = r.reportedAt; resolvedAt = r.resolvedAt
            resolution = r.resolution
        }
    }

    @Sendable func issue(req: Request) async throws -> Response {
        let body = try req.content.decode(IssueBody.self)
        let record = try await AccessCards(db: req.db, services: req.services).issue(cardNo: body.card_no ?? "", to: body.user_id, by: req.requireStaff())
        let response = try await CardResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<CardResponse> {
        let state = req.query[String.self, at: "state"]
        if let state, AccessCards.State(rawValue: state) == nil { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
        let (cursor, limit) = try req.pagination()
        let page = try await AccessCardQueries(db: req.db).cards(state: state, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(CardResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func check(req: Request) async throws -> Response {
        guard let cardNo = req.query[String.self, at: "card_no"], !cardNo.isEmpty else {
            throw DomainError.validation(fields: ["card_no": "error.field.required"])
        }
        let card = try await AccessCards(db: req.db, services: req.services).current(cardNo: cardNo)
        return try await CheckResult(valid: card != nil, card: card.map(CardResponse.init)).encodeResponse(for: req)
    }

    @Sendable func giveBack(req: Request) async throws -> CardResponse { try await end(req, .returned) }
    @Sendable func lost(req: Request) async throws -> CardResponse { try await end(req, .lost) }

    private func end(_ req: Request, _ state: AccessCards.State) async throws -> CardResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "access_card") }
        let version = (try req.optionalContent(EndBody.self))?.version
        return CardResponse(try await AccessCards(db: req.db, services: req.services).end(id, as: state, expectedVersion: version, by: req.requireStaff()))
    }

    @Sendable func report(req: Request) async throws -> Response {
        let body = try req.content.decode(ReportBody.self)
        let record = try await AccessCards(db: req.db, services: req.services).report(kind: body.kind ?? "", note: body.note ?? "", by: req.requireStaff())
        let response = try await ReportResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func reports(req: Request) async throws -> ListResponse<ReportResponse> {
        let (cursor, limit) = try req.pagination()
        let page = try await AccessCardQueries(db: req.db).reports(after: cursor, limit: limit)
        return ListResponse(items: page.items.map(ReportResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func resolve(req: Request) async throws -> ReportResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "access_equipment") }
        let body = try req.content.decode(ResolveBody.self)
        return ReportResponse(try await AccessCards(db: req.db, services: req.services).resolve(id, resolution: body.resolution ?? "", by: req.requireStaff()))
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension AccessCardsAPIController {
    struct IssueBody: Content { let card_no: String?, user_id: UUID? }
    struct CheckResult: Content { let valid: Bool, card: CardResponse? }
    struct ReportBody: Content { let kind: String?, note: String? }
    struct ResolveBody: Content { let resolution: String? }
    /// Return or loss: the body is optional; without a `version` there is no stale-write check.
    struct EndBody: Content { let version: Int? }
}
