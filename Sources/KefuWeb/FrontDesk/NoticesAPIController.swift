import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/notices` (API.md "Front desk"): publish to a recipient list (FDN-02/03), my notices, the ones I
/// issued (or all, for the desk), a notice's confirmation report (FDN-05), `/acknowledge` by a recipient,
/// printed copies handed over, reminders and archiving (FDN-06).
struct NoticesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let publish = Access.permission(.noticesPublish)
        routes.on(.POST, "api", "v1", "notices", access: publish, summary: "Publish a notice to people, teams, departments or everyone (FDN-02/03)", request: NoticeRequest.self, response: NoticeResponse.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "notices", access: .authenticated, summary: "Notices: mine (?unconfirmed=true), ?scope=issued, ?scope=all (desk), ?archived=true", use: list)
        routes.on(.GET, "api", "v1", "notices", ":id", access: .authenticated, summary: "One notice (recipients, issuer, desk)", use: show)
        routes.on(.GET, "api", "v1", "notices", ":id", "recipients", access: .authenticated, summary: "Who confirmed and who did not (?confirmed=true|false; issuer, desk)", use: recipients)
        routes.on(.POST, "api", "v1", "notices", ":id", "acknowledge", access: .authenticated, summary: "Confirm a notice (a recipient, FDN-05)", request: NoBody.self, use: acknowledge)
        routes.on(.POST, "api", "v1", "notices", ":id", "deliveries", access: publish, summary: "Record a printed copy handed to a recipient (FDN-03)", request: DeliverBody.self, use: deliver)
        routes.on(.POST, "api", "v1", "notices", ":id", "remind", access: publish, summary: "Remind everyone who has not confirmed (issuer, desk)", request: NoBody.self, use: remind)
        routes.on(.POST, "api", "v1", "notices", ":id", "archive", access: publish, summary: "Archive a notice (FDN-06)", request: NoBody.self, use: archive)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(NoticeRequest.self)
        let notice = try await Notices(db: req.db, services: req.services).publish(body.input, by: req.requireStaff())
        let response = try await NoticeResponse(notice, mine: nil).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<NoticeResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let queries = NoticeQueries(db: req.db)
        switch req.query[String.self, at: "scope"] ?? "mine" {
        case "mine":
            let page = try await queries.received(by: staff.id, unconfirmedOnly: req.query[Bool.self, at: "unconfirmed"] ?? false, after: cursor, limit: limit)
            return ListResponse(items: page.items.map { NoticeResponse($0.notice, mine: $0.recipient) }, nextCursor: page.nextCursor)
        case "issued", "all":
            let all = req.query[String.self, at: "scope"] == "all"
            if all, !staff.has(.frontDeskWork) { throw DomainError.forbidden(reason: "error.forbidden") }
            let page = try await queries.issued(by: all ? nil : staff.id, archived: req.query[Bool.self, at: "archived"] ?? false, after: cursor, limit: limit)
            return ListResponse(items: page.items.map { NoticeResponse($0, mine: nil) }, nextCursor: page.nextCursor)
        default:
            throw DomainError.validation(fields: ["scope": "error.field.choice"])
        }
    }

    @Sendable func show(req: Request) async throws -> NoticeResponse {
        let (notice, mine) = try await Self.visible(req)
        return NoticeResponse(notice, mine: mine)
    }

    @Sendable func recipients(req: Request) async throws -> ListResponse<RecipientResponse> {
        let (notice, _) = try await Self.visible(req)
        guard NoticeAccess.canManage(notice, try req.requireStaff()) else { throw DomainError.forbidden(reason: "error.forbidden") }
        let rows = try await NoticeQueries(db: req.db).recipients(of: notice.id!, confirmed: req.query[Bool.self, at: "confirmed"])
        return ListResponse(items: rows.map(RecipientResponse.init), nextCursor: nil)
    }

    @Sendable func acknowledge(req: Request) async throws -> NoticeResponse {
        let (notice, row) = try await Notices(db: req.db, services: req.services).acknowledge(try Self.id(req), by: req.requireStaff())
        return NoticeResponse(notice, mine: row)
    }

    @Sendable func deliver(req: Request) async throws -> RecipientResponse {
        let body = try req.content.decode(DeliverBody.self)
        guard let userID = body.userId else { throw DomainError.validation(fields: ["user_id": "error.field.required"]) }
        let (notice, _) = try await Self.visible(req)
        guard NoticeAccess.canManage(notice, try req.requireStaff()) else { throw DomainError.forbidden(reason: "error.forbidden") }
        return RecipientResponse(try await Notices(db: req.db, services: req.services).recordDelivery(notice.id!, to: userID, by: req.requireStaff()))
    }

    @Sendable func remind(req: Request) async throws -> NoticeResponse {
        let (notice, _) = try await Self.visible(req)
        let staff = try req.requireStaff()
        guard NoticeAccess.canManage(notice, staff) else { throw DomainError.forbidden(reason: "error.forbidden") }
        guard notice.archivedAt == nil else { throw DomainError.conflict(reason: "error.notice.archived") }
        try await NoticeReminders(db: req.db, services: req.services).remind(notice, now: req.services.now(), by: staff)
        return NoticeResponse(notice, mine: nil)
    }

    @Sendable func archive(req: Request) async throws -> NoticeResponse {
        NoticeResponse(try await Notices(db: req.db, services: req.services).archive(try Self.id(req), by: req.requireStaff()), mine: nil)
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "notice") }
        return id
    }

    /// The notice if the caller may see it: a recipient, its issuer or the desk; anyone else gets 404.
    static func visible(_ req: Request) async throws -> (NoticeRecord, NoticeRecipientRecord?) {
        let staff = try req.requireStaff()
        let notice = try await Notices(db: req.db, services: req.services).find(try id(req))
        let mine = try await NoticeRecipientRecord.query(on: req.db).filter(\.$noticeID == notice.id!).filter(\.$userID == staff.id).first()
        guard mine != nil || NoticeAccess.canManage(notice, staff) else { throw DomainError.notFound(subject: "notice") }
        return (notice, mine)
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension NoticesAPIController {
    struct DeliverBody: Content { let userId: UUID?; enum CodingKeys: String, CodingKey { case userId = "user_id" } }
}
