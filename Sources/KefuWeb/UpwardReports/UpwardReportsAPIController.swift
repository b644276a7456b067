import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/upward-reports` (请示报告, ESC-01..12): file, list (?box=mine|addressed, ?open=true), read,
/// and the ESC-07 steps. Anyone signed in files; every read and step checks the report's data scope.
struct UpwardReportsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "api", "v1", "upward-reports", access: .authenticated, summary: "File a report to one's superior (ESC-01..12)", request: UpwardReportRequest.self, response: UpwardReportResponse.self, status: .created, use: file)
        routes.on(.GET, "api", "v1", "upward-reports", access: .authenticated,
                  summary: "Reports I may read; ?box=mine|sent|addressed, ?open=true, ?case_id=", use: list)
        routes.on(.GET, "api", "v1", "upward-reports", ":id", access: .authenticated, summary: "One report with its history", use: read)
        routes.on(.POST, "api", "v1", "upward-reports", ":id", "instruction", access: .authenticated,
                  summary: "The addressed superior records the instruction, or insists after an objection (ESC-07)", request: TextBody.self, use: instruct)
        routes.on(.POST, "api", "v1", "upward-reports", ":id", "acknowledge", access: .authenticated,
                  summary: "The reporter acknowledges the instruction (ESC-07)", request: NoBody.self, use: acknowledge)
        routes.on(.POST, "api", "v1", "upward-reports", ":id", "objection", access: .authenticated,
                  summary: "The reporter records an objection (ESC-07)", request: TextBody.self, use: object)
        routes.on(.POST, "api", "v1", "upward-reports", ":id", "execution", access: .authenticated,
                  summary: "The reporter records the execution; after an insistence the objection goes one level up (ESC-07)", request: TextBody.self, use: execute)
    }

    struct TextBody: Content { let instruction: String?, objection: String?, execution: String?, insist: Bool? }

    @Sendable func file(req: Request) async throws -> Response {
        let body = try req.content.decode(UpwardReportRequest.self)
        let record = try await UpwardReports(db: req.db, services: req.services).file(body.input, by: req.requireStaff())
        let response = try await UpwardReportResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }

    @Sendable func list(req: Request) async throws -> ListResponse<UpwardReportResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let page = try await UpwardReportLists(db: req.db, services: req.services)
            .page(box: req.query[String.self, at: "box"], open: req.query[Bool.self, at: "open"] ?? false,
                  caseID: req.query[UUID.self, at: "case_id"], for: staff, after: cursor, limit: limit)
        return ListResponse(items: page.items.map { UpwardReportResponse($0) }, nextCursor: page.nextCursor)
    }

    @Sendable func read(req: Request) async throws -> UpwardReportResponse {
        let reports = UpwardReports(db: req.db, services: req.services)
        let record = try await UpwardReportAccess(staff: req.requireStaff(), routing: reports.routing).readable(try Self.id(req), db: req.db)
        return UpwardReportResponse(record, steps: try await UpwardReportRepository(db: req.db).steps(of: record.id!))
    }

    @Sendable func instruct(req: Request) async throws -> UpwardReportResponse {
        let body = try req.content.decode(TextBody.self)
        return UpwardReportResponse(try await UpwardReports(db: req.db, services: req.services)
            .instruct(try Self.id(req), text: body.instruction ?? "", insist: body.insist ?? false, by: req.requireStaff()))
    }

    @Sendable func acknowledge(req: Request) async throws -> UpwardReportResponse {
        UpwardReportResponse(try await UpwardReports(db: req.db, services: req.services).acknowledge(try Self.id(req), by: req.requireStaff()))
    }

    @Sendable func object(req: Request) async throws -> UpwardReportResponse {
        let body = try req.content.decode(TextBody.self)
        return UpwardReportResponse(try await UpwardReports(db: req.db, services: req.services)
            .object(try Self.id(req), text: body.objection ?? "", by: req.requireStaff()))
    }

    @Sendable func execute(req: Request) async throws -> UpwardReportResponse {
        let body = try req.content.decode(TextBody.self)
        return UpwardReportResponse(try await UpwardReports(db: req.db, services: req.services)
            .execute(try Self.id(req), text: body.execution ?? "", by: req.requireStaff()))
    }

    static func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "upward_report") }
        return id
    }
}
