import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/departments` and `/api/v1/teams` (API.md "Organization and users").
struct OrganizationAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.POST, "departments", access: .permission(.organizationManage), summary: "Create a department", request: CreateDepartmentRequest.self, response: DepartmentResponse.self, status: .created, use: createDepartment)
        api.on(.GET, "departments", access: .permission(.organizationRead), summary: "List departments", use: departments)
        api.on(.POST, "teams", access: .permission(.organizationManage), summary: "Create a team", request: CreateTeamRequest.self, response: TeamResponse.self, status: .created, use: createTeam)
        api.on(.GET, "teams", access: .permission(.organizationRead), summary: "List teams", use: teams)
    }

    struct DepartmentResponse: Content {
        let id: UUID, name: String, kind: String, active: Bool, version: Int
        let createdAt: Date
        enum CodingKeys: String, CodingKey { case id, name, kind, active, version, createdAt = "created_at" }
        init(_ record: DepartmentRecord) {
            id = record.id!; name = record.name; kind = record.kind; active = record.active; version = record.version
            createdAt = record.createdAt
        }
    }

    struct CreateDepartmentRequest: Content {
        let name: String
        let kind: DepartmentKind
    }

    struct TeamResponse: Content {
        let id: UUID, name: String, departmentID: UUID, leaderID: UUID?, active: Bool, version: Int
        enum CodingKeys: String, CodingKey {
            case id, name, active, version, departmentID = "department_id", leaderID = "leader_id"
        }
        init(_ record: TeamRecord) {
            id = record.id!; name = record.name; departmentID = record.departmentID; leaderID = record.leaderID
            active = record.active; version = record.version
        }
    }

    struct CreateTeamRequest: Content {
        let name: String
        let departmentID: UUID
        let leaderID: UUID?
        enum CodingKeys: String, CodingKey { case name, departmentID = "department_id", leaderID = "leader_id" }
    }

    @Sendable func createDepartment(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateDepartmentRequest.self)
        let record = try await CreateDepartment(db: req.db, services: req.services).run(name: input.name, kind: input.kind, actor: req.staff)
        return try await DepartmentResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func departments(req: Request) async throws -> ListResponse<DepartmentResponse> {
        let (cursor, limit) = try req.pagination()
        return ListResponse(try await OrganizationRepository(db: req.db).departments(after: cursor, limit: limit).map(DepartmentResponse.init))
    }

    @Sendable func createTeam(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateTeamRequest.self)
        let record = try await CreateTeam(db: req.db, services: req.services)
            .run(name: input.name, departmentID: input.departmentID, leaderID: input.leaderID, actor: req.staff)
        return try await TeamResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func teams(req: Request) async throws -> ListResponse<TeamResponse> {
        let department = try req.query.get(UUID?.self, at: "department_id")
        let (cursor, limit) = try req.pagination()
        return ListResponse(try await OrganizationRepository(db: req.db).teams(departmentID: department, after: cursor, limit: limit)
            .map(TeamResponse.init))
    }
}
