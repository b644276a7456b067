import FluentKit
import Fluent
import Foundation
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/cases/{id}/complaint/decision` (CMP-32) and `…/complaint/refile` (CMP-34).
struct ComplaintsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let complaint = routes.grouped("api", "v1", "cases", ":id", "complaint")
        complaint.on(.POST, "decision", access: .permission(.casesRead), summary: "Settlement decision, approved by amount (CMP-32)",
                     use: decide)
        complaint.on(.POST, "refile", access: .permission(.casesCreate), summary: "Re-file: the customer rejected the conclusion (CMP-34)",
                     use: refile)
    }

    struct RefileRequest: Content { let reason: String }

    @Sendable func decide(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(ComplaintDecisionRequest.self)
        let record = try await Complaints(db: req.db, services: req.services).decide(caseID: try CasesAPIController.caseID(req), body,
                                                                                      by: try req.requireStaff())
        return try await CasesAPIController.response(record, req: req)
    }

    @Sendable func refile(req: Request) async throws -> Response {
        let body = try req.content.decode(RefileRequest.self)
        let record = try await Complaints(db: req.db, services: req.services).refile(caseID: try CasesAPIController.caseID(req),
                                                                                      reason: body.reason, by: try req.requireStaff())
        return try await CasesAPIController.response(record, req: req).encodeResponse(status: .created, for: req)
    }
}
