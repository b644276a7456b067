import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `GET /api/v1/reports/front-desk?month=` (RPT-15 counts per person and in total, with the month's
/// assessments) and `POST /api/v1/front-desk/assessments` (PRM-19..21).
struct FrontDeskReportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "api", "v1", "reports", "front-desk", access: .authenticated, summary: "Front-desk workload counts and assessments of a month (RPT-15, PRM-19..21)", use: report)
        routes.on(.POST, "api", "v1", "front-desk", "assessments", access: .permission(.frontDeskAssess), summary: "Assess a front-desk person's month (PRM-19..21)", request: AssessBody.self, response: AssessmentResponse.self, status: .created, use: assess)
    }

    struct CountsResponse: Content {
        let visitors: Int, messages: Int, parcels: Int, supplies: Int, total: Int
        init(_ c: FrontDeskWorkload.Counts) { visitors = c.visitors; messages = c.messages; parcels = c.parcels; supplies = c.supplies; total = c.total }
    }
    struct AssessmentResponse: Content {
        let id: UUID, userId: UUID, name: String, month: String, workload: CountsResponse, attitude: Int, quality: Int, grade: String
        let comment: String, assessor: String, assessedAt: Date
        enum CodingKeys: String, CodingKey {
            case id, name, month, workload, attitude, quality, grade, comment, assessor
            case userId = "user_id", assessedAt = "assessed_at"
        }
        init(_ r: FrontDeskAssessmentRecord) {
            id = r.id!; userId = r.userID; name = r.userName; month = r.month
            workload = CountsResponse(.init(visitors: r.visitors, messages: r.messages, parcels: r.parcels, supplies: r.supplies))
            attitude = r.attitude; quality = r.quality; grade = r.grade; comment = r.comment; assessor = r.assessorName; assessedAt = r.assessedAt
        }
    }
    struct PersonResponse: Content {
        let userId: UUID, name: String, workload: CountsResponse, assessment: AssessmentResponse?
        enum CodingKeys: String, CodingKey { case name, workload, assessment, userId = "user_id" }
    }
    struct ReportResponse: Content { let month: String, total: CountsResponse, people: [PersonResponse] }

    @Sendable func report(req: Request) async throws -> ReportResponse {
        let staff = try req.requireStaff()
        let only = try FrontDeskReportWebController.scope(staff)
        let month = try FrontDeskReportWebController.months(req)
        let assessments = FrontDeskAssessments(db: req.db, services: req.services)
        guard let range = assessments.range(ofMonth: month) else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        let counts = try await FrontDeskWorkload(db: req.db).counts(from: range.start, to: range.end)
        let done = Dictionary(try await assessments.list(month: month, userID: only).map { ($0.userID, $0) }, uniquingKeysWith: { a, _ in a })
        var people = try await UserRepository(db: req.db).active(withRole: .frontDesk, departmentID: nil)
        if let only { people = people.filter { $0.id == only } }
        let rows = people.map { p in
            PersonResponse(userId: p.id!, name: p.displayName, workload: CountsResponse(counts.byPerson[p.id!] ?? .init()), assessment: done[p.id!].map(AssessmentResponse.init))
        }
        return ReportResponse(month: month, total: CountsResponse(only == nil ? counts.total : counts.byPerson[only!] ?? .init()), people: rows)
    }

    @Sendable func assess(req: Request) async throws -> Response {
        let body = try req.content.decode(AssessBody.self)
        let record = try await FrontDeskAssessments(db: req.db, services: req.services).assess(.init(
            userID: body.user_id, month: body.month ?? "", attitude: body.attitude, quality: body.quality, grade: body.grade ?? "", comment: body.comment ?? ""),
            by: req.requireStaff())
        let response = try await AssessmentResponse(record).encodeResponse(for: req)
        response.status = .created
        return response
    }
}

/// Request and answer bodies of the handlers above (named here so the routes can document them).
extension FrontDeskReportAPIController {
    struct AssessBody: Content { let user_id: UUID?, month: String?, attitude: Int?, quality: Int?, grade: String?, comment: String? }
}
