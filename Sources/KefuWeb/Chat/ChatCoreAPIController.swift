import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The chat's case, leaving a message, transfer, inviting a leader, images and the queue (issue 9; API.md
/// "Online chat"). Customer calls carry the chat's token in `X-Chat-Token`; staff calls their bearer token or
/// session, and `ChatAccess` decides per chat.
struct ChatCoreAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let chats = routes.grouped("api", "v1", "chats", ":chatID")
        chats.on(.POST, "case", access: .authenticated, summary: "Continue an existing case of the customer ({case_id}) or open the chat's case with a phone ({phone})", request: CaseLinkRequest.self, use: linkCase)
        chats.on(.POST, "leave-message", access: .public, summary: "Leave a message while waiting (customer token, X-Chat-Token): it becomes a case", request: LeaveMessageRequest.self, response: LeaveMessageResponse.self, status: .created, use: leaveMessage)
        chats.on(.POST, "transfer", access: .authenticated, summary: "Transfer the chat to an agent or back to a team's queue, with a note", request: TransferRequest.self, use: transfer)
        chats.on(.POST, "invite", access: .authenticated, summary: "Invite a leader (default: the agent's team leader) to read and post", request: InviteRequest.self, response: ParticipantView.self, status: .created, use: invite)
        chats.on(.GET, "participants", access: .authenticated, summary: "People invited into the chat", use: participants)
        chats.on(.GET, "queue", access: .public, summary: "Queue position and estimated wait (customer token or staff)", use: queue)
        chats.on(.POST, "images", access: .public, summary: "Send an image (raw bytes; PNG, JPEG, GIF or WebP by content) — customer token or staff", response: ImageView.self, status: .created, body: .collect(maxSize: ByteCount(value: Self.imageBodyLimit)), use: postImage)
        chats.on(.GET, "images", ":seq", access: .public, summary: "An image of the chat (customer token or staff who may read it)", use: image)
    }

    // MARK: DTOs

    struct CaseLinkRequest: Content {
        let caseId: UUID?, phone: String?
        enum CodingKeys: String, CodingKey { case phone; case caseId = "case_id" }
    }

    struct CaseLinkResponse: Content {
        let chat: ChatView, closedCaseId: UUID?
        enum CodingKeys: String, CodingKey { case chat; case closedCaseId = "closed_case_id" }
    }

    struct LeaveMessageRequest: Content { let text: String?, phone: String? }

    struct LeaveMessageResponse: Content {
        let chatId: UUID, state: String, caseId: UUID, caseNumber: String
        enum CodingKeys: String, CodingKey { case state; case chatId = "chat_id", caseId = "case_id", caseNumber = "case_number" }
    }

    struct TransferRequest: Content {
        let toAgentId: UUID?, toTeamId: UUID?, note: String?
        enum CodingKeys: String, CodingKey { case note; case toAgentId = "to_agent_id", toTeamId = "to_team_id" }
    }

    struct InviteRequest: Content {
        let userId: UUID?
        enum CodingKeys: String, CodingKey { case userId = "user_id" }
    }

    struct ParticipantView: Content {
        let chatId: UUID, userId: UUID, userName: String, invitedBy: UUID, invitedAt: Date
        enum CodingKeys: String, CodingKey {
            case chatId = "chat_id", userId = "user_id", userName = "user_name", invitedBy = "invited_by", invitedAt = "invited_at"
        }
        init(_ p: ChatParticipantRecord) { chatId = p.chatID; userId = p.userID; userName = p.userName; invitedBy = p.invitedBy; invitedAt = p.invitedAt }
    }

    struct QueueView: Content {
        let position: Int, estimatedWaitSeconds: Int
        enum CodingKeys: String, CodingKey { case position; case estimatedWaitSeconds = "estimated_wait_seconds" }
    }

    struct ImageView: Content {
        let seq: Int, party: String, imageType: String, at: Date, url: String
        enum CodingKeys: String, CodingKey { case seq, party, at, url; case imageType = "image_type" }
    }

    // MARK: Handlers

    @Sendable func linkCase(req: Request) async throws -> CaseLinkResponse {
        let staff = try req.requireStaff()
        let chat = try await Self.chat(req)
        let body = try req.content.decode(CaseLinkRequest.self)
        let chatCase = ChatCase(db: req.db, services: req.services)
        if let caseID = body.caseId {
            let done = try await chatCase.continueCase(chat, caseID: caseID, by: staff)
            return CaseLinkResponse(chat: ChatView(done.chat, forStaff: true), closedCaseId: done.closedDuplicateID)
        }
        guard let phone = body.phone?.nilIfBlank else { throw DomainError.validation(fields: ["case_id": "error.field.required"]) }
        return CaseLinkResponse(chat: ChatView(try await chatCase.openWithPhone(chat, phone: phone, by: staff), forStaff: true), closedCaseId: nil)
    }

    @Sendable func leaveMessage(req: Request) async throws -> Response {
        let chats = Self.chats(req)
        let chat = try await chats.chat(try Self.id(req), token: try Self.token(req))
        let body = try req.content.decode(LeaveMessageRequest.self)
        let (left, record) = try await chats.leaveMessage(chat, text: body.text ?? "", phone: body.phone)
        let response = try await LeaveMessageResponse(chatId: left.id!, state: left.state, caseId: record.id!, caseNumber: record.number).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func transfer(req: Request) async throws -> ChatView {
        let body = try req.content.decode(TransferRequest.self)
        let chat = try await Self.chats(req).transfer(try await Self.chat(req), toAgent: body.toAgentId, toTeam: body.toTeamId,
                                                      note: body.note, by: try req.requireStaff())
        return ChatView(chat, forStaff: true)
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let body = try req.content.decode(InviteRequest.self)
        let participant = try await Self.chats(req).invite(try await Self.chat(req), userID: body.userId, by: try req.requireStaff())
        let response = try await ParticipantView(participant).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func participants(req: Request) async throws -> ListResponse<ParticipantView> {
        let chat = try await Self.chat(req)
        try await ChatGate(db: req.db).requireRead(chat, by: try req.requireStaff())
        return ListResponse(items: try await Self.chats(req).participants(chat).map(ParticipantView.init), nextCursor: nil)
    }

    @Sendable func queue(req: Request) async throws -> QueueView {
        let chat = try await Self.readable(req)
        let status = try await Self.chats(req).queueStatus(chat)
        return QueueView(position: status.position, estimatedWaitSeconds: status.estimatedWaitSeconds)
    }

    @Sendable func postImage(req: Request) async throws -> Response {
        let chats = Self.chats(req)
        let id = try Self.id(req)
        let bytes = req.body.data.map { Array($0.readableBytesView) } ?? []
        let message: ChatMessageRecord
        if req.headers.first(name: Self.tokenHeader) != nil {
            message = try await chats.postImage(try await chats.chat(id, token: try Self.token(req)), data: bytes, from: .customer)
        } else {
            message = try await chats.postImage(try await Self.chat(req), data: bytes, from: .staff(try req.requireStaff()))
        }
        let response = try await ImageView(seq: message.seq, party: message.party, imageType: message.imageType ?? "", at: message.at,
                                           url: "/api/v1/chats/\(id)/images/\(message.seq)").encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func image(req: Request) async throws -> Response {
        let chat = try await Self.readable(req)
        return try await ChatImageResponse.make(chat, req: req)
    }

    // MARK: Who is calling

    static let tokenHeader = "X-Chat-Token"
    /// Above the largest `chat.max_image_bytes` the rulebook allows (20 MiB), so the policy answers 400, not 413.
    static let imageBodyLimit = 21 * 1_048_576

    static func chats(_ req: Request) -> Chats { Chats(db: req.db, services: req.services, hub: req.application.chatHub) }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("chatID", as: UUID.self) else { throw DomainError.notFound(subject: "chat") }
        return id
    }

    /// The customer's token: the header, or `?token=` for an `<img src>` that cannot send headers.
    static func token(_ req: Request) throws -> String {
        guard let token = req.headers.first(name: tokenHeader) ?? (req.method == .GET ? req.query[String.self, at: "token"] : nil), !token.isEmpty else {
            throw Abort(.unauthorized)
        }
        return token
    }

    static func chat(_ req: Request) async throws -> ChatRecord {
        guard let chat = try await ChatRecord.find(try id(req), on: req.db) else { throw DomainError.notFound(subject: "chat") }
        return chat
    }

    /// The chat for its customer (token) or for staff who may read it (ChatAccess); neither → 401.
    static func readable(_ req: Request) async throws -> ChatRecord {
        if let token = try? token(req) { return try await chats(req).chat(try id(req), token: token) }
        let staff = try req.requireStaff()
        let chat = try await chat(req)
        try await ChatGate(db: req.db).requireRead(chat, by: staff)
        return chat
    }
}
