import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/admin/users`: the staff list and the form that creates an account.
struct AdminUsersWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "admin", "users", access: .permission(.usersManage), summary: "Users page", use: page)
        routes.on(.POST, "admin", "users", access: .permission(.usersManage), summary: "Create a user (form)", use: create)
    }

    struct UserRow: Encodable {
        let id: String
        let username: String
        let displayName: String
        let roles: String
        let department: String
        let active: Bool
    }


    struct UsersPage: Encodable {
        let shell: PageShell
        let users: [UserRow]
        let query: String
        let nextLink: String?
        let roles: [SelectOption]
        let departments: [SelectOption]
        let grades: [SelectOption]
        let form: [String: String]
        let errors: [String: String]
    }

    struct UserForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var roles: [String]?
        var departmentID: String?
        var grade: String?

        enum CodingKeys: String, CodingKey {
            case username, password, roles, grade
            case displayName = "display_name", departmentID = "department_id"
        }
    }

    @Sendable func page(req: Request) async throws -> View {
        try await render(req, form: UserForm(), errors: [:])
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(UserForm.self)
        let staff = try req.requireStaff()
        do {
            let roles = try FormRoles.parse(form.roles)
            let departmentID = try form.departmentID.flatMap { $0.isEmpty ? nil : $0 }.map { text -> UUID in
                guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["department_id": "error.field.unknown"]) }
                return id
            }
            _ = try await CreateUser(db: req.db, services: req.services, hashing: req.passwordHashing).run(
                .init(username: form.username ?? "", displayName: form.displayName ?? "", password: form.password ?? "",
                      roles: roles, departmentID: departmentID, grade: form.grade.flatMap(Grade.init(rawValue:))),
                actor: (staff.id, staff.username))
            return req.redirect(to: "/admin/users?flash=flash.user_created")
        } catch DomainError.validation(let fields) {
            return try await rerender(req, form: form, errors: fields)
        } catch DomainError.conflict(let reason) {
            return try await rerender(req, form: form, errors: ["username": reason])
        }
    }

    private func rerender(_ req: Request, form: UserForm, errors: [String: String]) async throws -> Response {
        let response = try await render(req, form: form, errors: errors.mapValues { req.t($0) }).encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    private func render(_ req: Request, form: UserForm, errors: [String: String]) async throws -> View {
        let (cursor, limit) = try req.pagination()
        let users = try await UserRepository(db: req.db).list(scope: .all, query: req.query[String.self, at: "q"], role: nil,
                                                              after: cursor, limit: limit)
        let departments = try await OrganizationRepository(db: req.db).departments()
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id!, $0.name) })
        let chosenRoles = Set(form.roles ?? [])
        let page = UsersPage(
            shell: PageShell(req, title: req.t("users.title"), flashError: errors.isEmpty ? nil : req.t("error.validation_failed")),
            users: users.items.map { user in
                UserRow(id: user.id!.uuidString, username: user.username, displayName: user.displayName,
                        roles: user.roles.map { req.t("role.\($0.rawValue)") }.joined(separator: "、"),
                        department: user.departmentID.flatMap { names[$0] } ?? "—", active: user.active)
            },
            query: req.query[String.self, at: "q"] ?? "",
            nextLink: users.nextCursor.map { cursor in
                let q = (req.query[String.self, at: "q"] ?? "").addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                return "/admin/users?cursor=\(cursor)" + (q.isEmpty ? "" : "&q=\(q)")
            },
            roles: Role.allCases.map { SelectOption(value: $0.rawValue, label: req.t("role.\($0.rawValue)"), selected: chosenRoles.contains($0.rawValue)) },
            departments: departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: form.departmentID == $0.id!.uuidString) },
            grades: Grade.allCases.map { SelectOption(value: $0.rawValue, label: req.t("grade.\($0.rawValue)"), selected: form.grade == $0.rawValue) },
            form: ["username": form.username ?? "", "display_name": form.displayName ?? ""],
            errors: errors)
        return try await req.view.render("admin/users", page)
    }
}
