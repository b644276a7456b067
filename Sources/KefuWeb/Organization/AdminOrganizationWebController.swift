import Foundation
import FluentKit
import Fluent
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/admin/departments` and `/admin/teams`: lists with a create form each.
struct AdminOrganizationWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "admin", "departments", access: .permission(.organizationManage), summary: "Departments page", use: departments)
        routes.on(.POST, "admin", "departments", access: .permission(.organizationManage), summary: "Create a department (form)", use: createDepartment)
        routes.on(.GET, "admin", "teams", access: .permission(.organizationManage), summary: "Teams page", use: teams)
        routes.on(.POST, "admin", "teams", access: .permission(.organizationManage), summary: "Create a team (form)", use: createTeam)
    }

    struct Row: Encodable {
        let name: String
        let detail: String
        let extra: String
    }


    struct OrganizationPage: Encodable {
        let shell: PageShell
        let rows: [Row]
        let kinds: [SelectOption]
        let departments: [SelectOption]
        let leaders: [SelectOption]
        let name: String
        let errors: [String: String]
    }

    struct NameForm: Content {
        let name: String?
        let kind: String?
        let departmentID: String?
        let leaderID: String?

        enum CodingKeys: String, CodingKey { case name, kind, departmentID = "department_id", leaderID = "leader_id" }
    }

    @Sendable func departments(req: Request) async throws -> View { try await renderDepartments(req, name: "", errors: [:]) }
    @Sendable func teams(req: Request) async throws -> View { try await renderTeams(req, name: "", errors: [:]) }

    @Sendable func createDepartment(req: Request) async throws -> Response {
        let form = try req.content.decode(NameForm.self)
        do {
            guard let kind = form.kind.flatMap(DepartmentKind.init(rawValue:)) else { throw DomainError.validation(fields: ["kind": "error.field.invalid_value"]) }
            _ = try await CreateDepartment(db: req.db, services: req.services).run(name: form.name ?? "", kind: kind, actor: req.staff)
            return req.redirect(to: "/admin/departments?flash=flash.department_created")
        } catch let error as DomainError {
            return try await failed(try await renderDepartments(req, name: form.name ?? "", errors: Self.messages(error, req)), req)
        }
    }

    @Sendable func createTeam(req: Request) async throws -> Response {
        let form = try req.content.decode(NameForm.self)
        do {
            guard let department = form.departmentID.flatMap(UUID.init(uuidString:)) else {
                throw DomainError.validation(fields: ["department_id": "error.field.required"])
            }
            let leader = form.leaderID.flatMap { $0.isEmpty ? nil : UUID(uuidString: $0) }
            _ = try await CreateTeam(db: req.db, services: req.services).run(name: form.name ?? "", departmentID: department, leaderID: leader, actor: req.staff)
            return req.redirect(to: "/admin/teams?flash=flash.team_created")
        } catch let error as DomainError {
            return try await failed(try await renderTeams(req, name: form.name ?? "", errors: Self.messages(error, req)), req)
        }
    }

    private static func messages(_ error: DomainError, _ req: Request) -> [String: String] {
        switch error {
        case .validation(let fields): fields.mapValues { req.t($0) }
        case .conflict(let reason): ["name": req.t(reason)]
        default: ["name": req.t("error.bad_request")]
        }
    }

    private func failed(_ view: View, _ req: Request) async throws -> Response {
        let response = try await view.encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    private func renderDepartments(_ req: Request, name: String, errors: [String: String]) async throws -> View {
        let rows = try await OrganizationRepository(db: req.db).departments().map {
            Row(name: $0.name, detail: req.t("department_kind.\($0.kind)"), extra: "")
        }
        let kinds = DepartmentKind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("department_kind.\($0.rawValue)")) }
        return try await req.view.render("admin/departments", OrganizationPage(
            shell: PageShell(req, title: req.t("departments.title")), rows: rows, kinds: kinds, departments: [], leaders: [],
            name: name, errors: errors))
    }

    private func renderTeams(_ req: Request, name: String, errors: [String: String]) async throws -> View {
        let organization = OrganizationRepository(db: req.db)
        let departments = try await organization.departments()
        let names = Dictionary(uniqueKeysWithValues: departments.map { ($0.id!, $0.name) })
        let users = UserRepository(db: req.db)
        let candidates = try await users.active(withRole: .teamLeader) + (try await users.active(withRole: .shiftLeader))
        let teams = try await organization.teams()
        // Current leaders may hold other roles: load them by id (one query, bounded by the number of teams).
        let current = try await users.find(ids: teams.compactMap(\.leaderID))
        let leaderNames = Dictionary((candidates + current).map { ($0.id!, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let candidateNames = Dictionary(candidates.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let rows = teams.map {
            Row(name: $0.name, detail: names[$0.departmentID] ?? "—", extra: $0.leaderID.flatMap { leaderNames[$0] } ?? "—")
        }
        return try await req.view.render("admin/teams", OrganizationPage(
            shell: PageShell(req, title: req.t("teams.title")), rows: rows, kinds: [],
            departments: departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name) },
            leaders: candidateNames.map { SelectOption(value: $0.key.uuidString, label: $0.value) }.sorted { $0.label < $1.label },
            name: name, errors: errors))
    }
}
