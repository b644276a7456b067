import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/safety-requests` (SEC-05, SEC-09/10): the request form (open flame with its safety measures, or private
/// use of company resources, raised in advance), my requests with their state, and the start button once approved.
struct SafetyRequestsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "safety-requests", access: .authenticated, summary: "Open-flame and private-use requests", use: page)
        routes.on(.POST, "safety-requests", access: .authenticated, summary: "File a safety request (form)", use: create)
        routes.on(.POST, "safety-requests", ":id", "start", access: .authenticated, summary: "Start approved work (form)", use: start)
    }

    struct Row: Encodable {
        let id: UUID, kind: String, requester: String, purpose: String, time: String, state: String, stateLabel: String, canStart: Bool
    }
    struct Page: Encodable { let shell: PageShell, kinds: [SelectOption], rows: [Row], values: [String: String], canManage: Bool }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, values: [:], refusal: nil) }

    func render(_ req: Request, values: [String: String], refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let manage = staff.has(.safetyManage)
        let rows = try await SafetyQueries(db: req.db).requests(state: nil, kind: nil, requester: manage ? nil : staff.id, after: nil, limit: 100).items
        let view = try await req.view.render("inspections/requests", Page(
            shell: PageShell(req, title: req.t("safety.requests"), flashError: refusal?.message),
            kinds: SafetyRequestKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("safety.kind.\($0.rawValue)"), selected: $0.rawValue == values["kind"]) },
            rows: rows.map { r in Row(id: r.id!, kind: req.t("safety.kind.\(r.kind)"), requester: r.requesterName, purpose: r.purpose,
                                      time: "\(DisplayTime.format(r.startsAt, req)) – \(DisplayTime.format(r.endsAt, req))", state: r.state,
                                      stateLabel: req.t("safety.state.\(r.state)"),
                                      canStart: r.state == SafetyRequestState.approved.rawValue && (r.requesterID == staff.id || manage)) },
            values: values, canManage: manage))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func create(req: Request) async throws -> Response {
        struct Form: Content { let kind: String?, purpose: String?, location: String?, measures: String?, starts_at: String?, ends_at: String? }
        let form = try req.content.decode(Form.self)
        let values = ["kind": form.kind ?? "", "purpose": form.purpose ?? "", "location": form.location ?? "", "measures": form.measures ?? "",
                      "starts_at": form.starts_at ?? "", "ends_at": form.ends_at ?? ""]
        do {
            let time = { (field: String) throws -> Date? in
                guard let text = values[field], !text.isEmpty else { return nil }
                return try FrontDeskWebController.localTime(text, req, field: field)
            }
            _ = try await SafetyRequests(db: req.db, services: req.services).file(.init(
                kind: values["kind"]!, purpose: values["purpose"]!, location: values["location"], measures: values["measures"],
                startsAt: try time("starts_at"), endsAt: try time("ends_at")), by: req.requireStaff())
            return req.redirect(to: "/safety-requests?flash=flash.safety_requested")
        } catch let error as DomainError {
            return try await render(req, values: values, refusal: req.refusal(error))
        }
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "safety_request") }
        do {
            _ = try await SafetyRequests(db: req.db, services: req.services).start(id, by: req.requireStaff())
            return req.redirect(to: "/safety-requests?flash=flash.safety_started")
        } catch let error as DomainError {
            return try await render(req, values: [:], refusal: req.refusal(error))
        }
    }
}
