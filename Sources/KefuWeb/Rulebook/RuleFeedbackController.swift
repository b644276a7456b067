import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/rule-feedback` and `/api/v1/rule-feedback` (GOV-04/05): file a suggestion or objection on a rule, see
/// mine and the ones addressed to my role, answer one. Refused forms re-render with the message.
struct RuleFeedbackController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "api", "v1", "rule-feedback", access: .authenticated, summary: "Rule feedback: mine, or ?scope=to_me (owner role)", use: list)
        routes.on(.POST, "api", "v1", "rule-feedback", access: .authenticated, summary: "File a suggestion or objection on a rule (GOV-05)", request: Body.self, response: Item.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "rule-feedback", ":id", access: .authenticated, summary: "One feedback (author, owner)", use: show)
        routes.on(.POST, "api", "v1", "rule-feedback", ":id", "answer", access: .authenticated, summary: "Answer a feedback (the rule's owner)", request: AnswerBody.self, use: answer)
        routes.on(.GET, "rule-feedback", access: .authenticated, summary: "Rule feedback page", use: page)
        routes.on(.POST, "rule-feedback", access: .authenticated, summary: "File rule feedback (form)", use: createForm)
        routes.on(.GET, "rule-feedback", ":id", access: .authenticated, summary: "One rule feedback with the answer form", use: showPage)
        routes.on(.POST, "rule-feedback", ":id", "answer", access: .authenticated, summary: "Answer rule feedback (form)", use: answerForm)
    }

    struct Item: Content {
        let id: UUID, ruleKey: String, kind: String, body: String, author: String, ownerRole: String, rulebookVersion: String
        let createdAt: Date, answer: String?, answeredBy: String?, answeredAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, kind, body, author, answer
            case ruleKey = "rule_key", ownerRole = "owner_role", rulebookVersion = "rulebook_version", createdAt = "created_at"
            case answeredBy = "answered_by", answeredAt = "answered_at"
        }

        init(_ r: RuleFeedbackRecord) {
            id = r.id!; ruleKey = r.ruleKey; kind = r.kind; body = r.body; author = r.authorName; ownerRole = r.ownerRole
            rulebookVersion = r.rulebookVersion; createdAt = r.createdAt; answer = r.answer; answeredBy = r.answeredByName; answeredAt = r.answeredAt
        }
    }

    struct Body: Content {
        let rule_key: String?, kind: String?, body: String?
        var input: RuleFeedback.Input { .init(ruleKey: rule_key ?? "", kind: kind ?? "", body: body ?? "") }
    }

    struct AnswerBody: Content { let answer: String? }

    @Sendable func list(req: Request) async throws -> ListResponse<Item> {
        let (cursor, limit) = try req.pagination()
        let page = try await RuleFeedback(db: req.db, services: req.services).page(
            for: req.requireStaff(), addressedToMe: req.query[String.self, at: "scope"] == "to_me", after: cursor, limit: limit)
        return ListResponse(items: page.items.map(Item.init), nextCursor: page.nextCursor)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let record = try await RuleFeedback(db: req.db, services: req.services).file(try req.content.decode(Body.self).input, by: req.requireStaff())
        return try await Item(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> Item {
        Item(try await RuleFeedback(db: req.db, services: req.services).find(try id(req), for: req.requireStaff()))
    }

    @Sendable func answer(req: Request) async throws -> Item {
        Item(try await RuleFeedback(db: req.db, services: req.services).answer(
            try id(req), text: try req.content.decode(AnswerBody.self).answer ?? "", by: req.requireStaff()))
    }

    // MARK: web

    struct Row: Encodable {
        let id: String, ruleKey: String, kindLabel: String, body: String, author: String, owner: String, createdAt: String
        let answer: String?, answeredBy: String?, answeredAt: String?
    }

    struct KeyOption: Encodable { let key: String, summary: String }

    struct Page: Encodable {
        let shell: PageShell
        let scope: String
        let rows: [Row]
        let keys: [KeyOption]
        let draft: Body
        let nextURL: String?
    }

    struct ShowPage: Encodable {
        let shell: PageShell
        let row: Row
        let canAnswer: Bool
    }

    @Sendable func page(req: Request) async throws -> Response {
        let draft = Body(rule_key: req.query[String.self, at: "rule"], kind: "suggestion", body: nil)
        return try await render(req, draft: draft, refusal: nil)
    }

    @Sendable func createForm(req: Request) async throws -> Response {
        let body = try req.content.decode(Body.self)
        do {
            let record = try await RuleFeedback(db: req.db, services: req.services).file(body.input, by: req.requireStaff())
            return req.redirect(to: "/rule-feedback/\(record.id!)?flash=flash.feedback_filed")
        } catch let error as DomainError {
            return try await render(req, draft: body, refusal: req.refusal(error))
        }
    }

    @Sendable func showPage(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let record = try await RuleFeedback(db: req.db, services: req.services).find(try id(req), for: staff)
        return try await req.view.render("rule_feedback/show", ShowPage(
            shell: PageShell(req, title: req.t("gov.feedback")), row: row(record, req),
            canAnswer: record.answeredAt == nil && RuleFeedback.isOwner(staff, of: record)))
    }

    @Sendable func answerForm(req: Request) async throws -> Response {
        let id = try id(req)
        _ = try await RuleFeedback(db: req.db, services: req.services).answer(
            id, text: try req.content.decode(AnswerBody.self).answer ?? "", by: req.requireStaff())
        return req.redirect(to: "/rule-feedback/\(id)?flash=flash.feedback_answered")
    }

    private func render(_ req: Request, draft: Body, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let scope = req.query[String.self, at: "scope"] == "to_me" ? "to_me" : "mine"
        let (cursor, limit) = try req.pagination()
        let page = try await RuleFeedback(db: req.db, services: req.services).page(
            for: req.requireStaff(), addressedToMe: scope == "to_me", after: cursor, limit: min(limit, 50))
        let english = req.language == .en
        let keys = req.services.rulebook.entries.map { KeyOption(key: $0.key, summary: english ? $0.summary : $0.summaryZh) }
        let view = try await req.view.render("rule_feedback/index", Page(
            shell: PageShell(req, title: req.t("gov.feedback"), flashError: refusal?.message), scope: scope,
            rows: page.items.map { row($0, req) }, keys: keys, draft: draft,
            nextURL: page.nextCursor.map { "/rule-feedback?scope=\(scope)&cursor=\($0)" }))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    private func row(_ r: RuleFeedbackRecord, _ req: Request) -> Row {
        Row(id: r.id!.uuidString, ruleKey: r.ruleKey, kindLabel: req.t("gov.kind.\(r.kind)"), body: r.body, author: r.authorName,
            owner: req.t("role.\(r.ownerRole)"), createdAt: DisplayTime.format(r.createdAt, req), answer: r.answer, answeredBy: r.answeredByName,
            answeredAt: r.answeredAt.map { DisplayTime.format($0, req) })
    }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "rule_feedback") }
        return id
    }
}
