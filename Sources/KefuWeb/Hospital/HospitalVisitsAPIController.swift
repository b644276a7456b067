import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/hospital-visits` (HOS-03..08): the gate opens a visit, then one action per step. An action out
/// of order is 422 with `rule: "hospital.flow"`; a stale `version` is 409. 404 for everything unless hospital mode.
struct HospitalVisitsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let access = Access.permission(.hospitalDesk)
        routes.on(.POST, "api", "v1", "hospital-visits", access: access, summary: "Gate guide opens a visit: appointment? first visit? (HOS-05)", request: Body.self, response: HospitalVisitResponse.self, status: .created, use: gate)
        routes.on(.GET, "api", "v1", "hospital-visits", access: access, summary: "Visits, newest first (?state=)", use: list)
        routes.on(.GET, "api", "v1", "hospital-visits", ":id", access: access, summary: "One visit with each step's time and person", use: show)
        routes.on(.POST, "api", "v1", "hospital-visits", ":id", "desk", access: access, summary: "Guide desk: medical record, main complaint, media source, triage (HOS-06)", request: Body.self, use: desk)
        routes.on(.POST, "api", "v1", "hospital-visits", ":id", "registration", access: access, summary: "Registered and paid, experts introduced (HOS-07)", request: Body.self, use: registration)
        routes.on(.POST, "api", "v1", "hospital-visits", ":id", "consulting-room", access: access, summary: "Handed to the 主任 or 医助 in the consulting room (HOS-08)", request: Body.self, use: room)
        routes.on(.POST, "api", "v1", "hospital-visits", ":id", "leave", access: access, summary: "The patient left before the end of the flow", request: Body.self, use: leave)
    }

    struct Body: Content {
        let appointment: Bool?, firstVisit: Bool?, patientName: String?, consultationId: UUID?, phone: String?, medicalRecord: Bool?
        let mainComplaint: String?, mediaSource: String?, department: String?, expert: String?, paid: Bool?, expertsIntroduced: Bool?
        let handedTo: String?, handedToName: String?, reason: String?, version: Int?
        enum CodingKeys: String, CodingKey {
            case appointment, phone, department, expert, paid, reason, version
            case firstVisit = "first_visit", patientName = "patient_name", consultationId = "consultation_id", medicalRecord = "medical_record"
            case mainComplaint = "main_complaint", mediaSource = "media_source", expertsIntroduced = "experts_introduced"
            case handedTo = "handed_to", handedToName = "handed_to_name"
        }
    }

    private func respond(_ req: Request, _ visit: HospitalVisitRecord) throws -> HospitalVisitResponse {
        HospitalVisitResponse(visit, flow: req.services.rulebook.hospital.flow, for: try req.requireStaff())
    }

    private func context(_ req: Request) throws -> (HospitalVisits, UUID, Body) {
        _ = try req.requireHospital()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_visit") }
        return (HospitalVisits(db: req.db, services: req.services), id, try req.content.decode(Body.self))
    }

    @Sendable func gate(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        let b = try req.content.decode(Body.self)
        let visit = try await HospitalVisits(db: req.db, services: req.services).gate(.init(
            appointment: b.appointment, firstVisit: b.firstVisit, patientName: b.patientName, consultationID: b.consultationId), by: req.requireStaff())
        return try await respond(req, visit).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<HospitalVisitResponse> {
        _ = try req.requireHospital()
        var state: HospitalVisitState?
        if let text = req.query[String.self, at: "state"], !text.isEmpty {
            guard let value = HospitalVisitState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.choice"]) }
            state = value
        }
        let (cursor, limit) = try req.pagination()
        let page = try await HospitalVisitQueries(db: req.db).list(state: state, after: cursor, limit: limit)
        return ListResponse(items: try page.items.map { try respond(req, $0) }, nextCursor: page.nextCursor)
    }

    @Sendable func show(req: Request) async throws -> HospitalVisitResponse {
        _ = try req.requireHospital()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_visit") }
        return try respond(req, try await HospitalVisitQueries(db: req.db).find(id))
    }

    @Sendable func desk(req: Request) async throws -> HospitalVisitResponse {
        let (visits, id, b) = try context(req)
        return try respond(req, try await visits.desk(id, .init(
            patientName: b.patientName, phone: b.phone, medicalRecord: b.medicalRecord, mainComplaint: b.mainComplaint, mediaSource: b.mediaSource,
            department: b.department, expert: b.expert, consultationID: b.consultationId, version: b.version), by: req.requireStaff()))
    }

    @Sendable func registration(req: Request) async throws -> HospitalVisitResponse {
        let (visits, id, b) = try context(req)
        return try respond(req, try await visits.registration(id, paid: b.paid, expertsIntroduced: b.expertsIntroduced, version: b.version, by: req.requireStaff()))
    }

    @Sendable func room(req: Request) async throws -> HospitalVisitResponse {
        let (visits, id, b) = try context(req)
        return try respond(req, try await visits.consultingRoom(id, handedTo: b.handedTo, handedToName: b.handedToName, version: b.version, by: req.requireStaff()))
    }

    @Sendable func leave(req: Request) async throws -> HospitalVisitResponse {
        let (visits, id, b) = try context(req)
        return try respond(req, try await visits.leave(id, reason: b.reason, version: b.version, by: req.requireStaff()))
    }
}
