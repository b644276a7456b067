import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// HOS-09 `/api/v1/hospital-referrals`: the desk passes a question to a department. HOS-10
/// `/api/v1/hospital-requests`: any department asks the desk, the desk accepts. 404 unless hospital mode.
struct HospitalRequestsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "hospital-referrals", access: .permission(.hospitalDesk), summary: "Refer an unanswerable question to a department (HOS-09)", request: Body.self, response: HospitalRequestResponse.self, status: .created, use: refer)
        routes.on(.GET, "api", "v1", "hospital-referrals", access: .permission(.hospitalDesk), summary: "Questions referred to departments, newest first", use: referrals)
        routes.on(.POST, "api", "v1", "hospital-requests", access: .authenticated, summary: "A clinical department's request to the guide desk (HOS-10)", request: Body.self, response: HospitalRequestResponse.self, status: .created, use: request)
        routes.on(.GET, "api", "v1", "hospital-requests", access: .permission(.hospitalDesk), summary: "Departments' requests (?state=open)", use: requests)
        routes.on(.POST, "api", "v1", "hospital-requests", ":id", "accept", access: .permission(.hospitalDesk), summary: "The desk accepts a department's request (HOS-10)", request: NoBody.self, use: accept)
    }

    struct Body: Content {
        let departmentId: UUID?, content: String?, visitId: UUID?, consultationId: UUID?
        enum CodingKeys: String, CodingKey {
            case content
            case departmentId = "department_id", visitId = "visit_id", consultationId = "consultation_id"
        }
        var input: HospitalRequests.Input { .init(departmentID: departmentId, content: content, visitID: visitId, consultationID: consultationId) }
    }

    @Sendable func refer(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        let record = try await HospitalRequests(db: req.db, services: req.services).refer(try req.content.decode(Body.self).input, by: req.requireStaff())
        return try await HospitalRequestResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func request(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        let record = try await HospitalRequests(db: req.db, services: req.services).request(try req.content.decode(Body.self).input, by: req.requireStaff())
        return try await HospitalRequestResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func referrals(req: Request) async throws -> ListResponse<HospitalRequestResponse> {
        _ = try req.requireHospital()
        let rows = try await HospitalRequests(db: req.db, services: req.services).list(kind: .referral, openOnly: false, limit: try req.pagination().limit)
        return ListResponse(items: rows.map(HospitalRequestResponse.init))
    }

    @Sendable func requests(req: Request) async throws -> ListResponse<HospitalRequestResponse> {
        _ = try req.requireHospital()
        let rows = try await HospitalRequests(db: req.db, services: req.services).list(
            kind: .clinical, openOnly: req.query[String.self, at: "state"] == "open", limit: try req.pagination().limit)
        return ListResponse(items: rows.map(HospitalRequestResponse.init))
    }

    @Sendable func accept(req: Request) async throws -> HospitalRequestResponse {
        _ = try req.requireHospital()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_request") }
        return HospitalRequestResponse(try await HospitalRequests(db: req.db, services: req.services).accept(id, by: req.requireStaff()))
    }
}
