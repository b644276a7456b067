import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Issue 9, the assessment API: chats at risk of the CHN-16 clock (leaders), the recorded breaches, and the
/// messages of a case's chats (case read scope).
struct ChatQualityAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "api", "v1", "chats", "at-risk", access: .permission(.casesAssign),
                  summary: "Open chats whose answer is due within 20 s or overdue (CHN-16)", use: atRisk)
        routes.on(.GET, "api", "v1", "chat-breaches", access: .authenticated,
                  summary: "Recorded CHN-16 chat breaches (?agent_id=&month=; agents: own)", use: breaches)
        routes.on(.GET, "api", "v1", "cases", ":id", "chat", access: .permission(.casesRead),
                  summary: "The messages of the case's chats (transcript)", use: caseChat)
    }

    struct AtRiskResponse: Content {
        let chatId: UUID, caseId: UUID?, agentId: UUID?, agentName: String?, customerName: String, state: String, answerDue: Date, secondsLeft: Int
        enum CodingKeys: String, CodingKey {
            case state
            case chatId = "chat_id", caseId = "case_id", agentId = "agent_id", agentName = "agent_name", customerName = "customer_name"
            case answerDue = "answer_due", secondsLeft = "seconds_left"
        }
    }

    struct BreachResponse: Content {
        let id: UUID, chatId: UUID, caseId: UUID?, agentId: UUID?, agentName: String?, kind: String, due: Date, at: Date, month: String
        enum CodingKeys: String, CodingKey {
            case id, kind, due, at, month
            case chatId = "chat_id", caseId = "case_id", agentId = "agent_id", agentName = "agent_name"
        }
        init(_ r: ChatBreachRecord) {
            id = r.id!; chatId = r.chatID; caseId = r.caseID; agentId = r.agentID; agentName = r.agentName; kind = r.kind; due = r.due; at = r.at; month = r.month
        }
    }

    struct MessageResponse: Content {
        let chatId: UUID, seq: Int, party: String, authorName: String, body: String?, hasImage: Bool, at: Date
        enum CodingKeys: String, CodingKey {
            case seq, party, body, at
            case chatId = "chat_id", authorName = "author_name", hasImage = "has_image"
        }
    }

    @Sendable func atRisk(req: Request) async throws -> ListResponse<AtRiskResponse> {
        let scope = try await CaseScope.of(try req.requireStaff(), db: req.db)
        let items = try await ChatAtRiskList(db: req.db, services: req.services).list(scope: scope.repositoryScope)
        return ListResponse(items: items.map {
            AtRiskResponse(chatId: $0.chatID, caseId: $0.caseID, agentId: $0.agentID, agentName: $0.agentName, customerName: $0.customerName,
                           state: $0.state, answerDue: $0.due, secondsLeft: $0.secondsLeft)
        }, nextCursor: nil)
    }

    @Sendable func breaches(req: Request) async throws -> ListResponse<BreachResponse> {
        let staff = try req.requireStaff()
        let asked = try Self.uuid(req.query[String.self, at: "agent_id"], field: "agent_id")
        // Leaders and evaluators read anyone's; an agent reads their own (another's → 403).
        let mayReadOthers = staff.has(.casesAssign) || staff.has(.evaluationsManage)
        if let asked, asked != staff.id, !mayReadOthers { throw DomainError.forbidden(reason: "error.forbidden") }
        let (cursor, limit) = try req.pagination()
        let page = try await ChatBreaches(db: req.db, services: req.services).list(
            agentID: mayReadOthers ? asked : staff.id, month: req.query[String.self, at: "month"], after: cursor, limit: limit)
        return ListResponse(items: page.items.map(BreachResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func caseChat(req: Request) async throws -> ListResponse<MessageResponse> {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "case") }
        let record = try await CaseScope.of(try req.requireStaff(), db: req.db).readable(id, db: req.db)
        let messages = try await ChatTranscripts(db: req.db, services: req.services).messages(caseID: record.id!)
        return ListResponse(items: messages.map {
            MessageResponse(chatId: $0.chatID, seq: $0.seq, party: $0.party, authorName: $0.authorName, body: $0.body,
                            hasImage: $0.imageType != nil, at: $0.at)
        }, nextCursor: nil)
    }

    static func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text, !text.isEmpty else { return nil }
        guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: [field: "error.field.invalid_value"]) }
        return id
    }
}
