import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/messages` (API.md "Front desk"): the desk takes a message (FDP-05), the addressee lists and
/// confirms theirs; `?scope=all` (the desk) lists everyone's.
struct PhoneMessagesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "messages", access: .permission(.frontDeskWork), summary: "Take a phone message for a member of staff (FDP-05)", request: MessageRequest.self, response: MessageResponse.self, status: .created, use: take)
        routes.on(.GET, "api", "v1", "messages", access: .authenticated, summary: "My phone messages (?unread=true); ?scope=all for the front desk", use: list)
        routes.on(.POST, "api", "v1", "messages", ":id", "read", access: .authenticated, summary: "Confirm reading a phone message (the addressee)", request: NoBody.self, use: read)
    }

    struct MessageRequest: Content {
        let callerName: String?, organization: String?, contact: String?, content: String?, forUserId: UUID?, urgent: Bool?
        enum CodingKeys: String, CodingKey {
            case organization, contact, content, urgent
            case callerName = "caller_name", forUserId = "for_user_id"
        }
    }

    struct MessageResponse: Content {
        let id: UUID, callerName: String, organization: String?, contact: String, content: String
        let forUserId: UUID, forName: String, urgent: Bool, takenBy: String, takenAt: Date, readAt: Date?, escalatedAt: Date?
        enum CodingKeys: String, CodingKey {
            case id, organization, contact, content, urgent
            case callerName = "caller_name", forUserId = "for_user_id", forName = "for_name", takenBy = "taken_by", takenAt = "taken_at"
            case readAt = "read_at", escalatedAt = "escalated_at"
        }
        init(_ r: PhoneMessageRecord) {
            id = r.id!; callerName = r.callerName; organization = r.organization; contact = r.contact; content = r.content
            forUserId = r.forUserID; forName = r.forName; urgent = r.urgent; takenBy = r.takenByName; takenAt = r.takenAt
            readAt = r.readAt; escalatedAt = r.escalatedAt
        }
    }

    @Sendable func take(req: Request) async throws -> Response {
        let body = try req.content.decode(MessageRequest.self)
        let record = try await PhoneMessages(db: req.db, services: req.services).take(.init(
            callerName: body.callerName ?? "", organization: body.organization, contact: body.contact ?? "", content: body.content ?? "",
            forUserID: body.forUserId, urgent: body.urgent ?? false), by: req.requireStaff())
        let response = try await MessageResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<MessageResponse> {
        let staff = try req.requireStaff()
        let all = req.query[String.self, at: "scope"] == "all"
        if all, !staff.has(.frontDeskWork) { throw DomainError.forbidden(reason: "error.forbidden") }
        let (cursor, limit) = try req.pagination()
        let page = try await PhoneMessages(db: req.db, services: req.services).list(
            for: all ? nil : staff.id, unreadOnly: req.query[Bool.self, at: "unread"] ?? false, after: cursor, limit: limit)
        return ListResponse(items: page.items.map(MessageResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func read(req: Request) async throws -> MessageResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "phone_message") }
        return MessageResponse(try await PhoneMessages(db: req.db, services: req.services).markRead(id, by: req.requireStaff()))
    }
}
