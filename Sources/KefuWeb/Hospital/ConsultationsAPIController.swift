import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/consultations` (HOS-01/02, ORG-19): the consultation register. Phones and addresses are masked
/// for readers without customer PII access (except the agent who took the call). 404 unless hospital mode.
struct ConsultationsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let access = Access.permission(.hospitalDesk)
        routes.on(.POST, "api", "v1", "consultations", access: access, summary: "Register a phone or online consultation (HOS-01/02)", request: ConsultationRequest.self, response: ConsultationResponse.self, status: .created, use: create)
        routes.on(.GET, "api", "v1", "consultations", access: access, summary: "The consultation register (?channel=&media_source=&arrived=)", use: list)
        routes.on(.GET, "api", "v1", "consultations", ":id", access: access, summary: "One consultation", use: show)
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        let body = try req.content.decode(ConsultationRequest.self)
        let staff = try req.requireStaff()
        let record = try await Consultations(db: req.db, services: req.services).register(body.input, by: staff)
        return try await ConsultationResponse(record, for: staff).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<ConsultationResponse> {
        _ = try req.requireHospital()
        let staff = try req.requireStaff()
        var arrived: Bool?
        if let text = req.query[String.self, at: "arrived"], !text.isEmpty {
            guard let value = Bool(text) else { throw DomainError.validation(fields: ["arrived": "error.field.choice"]) }
            arrived = value
        }
        let filter = Consultations.Filter(channel: req.query[String.self, at: "channel"].flatMap { $0.isEmpty ? nil : $0 },
                                          mediaSource: req.query[String.self, at: "media_source"].flatMap { $0.isEmpty ? nil : $0 },
                                          arrived: arrived)
        let (cursor, limit) = try req.pagination()
        let page = try await Consultations(db: req.db, services: req.services).list(filter, after: cursor, limit: limit)
        return ListResponse(items: page.items.map { ConsultationResponse($0, for: staff) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> ConsultationResponse {
        _ = try req.requireHospital()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_consultation") }
        return ConsultationResponse(try await Consultations(db: req.db, services: req.services).find(id), for: try req.requireStaff())
    }
}
