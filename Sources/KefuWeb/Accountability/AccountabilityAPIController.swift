import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/accountability-cases` (问责, REQUIREMENTS §20; API.md "Accountability"). Opening needs
/// `accountability.manage`; reading and the steps are open to any staff member and decided per case
/// (see `AccountabilityViewer`): a case the caller may not see is 404.
struct AccountabilityAPIController: RouteCollection {
    static let summaries: [AccountabilityCases.Step: String] = [
        .investigate: "Start the investigation with the accountability plan (问责方案, ACC-21)",
        .statements: "Record the statement and defence of a person concerned (陈述申辩, ACC-08)",
        .causeAnalysis: "File the cause analysis, solution and contingency plan (ACC-11)",
        .circumstances: "Record mitigating or aggravating circumstances (ACC-32)",
        .evidence: "Link cases or audit-trail entries as evidence (ACC-12)",
        .decision: "Written decision: facts, reasons, basis, sanctions, appeal right and deadline (ACC-07/08/09)",
        .acknowledge: "Acknowledge receipt of the decision (送达, ACC-09)",
        .appeal: "Appeal within accountability.appeal_within (ACC-10/35); later → 422",
        .review: "Review an appeal: upheld or corrected, by the accountability.appeal_to role (ACC-35)",
        .recusal: "The investigator steps aside and is replaced (回避, ACC-28)",
        .close: "File the case (登记备案) after the appeal window or the review; needs every cause analysis (ACC-11)",
    ]

    func boot(routes: any RoutesBuilder) throws {
        let cases = routes.grouped("api", "v1", "accountability-cases")
        cases.on(.POST, access: .permission(.accountabilityManage), summary: "Open an accountability case (问责立项, ACC-03…06, ACC-12)", request: OpenAccountabilityRequest.self, response: AccountabilityCaseResponse.self, status: .created, use: open)
        cases.on(.GET, access: .authenticated, summary: "List accountability cases (state, person_id, mine=true; own cases for everyone)", use: list)
        cases.on(.GET, ":id", access: .authenticated, summary: "One accountability case with its file, decision and appeal", use: show)
        for step in AccountabilityCases.Step.allCases {
            cases.on(.POST, ":id", .constant(step.rawValue), access: .authenticated, summary: Self.summaries[step] ?? step.rawValue,
                     request: AccountabilityActionRequest?.self) { req in
                try await perform(step, req: req)
            }
        }
    }

    @Sendable func open(req: Request) async throws -> Response {
        let input = try req.content.decode(OpenAccountabilityRequest.self)
        let file = try await AccountabilityCases(db: req.db, services: req.services).open(input, by: try req.requireStaff())
        return try await Self.response(file, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<AccountabilityCaseResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let viewer = AccountabilityViewer(staff: staff, rules: req.services.rulebook.accountability)
        var filter = AccountabilityRepository.Filter(visibility: try await viewer.visibility(db: req.db))
        if let text = req.query[String.self, at: "state"] {
            guard let state = AccountabilityState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
            filter.state = state
        }
        if let text = req.query[String.self, at: "person_id"] {
            guard let person = UUID(uuidString: text) else { throw DomainError.validation(fields: ["person_id": "error.field.invalid_value"]) }
            filter.personID = person
        }
        switch req.query[String.self, at: "mine"] {
        case nil, "false": break
        case "true": filter.personID = staff.id
        default: throw DomainError.validation(fields: ["mine": "error.field.invalid_value"])
        }
        let page = try await AccountabilityRepository(db: req.db).list(filter, after: cursor, limit: limit)
        let files = try await AccountabilityFile.load(page.items, db: req.db)
        let names = try await Self.names(files, db: req.db)
        let rules = req.services.rulebook.accountability
        return ListResponse(items: files.map { AccountabilityCaseResponse($0, names: names, rules: rules) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> AccountabilityCaseResponse {
        let viewer = AccountabilityViewer(staff: try req.requireStaff(), rules: req.services.rulebook.accountability)
        return try await Self.response(try await viewer.readable(try Self.caseID(req), db: req.db), req: req)
    }

    @Sendable func perform(_ step: AccountabilityCases.Step, req: Request) async throws -> AccountabilityCaseResponse {
        let body = req.body.data == nil ? AccountabilityActionRequest() : try req.content.decode(AccountabilityActionRequest.self)
        let file = try await AccountabilityCases(db: req.db, services: req.services).perform(
            step, on: try Self.caseID(req), body, by: try req.requireStaff(), expectedVersion: try req.expectedVersion(body: body.version))
        return try await Self.response(file, req: req)
    }

    static func caseID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "accountability_case") }
        return id
    }

    static func names(_ files: [AccountabilityFile], db: any Database) async throws -> [UUID: String] {
        try await CasePeople.names(of: files.flatMap { $0.persons.map(\.userID) + [$0.record.investigatorID] }, db: db)
    }

    static func response(_ file: AccountabilityFile, req: Request) async throws -> AccountabilityCaseResponse {
        AccountabilityCaseResponse(file, names: try await names([file], db: req.db), rules: req.services.rulebook.accountability)
    }
}
