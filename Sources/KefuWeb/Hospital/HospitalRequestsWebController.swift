import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/hospital/requests` (HOS-10): a clinical department asks the guide desk for something and sees whether
/// the desk accepted it. Anyone signed in with a department may ask; 404 unless hospital mode.
struct HospitalRequestsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "hospital", "requests", access: .authenticated, summary: "My department's requests to the guide desk (HOS-10)", use: page)
        routes.on(.POST, "hospital", "requests", access: .authenticated, summary: "Send a request to the guide desk (form, HOS-10)", use: send)
    }

    struct Row: Encodable { let content: String, by: String, at: String, accepted: Bool, acceptedBy: String? }
    struct Page: Encodable { let shell: PageShell, rows: [Row], draft: String, hasDepartment: Bool }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, draft: "", error: nil) }

    func render(_ req: Request, draft: String, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        _ = try req.requireHospital()
        let staff = try req.requireStaff()
        var rows: [HospitalRequestRecord] = []
        if let department = staff.departmentID {
            rows = try await HospitalRequestRecord.query(on: req.db).filter(\.$departmentID == department)
                .filter(\.$kind == HospitalRequests.Kind.clinical.rawValue).sort(\.$createdAt, .descending).limit(30).all()
        }
        let page = Page(shell: PageShell(req, title: req.t("hospital.requests"), flashError: error?.message),
                        rows: rows.map { Row(content: $0.content, by: $0.requestedByName, at: DisplayTime.format($0.createdAt, req),
                                             accepted: $0.acceptedAt != nil, acceptedBy: $0.acceptedByName) },
                        draft: draft, hasDepartment: staff.departmentID != nil)
        let response = try await req.view.render("hospital/requests", page).encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    @Sendable func send(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        struct Form: Content { let content: String? }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await HospitalRequests(db: req.db, services: req.services).request(
                .init(departmentID: nil, content: form.content, visitID: nil, consultationID: nil), by: req.requireStaff())
            return req.redirect(to: "/hospital/requests?flash=flash.hospital_request_sent")
        } catch let error as DomainError {
            return try await render(req, draft: form.content ?? "", error: req.refusal(error))
        }
    }
}
