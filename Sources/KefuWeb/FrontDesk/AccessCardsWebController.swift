import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/access-cards`: issue and recover employee cards, check a card at the door (FDA-01/02), and report
/// access-equipment checks and faults with their repair (FDA-07). Refused forms re-render with the message.
struct AccessCardsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.GET, "access-cards", access: desk, summary: "Access cards and equipment", use: page)
        routes.on(.POST, "access-cards", access: desk, summary: "Issue an access card (form)", use: issue)
        routes.on(.POST, "access-cards", ":id", "return", access: desk, summary: "A card is handed back (form)", use: giveBack)
        routes.on(.POST, "access-cards", ":id", "lost", access: desk, summary: "A card is lost (form)", use: lost)
        routes.on(.POST, "access-cards", "reports", access: desk, summary: "Report an equipment check or fault (form)", use: report)
        routes.on(.POST, "access-cards", "reports", ":id", "resolve", access: desk, summary: "Record a repair (form)", use: resolve)
    }

    struct CardRow: Encodable { let id: UUID, cardNo: String, holder: String, issuedAt: String, issuedBy: String, version: Int }
    struct ReportRow: Encodable { let id: UUID, kind: String, fault: Bool, note: String, by: String, at: String, resolvedAt: String?, resolution: String? }
    struct Draft: Encodable { var cardNo = "", userID = "", kind = "", note = "" }
    struct CheckResult: Encodable { let cardNo: String, valid: Bool, holder: String? }
    struct Page: Encodable {
        let shell: PageShell, cards: [CardRow], reports: [ReportRow], people: [SelectOption], kinds: [SelectOption], draft: Draft, check: CheckResult?
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, draft: Draft(), refusal: nil) }

    func render(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let queries = AccessCardQueries(db: req.db)
        let cards = try await queries.cards(state: AccessCards.State.issued.rawValue, after: nil, limit: 200).items
        let reports = try await queries.reports(after: nil, limit: 30).items
        var check: CheckResult?
        if let cardNo = req.query[String.self, at: "check"], !cardNo.isEmpty {
            let card = try await AccessCards(db: req.db, services: req.services).current(cardNo: cardNo)
            check = CheckResult(cardNo: cardNo, valid: card != nil, holder: card?.userName)
        }
        let people = try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
        let view = try await req.view.render("frontdesk/access_cards", Page(
            shell: PageShell(req, title: req.t("access.title"), flashError: refusal?.message),
            cards: cards.map { CardRow(id: $0.id!, cardNo: $0.cardNo, holder: $0.userName, issuedAt: DisplayTime.format($0.issuedAt, req), issuedBy: $0.issuedBy, version: $0.version) },
            reports: reports.map { r in
                ReportRow(id: r.id!, kind: req.t("access.kind.\(r.kind)"), fault: r.kind != AccessCards.ReportKind.checkOK.rawValue, note: r.note, by: r.reportedByName,
                          at: DisplayTime.format(r.reportedAt, req), resolvedAt: r.resolvedAt.map { DisplayTime.format($0, req) }, resolution: r.resolution)
            },
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id!.uuidString == draft.userID) },
            kinds: AccessCards.ReportKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("access.kind.\($0.rawValue)"), selected: $0.rawValue == draft.kind) },
            draft: draft, check: check))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func issue(req: Request) async throws -> Response {
        struct Form: Content { let card_no: String?, user_id: String? }
        let form = try req.content.decode(Form.self)
        let draft = Draft(cardNo: form.card_no ?? "", userID: form.user_id ?? "")
        do {
            _ = try await AccessCards(db: req.db, services: req.services).issue(cardNo: draft.cardNo, to: UUID(uuidString: draft.userID), by: req.requireStaff())
            return req.redirect(to: "/access-cards?flash=flash.card_issued")
        } catch let error as DomainError {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func giveBack(req: Request) async throws -> Response { try await end(req, .returned, flash: "flash.card_returned") }
    @Sendable func lost(req: Request) async throws -> Response { try await end(req, .lost, flash: "flash.card_lost") }

    private func end(_ req: Request, _ state: AccessCards.State, flash: String) async throws -> Response {
        struct Form: Content { let version: Int? }
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "access_card") }
        do {
            _ = try await AccessCards(db: req.db, services: req.services).end(id, as: state, expectedVersion: try? req.content.decode(Form.self).version, by: req.requireStaff())
            return req.redirect(to: "/access-cards?flash=\(flash)")
        } catch let error as DomainError {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func report(req: Request) async throws -> Response {
        struct Form: Content { let kind: String?, note: String? }
        let form = try req.content.decode(Form.self)
        let draft = Draft(kind: form.kind ?? "", note: form.note ?? "")
        do {
            _ = try await AccessCards(db: req.db, services: req.services).report(kind: draft.kind, note: draft.note, by: req.requireStaff())
            return req.redirect(to: "/access-cards?flash=flash.access_reported")
        } catch let error as DomainError {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    @Sendable func resolve(req: Request) async throws -> Response {
        struct Form: Content { let resolution: String? }
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "access_equipment") }
        do {
            _ = try await AccessCards(db: req.db, services: req.services).resolve(id, resolution: try req.content.decode(Form.self).resolution ?? "", by: req.requireStaff())
            return req.redirect(to: "/access-cards?flash=flash.access_resolved")
        } catch let error as DomainError {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }
}
