import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/users` (admin creates and changes; others read within their data scope).
struct UsersAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let users = routes.grouped("api", "v1", "users")
        users.on(.POST, access: .permission(.usersManage), summary: "Create a user (admin)", request: CreateUserRequest.self, response: UserResponse.self, status: .created, use: create)
        users.on(.GET, access: .permission(.organizationRead), summary: "List users in the caller's scope", use: list)
        users.on(.GET, ":id", access: .permission(.organizationRead), summary: "One user", use: show)
        users.on(.PATCH, ":id", access: .permission(.usersManage), summary: "Change a user (admin; carries version)", request: UpdateUserRequest.self, use: update)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let input = try req.content.decode(CreateUserRequest.self)
        let staff = try req.requireStaff()
        let user = try await CreateUser(db: req.db, services: req.services, hashing: req.passwordHashing).run(
            .init(username: input.username, displayName: input.displayName, password: input.password, roles: input.roles,
                  departmentID: input.departmentID, teamID: input.teamID, grade: input.grade, skill: input.skill,
                  hiredOn: input.hiredOn),
            actor: (staff.id, staff.username))
        return try await UserResponse(user).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UserResponse> {
        let (cursor, limit) = try req.pagination()
        let role = try req.query.get(String?.self, at: "role").map { text -> Role in
            guard let role = Role(rawValue: text) else { throw DomainError.validation(fields: ["role": "error.field.invalid_value"]) }
            return role
        }
        let scope = try await UserScope.of(try req.requireStaff(), db: req.db)
        let page = try await UserRepository(db: req.db).list(scope: scope, query: req.query[String.self, at: "q"], role: role,
                                                             after: cursor, limit: limit)
        return ListResponse(page.map(UserResponse.init))
    }

    @Sendable func show(req: Request) async throws -> UserResponse {
        UserResponse(try await scopedUser(req))
    }

    @Sendable func update(req: Request) async throws -> UserResponse {
        try req.refuseUnknownFields(UpdateUserRequest.CodingKeys.self)
        let input = try req.content.decode(UpdateUserRequest.self)
        let user = try await scopedUser(req)
        let expected = try req.expectedVersion(body: input.version) ?? user.version
        return UserResponse(try await UpdateUser(db: req.db, services: req.services)
            .run(user: user, change: input, expectedVersion: expected, actor: try req.requireStaff()))
    }

    /// A user outside the caller's scope is "not found", not "forbidden": ids of other departments leak nothing.
    private func scopedUser(_ req: Request) async throws -> UserRecord {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "user") }
        let scope = try await UserScope.of(try req.requireStaff(), db: req.db)
        guard let user = try await UserRepository(db: req.db).find(id),
              user.id == (try req.requireStaff().id) || UserScope.contains(scope, user) else {
            throw DomainError.notFound(subject: "user")
        }
        return user
    }
}

extension Request {
    /// The version a client saw: the body's `version` or the `If-Match` header (API.md "Updates").
    func expectedVersion(body: Int?) throws -> Int? {
        if let body { return body }
        guard let header = headers.first(name: .ifMatch) else { return nil }
        guard let value = Int(header.trimmingCharacters(in: CharacterSet(charactersIn: "\" W/"))) else {
            throw DomainError.validation(fields: ["If-Match": "error.field.invalid_value"])
        }
        return value
    }
}
