import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/safety-requests` (SEC-05, SEC-09/10): open-flame work and private use of company resources,
/// approved in advance, then started. Everyone sees their own requests; `safety.manage` sees all.
struct SafetyRequestsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "safety-requests", access: .authenticated, summary: "Request open-flame work (SEC-05) or private use of company resources (SEC-10)", request: CreateBody.self, response: RequestResponse.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "safety-requests", access: .authenticated, summary: "Requests by ?state=, ?kind= (own only without safety.manage)", use: list)
        routes.on(.GET, "api", "v1", "safety-requests", ":id", access: .authenticated, summary: "One request (its requester or safety.manage)", use: show)
        routes.on(.POST, "api", "v1", "safety-requests", ":id", "start", access: .authenticated, summary: "Mark the work started — only once approved (SEC-05)", request: NoBody.self, use: start)
    }

    struct RequestResponse: Content {
        let id: UUID, kind: String, requesterId: UUID, requesterName: String, purpose: String, location: String?, measures: String?
        let startsAt: Date, endsAt: Date, state: String, approvalId: UUID?, startedAt: Date?, createdAt: Date, version: Int
        enum CodingKeys: String, CodingKey {
            case id, kind, purpose, location, measures, state, version
            case requesterId = "requester_id", requesterName = "requester_name", startsAt = "starts_at", endsAt = "ends_at"
            case approvalId = "approval_id", startedAt = "started_at", createdAt = "created_at"
        }
        init(_ r: SafetyRequestRecord) {
            id = r.id!; kind = r.kind; requesterId = r.requesterID; requesterName = r.requesterName; purpose = r.purpose; location = r.location
            measures = r.measures; startsAt = r.startsAt; endsAt = r.endsAt; state = r.state; approvalId = r.approvalID; startedAt = r.startedAt
            createdAt = r.createdAt; version = r.version
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let b = try req.content.decode(CreateBody.self)
        let record = try await SafetyRequests(db: req.db, services: req.services).file(.init(
            kind: b.kind ?? "", purpose: b.purpose ?? "", location: b.location, measures: b.measures, startsAt: b.starts_at, endsAt: b.ends_at),
            by: req.requireStaff())
        let response = try await RequestResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<RequestResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let state = req.query[String.self, at: "state"], kind = req.query[String.self, at: "kind"]
        if let state, SafetyRequestState(rawValue: state) == nil { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
        if let kind, SafetyRequestKind(rawValue: kind) == nil { throw DomainError.validation(fields: ["kind": "error.field.invalid_value"]) }
        let page = try await SafetyQueries(db: req.db).requests(state: state, kind: kind, requester: staff.has(.safetyManage) ? nil : staff.id,
                                                              after: cursor, limit: limit)
        return ListResponse(items: page.items.map(RequestResponse.init), nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> RequestResponse {
        let staff = try req.requireStaff()
        guard let id = req.parameters.get("id", as: UUID.self), let record = try await SafetyRequestRecord.find(id, on: req.db),
              record.requesterID == staff.id || staff.has(.safetyManage) else { throw DomainError.notFound(subject: "safety_request") }
        return RequestResponse(record)
    }

    @Sendable func start(req: Request) async throws -> RequestResponse {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "safety_request") }
        return RequestResponse(try await SafetyRequests(db: req.db, services: req.services).start(id, by: req.requireStaff()))
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension SafetyRequestsAPIController {
    struct CreateBody: Content { let kind: String?, purpose: String?, location: String?, measures: String?, starts_at: Date?, ends_at: Date? }
}
