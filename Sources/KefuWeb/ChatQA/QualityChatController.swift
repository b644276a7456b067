import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// QA-11 pages: `/qa/chats` (the month's sampled chats per agent) and `/qa/chats/{chat}` (the transcript
/// beside the chat-log scorecard, greeting and closing pre-checked against the rulebook's phrases, KB-14).
/// The scorecard posts to the existing `/qa/inspections` with the chat's case and the `chat` form.
struct QualityChatController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let inspect = Access.permission(.qaInspect)
        routes.on(.GET, "qa", "chats", access: inspect, summary: "Chats sampled for inspection (QA-11)", use: list)
        routes.on(.GET, "qa", "chats", ":id", access: inspect, summary: "Inspect a chat: transcript and chat-log scorecard (QA-11)", use: inspectPage)
        routes.on(.GET, "api", "v1", "qa", "chat-samples", access: inspect, summary: "Ended chats sampled for inspection (?month=, QA-11)", use: apiSamples)
    }

    struct SampleRow: Encodable { let chatID: UUID, agent: String, customer: String, ended: String, rating: Int? }
    struct ListPage: Encodable { let shell: PageShell, month: String, previous: String, next: String, rows: [SampleRow], perAgent: Int }

    struct SampleResponse: Content {
        let chatId: UUID, caseId: UUID?, agentId: UUID?, agentName: String?, customerName: String, endedAt: Date?, rating: Int?
        enum CodingKeys: String, CodingKey {
            case rating
            case chatId = "chat_id", caseId = "case_id", agentId = "agent_id", agentName = "agent_name", customerName = "customer_name", endedAt = "ended_at"
        }
    }

    func month(_ req: Request) -> String {
        req.query[String.self, at: "month"] ?? QualityPeriod.month(of: req.services.rulebook.calendar.localDate(of: req.services.now()))
    }

    @Sendable func list(req: Request) async throws -> View {
        let month = month(req)
        let chats = try await QualityChatSamples(db: req.db, services: req.services).samples(month: month)
        let (previous, next) = FinesPages.neighbours(of: month)
        return try await req.view.render("chatqa/qa-chats", ListPage(
            shell: PageShell(req, title: req.t("qa11.title")), month: month, previous: previous, next: next,
            rows: chats.map { SampleRow(chatID: $0.id!, agent: $0.agentName ?? "—", customer: $0.customerName,
                                        ended: $0.endedAt.map { DisplayTime.format($0, req) } ?? "", rating: $0.rating) },
            perAgent: req.services.rulebook.quality.samplesPerAgent))
    }

    @Sendable func apiSamples(req: Request) async throws -> ListResponse<SampleResponse> {
        let chats = try await QualityChatSamples(db: req.db, services: req.services).samples(month: month(req))
        return ListResponse(items: chats.map {
            SampleResponse(chatId: $0.id!, caseId: $0.caseID, agentId: $0.agentID, agentName: $0.agentName, customerName: $0.customerName,
                           endedAt: $0.endedAt, rating: $0.rating)
        }, nextCursor: nil)
    }

    struct InspectPage: Encodable {
        let shell: PageShell, chatID: UUID, caseID: UUID?, caseNumber: String?, agent: String, customer: String
        let lines: [ChatTranscripts.Line], fields: [QualityPages.ScoreField], greetingUsed: Bool, closingUsed: Bool
    }

    @Sendable func inspectPage(req: Request) async throws -> View {
        guard let id = req.parameters.get("id", as: UUID.self), let chat = try await ChatRecord.find(id, on: req.db) else {
            throw DomainError.notFound(subject: "chat")
        }
        let messages = try await ChatMessageRecord.query(on: req.db).filter(\.$chatID == id).sort(\.$seq).limit(ChatTranscripts.messageLimit).all()
        let samples = QualityChatSamples(db: req.db, services: req.services)
        let used = samples.phrases(of: chat, messages: messages)
        let rules = req.services.rulebook.quality
        // The pre-check sets the greeting and closing criteria (full marks or none) with a note; the
        // inspector can still change both before saving.
        var values: [String: String] = [:]
        for (code, ok, key) in [("chat_greeting", used.greeting, "greeting"), ("chat_closing", used.closing, "closing")] {
            guard let criterion = rules.criterion(code) else { continue }
            values["score_\(code)"] = ok ? "\(criterion.maxScore)" : "0"
            values["note_\(code)"] = req.t(ok ? "qa11.\(key)_used" : "qa11.\(key)_missing")
        }
        var caseNumber: String?
        if let caseID = chat.caseID { caseNumber = try await CaseRepository(db: req.db).find(caseID)?.number }
        return try await req.view.render("chatqa/qa-chat", InspectPage(
            shell: PageShell(req, title: req.t("qa11.inspect")), chatID: id, caseID: chat.caseID, caseNumber: caseNumber,
            agent: chat.agentName ?? "—", customer: chat.customerName, lines: ChatTranscripts.lines(messages, req: req),
            fields: QualityPages.scoreFields(.chat, rules: rules, req: req, values: values), greetingUsed: used.greeting, closingUsed: used.closing))
    }
}
