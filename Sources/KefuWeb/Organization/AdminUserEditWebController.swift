import Fluent
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/admin/users/:id`: an admin changes a user's name, roles, department, team, grade, skill or active
/// flag (the same use case as `PATCH /api/v1/users/{id}`, with the version the page was loaded at).
struct AdminUserEditWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "admin", "users", ":id", access: .permission(.usersManage), summary: "Edit user page", use: page)
        routes.on(.POST, "admin", "users", ":id", access: .permission(.usersManage), summary: "Change a user (form)", use: update)
    }


    struct EditPage: Encodable {
        let shell: PageShell
        let id: String
        let username: String
        let displayName: String
        let version: Int
        let active: Bool
        let roles: [SelectOption]
        let departments: [SelectOption]
        let teams: [SelectOption]
        let grades: [SelectOption]
        let skills: [SelectOption]
        let errors: [String: String]
    }

    struct EditForm: Content {
        let displayName: String?
        let roles: [String]?
        let departmentID: String?
        let teamID: String?
        let grade: String?
        let skill: String?
        let active: String?
        let version: Int?

        enum CodingKeys: String, CodingKey {
            case roles, grade, skill, active, version
            case displayName = "display_name", departmentID = "department_id", teamID = "team_id"
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        try await render(req, user: try await user(req), errors: [:])
    }

    @Sendable func update(req: Request) async throws -> Response {
        let form = try req.content.decode(EditForm.self)
        let user = try await user(req)
        do {
            let roles = try FormRoles.parse(form.roles)
            let change = UpdateUserRequest(
                displayName: form.displayName ?? "", roles: roles,
                departmentID: form.departmentID.flatMap(UUID.init(uuidString:)), teamID: form.teamID.flatMap(UUID.init(uuidString:)),
                grade: form.grade.flatMap(Grade.init(rawValue:)), skill: form.skill.flatMap(Skill.init(rawValue:)),
                active: form.active == "on" || form.active == "true", version: form.version)
            _ = try await UpdateUser(db: req.db, services: req.services)
                .run(user: user, change: change, expectedVersion: form.version ?? user.version, actor: try req.requireStaff())
            return req.redirect(to: "/admin/users?flash=flash.user_updated")
        } catch DomainError.validation(let fields) {
            return try await failed(req, user: try await self.user(req), errors: fields)
        } catch DomainError.staleVersion(let current) {
            return try await failed(req, user: try await self.user(req), errors: ["version": req.t("error.stale_version", ["\(current)"])])
        }
    }

    private func failed(_ req: Request, user: UserRecord, errors: [String: String]) async throws -> Response {
        let response = try await render(req, user: user, errors: errors.mapValues { $0.hasPrefix("error.") ? req.t($0) : $0 })
            .encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    private func user(_ req: Request) async throws -> UserRecord {
        guard let id = req.parameters.get("id", as: UUID.self), let user = try await UserRepository(db: req.db).find(id) else {
            throw DomainError.notFound(subject: "user")
        }
        return user
    }

    private func render(_ req: Request, user: UserRecord, errors: [String: String]) async throws -> View {
        let organization = OrganizationRepository(db: req.db)
        let held = Set(user.roles)
        let page = EditPage(
            shell: PageShell(req, title: req.t("users.edit"), flashError: errors.isEmpty ? nil : req.t("error.validation_failed")),
            id: user.id!.uuidString, username: user.username, displayName: user.displayName, version: user.version,
            active: user.active,
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: held.contains($0)) },
            departments: try await organization.departments().map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id == user.departmentID) },
            teams: try await organization.teams().map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id == user.teamID) },
            grades: Grade.allCases.map { SelectOption(value: $0.rawValue, label: req.t("grade.\($0.rawValue)"), selected: $0.rawValue == user.grade) },
            skills: Skill.allCases.map { SelectOption(value: $0.rawValue, label: req.t("skill.\($0.rawValue)"), selected: $0.rawValue == user.skill) },
            errors: errors)
        return try await req.view.render("admin/user-edit", page)
    }
}
