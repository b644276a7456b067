import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/hospital`: the guide desk screen (HOS-03..10). Every form posts one step and comes back to the board;
/// a refused step re-renders the board with the message. 404 unless hospital mode.
struct HospitalWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.hospitalDesk)
        routes.on(.GET, "hospital", access: desk, summary: "Guide desk: patients waiting per step", use: board)
        routes.on(.POST, "hospital", "visits", access: desk, summary: "Gate guide: a patient arrives (form)", use: gate)
        routes.on(.POST, "hospital", "visits", ":id", ":step", access: desk, summary: "Do a visit's next step or record that the patient left (form)", use: step)
        routes.on(.POST, "hospital", "referrals", access: desk, summary: "Refer a question to a department (form, HOS-09)", use: refer)
        routes.on(.POST, "hospital", "requests", ":id", "accept", access: desk, summary: "Accept a department's request (form, HOS-10)", use: accept)
    }

    struct Form: Content {
        let appointment: String?, first_visit: String?, patient_name: String?, phone: String?, medical_record: String?
        let main_complaint: String?, media_source: String?, department: String?, expert: String?, paid: String?
        let experts_introduced: String?, handed_to: String?, handed_to_name: String?, reason: String?, version: String?
        let department_id: String?, content: String?
    }

    @Sendable func board(req: Request) async throws -> Response {
        try await render(req, error: nil)
    }

    func render(_ req: Request, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let page = try await HospitalBoardPage.build(req, error: error?.message)
        let response = try await req.view.render("hospital/board", page).encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    /// Runs a form's action; a domain refusal re-renders the board with its message (never a 500).
    private func attempt(_ req: Request, flash: String, _ action: () async throws -> Void) async throws -> Response {
        _ = try req.requireHospital()
        do {
            try await action()
            return req.redirect(to: "/hospital?flash=\(flash)")
        } catch let error as DomainError {
            return try await render(req, error: req.refusal(error))
        }
    }

    @Sendable func gate(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await attempt(req, flash: "flash.hospital_arrived") {
            _ = try await HospitalVisits(db: req.db, services: req.services).gate(.init(
                appointment: form.appointment.flatMap(Bool.init), firstVisit: form.first_visit.flatMap(Bool.init),
                patientName: form.patient_name, consultationID: nil), by: req.requireStaff())
        }
    }

    @Sendable func step(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_visit") }
        let form = try req.content.decode(Form.self)
        let visits = HospitalVisits(db: req.db, services: req.services)
        let version = form.version.flatMap { Int($0) }
        let step = req.parameters.get("step") ?? ""
        // Issue 21 §9: each step of the guide desk says what it recorded.
        let flash = ["desk", "registration", "consulting-room", "leave"].contains(step) ? "flash.hospital_step.\(step)" : "flash.hospital_step"
        return try await attempt(req, flash: flash) {
            let staff = try req.requireStaff()
            switch req.parameters.get("step") {
            case "desk":
                _ = try await visits.desk(id, .init(patientName: form.patient_name, phone: form.phone, medicalRecord: form.medical_record != nil,
                                                    mainComplaint: form.main_complaint, mediaSource: form.media_source, department: form.department,
                                                    expert: form.expert, consultationID: nil, version: version), by: staff)
            case "registration":
                _ = try await visits.registration(id, paid: form.paid != nil, expertsIntroduced: form.experts_introduced != nil, version: version, by: staff)
            case "consulting-room":
                _ = try await visits.consultingRoom(id, handedTo: form.handed_to, handedToName: form.handed_to_name, version: version, by: staff)
            case "leave":
                _ = try await visits.leave(id, reason: form.reason, version: version, by: staff)
            default:
                throw DomainError.notFound(subject: "hospital_step")
            }
        }
    }

    @Sendable func refer(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        return try await attempt(req, flash: "flash.hospital_referred") {
            _ = try await HospitalRequests(db: req.db, services: req.services).refer(.init(
                departmentID: form.department_id.flatMap { UUID(uuidString: $0) }, content: form.content, visitID: nil, consultationID: nil),
                by: req.requireStaff())
        }
    }

    @Sendable func accept(req: Request) async throws -> Response {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_request") }
        return try await attempt(req, flash: "flash.hospital_accepted") {
            _ = try await HospitalRequests(db: req.db, services: req.services).accept(id, by: req.requireStaff())
        }
    }
}
