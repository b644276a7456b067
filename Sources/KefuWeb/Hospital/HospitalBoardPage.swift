import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The guide desk's one screen (`/hospital`, 1366×768): the arrival buttons of the gate guide, then one
/// column per step with the patients waiting for it (the longest-waiting first) and that step's button.
struct HospitalBoardPage: Encodable {
    struct Card: Encodable {
        let id: UUID, version: Int, title: String, tags: [String], waited: String, since: String, detail: String?, phone: String?, department: String?
        let nameValue: String
    }
    struct Column: Encodable { let step: String, title: String, cards: [Card] }
    /// HOS-05: the gate guide's two questions as four buttons (有预约? 第一次来?), one press per patient.
    struct GateButton: Encodable { let appointment: String, firstVisit: String, label: String }
    struct Request: Encodable {
        let id: UUID, department: String, content: String, by: String, at: String, accepted: Bool, acceptedBy: String?
    }
    let shell: PageShell
    let gateButtons: [GateButton]
    let columns: [Column]
    let done: [Card]
    let mediaSources: [SelectOption], departments: [SelectOption], experts: [SelectOption], orgDepartments: [SelectOption]
    let handOvers: [SelectOption]
    let requests: [Request], openRequests: Int
    let canReport: Bool

    static func build(_ req: Vapor.Request, error: String?) async throws -> HospitalBoardPage {
        let rules = try req.requireHospital()
        let staff = try req.requireStaff()
        let now = req.services.now()
        let calendar = req.services.rulebook.calendar
        let queries = HospitalVisitQueries(db: req.db)
        let waiting = try await queries.waiting(flow: rules.flow)
        let done = try await queries.finished(since: calendar.startOfDay(calendar.localDate(of: now)))
        func card(_ v: HospitalVisitRecord) -> Card {
            var tags = [req.t(v.appointment ? "hospital.appointment_yes" : "hospital.appointment_no"),
                        req.t(v.firstVisit ? "hospital.first_visit_yes" : "hospital.first_visit_no")]
            if v.consultationID != nil { tags.append(req.t("hospital.from_consultation")) }
            let minutes = max(0, Int(now.timeIntervalSince(v.updatedAt) / 60))
            let department = rules.department(v.department ?? "")
            return Card(id: v.id!, version: v.version, title: v.patientName ?? req.t("hospital.unnamed"), tags: tags,
                        waited: req.t("hospital.waited", ["\(minutes)"]), since: DisplayTime.format(v.gateAt, req),
                        detail: v.mainComplaint, phone: HospitalPhone.shown(v.phone, for: staff, own: v.deskBy == staff.id),
                        department: department.map { req.hospitalName($0) + (v.expert.map { " · \($0)" } ?? "") },
                        nameValue: v.patientName ?? "")
        }
        // One column per step after the gate: the patients whose next step it is.
        let columns = rules.flow.steps.dropFirst().map { step in
            Column(step: step.rawValue, title: req.t("hospital.waiting.\(step.rawValue)"),
                   cards: waiting.filter { HospitalVisitState(rawValue: $0.state).flatMap { rules.flow.next(after: $0) } == step }.map(card))
        }
        let requests = try await HospitalRequests(db: req.db, services: req.services).list(kind: .clinical, openOnly: false, limit: 10)
        let departments = try await OrganizationRepository(db: req.db).departments()
        return HospitalBoardPage(
            shell: PageShell(req, title: req.t("hospital.title"), flashError: error),
            gateButtons: [true, false].flatMap { appointment in [true, false].map { first in
                GateButton(appointment: "\(appointment)", firstVisit: "\(first)",
                           label: req.t(appointment ? "hospital.appointment_yes" : "hospital.appointment_no") + " · "
                               + req.t(first ? "hospital.first_visit_yes" : "hospital.first_visit_no"))
            } },
            columns: columns, done: done.map(card),
            mediaSources: rules.mediaSources.map { SelectOption(value: $0.code, label: req.hospitalName($0)) },
            departments: rules.departments.map { SelectOption(value: $0.code, label: req.hospitalName($0)) },
            experts: rules.departments.flatMap { d in d.experts.map { SelectOption(value: $0, label: "\(req.hospitalName(d)) · \($0)") } },
            orgDepartments: departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name) },
            handOvers: HospitalHandOver.allCases.map { SelectOption(value: $0.rawValue, label: req.t("hospital.handed_to.\($0.rawValue)")) },
            requests: requests.map { r in
                Request(id: r.id!, department: r.departmentName, content: r.content, by: r.requestedByName, at: DisplayTime.format(r.createdAt, req),
                        accepted: r.acceptedAt != nil, acceptedBy: r.acceptedByName)
            },
            openRequests: requests.filter { $0.acceptedAt == nil }.count, canReport: staff.has(.reportsRead))
    }
}
