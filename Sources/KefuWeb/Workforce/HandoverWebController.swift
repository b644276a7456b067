import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/handovers`: the outgoing person writes the 交接日志 (SHF-05/06); the incoming person acknowledges it;
/// the shift is closed after that, or by a leader with a reason (SHF-04).
struct HandoverWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "handovers", "new", access: .authenticated, summary: "Handover log form", use: newForm)
        routes.on(.POST, "handovers", access: .authenticated, summary: "Write a handover log (form)", use: create)
        routes.on(.GET, "handovers", ":id", access: .authenticated, summary: "Handover page", use: show)
        for action in Handovers.Action.allCases {
            routes.on(.POST, "handovers", ":id", .constant(action.rawValue), access: .authenticated, summary: "Handover: \(action.rawValue) (form)") { req in
                let id = try WorkforceAPIController.id(req)
                let values = (try? req.content.decode([String: String].self)) ?? [:]
                do {
                    let body = HandoverActionRequest(version: values["version"].flatMap { Int($0) }, overrideReason: values["override_reason"])
                    _ = try await Handovers(db: req.db, services: req.services).perform(action, on: id, body, by: try req.requireStaff())
                    return req.redirect(to: "/handovers/\(id)")
                } catch let error where error is DomainError || error is Failure {
                    let (message, status) = req.refusal(error)
                    let response = try await render(req, id: id, flashError: message).encodeResponse(for: req)
                    response.status = status
                    return response
                }
            }
        }
    }

    @Sendable func newForm(req: Request) async throws -> View { try await renderForm(req, values: [:], error: nil) }

    func renderForm(_ req: Request, values: [String: String], error: String?) async throws -> View {
        let staff = try req.requireStaff()
        let users = try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items.filter { $0.active && $0.id != staff.id }
        let templates = try await RosterRepository(db: req.db).templates(activeOnly: true)
        let today = req.services.rulebook.calendar.localDate(of: req.services.now()).description
        let open = try await HandoverCarryOver(db: req.db, services: req.services).openCases(of: staff.id).count
        return try await req.view.render("workforce/handover-new", WorkforcePages.HandoverFormPage(
            shell: PageShell(req, title: req.t("handover.new"), flashError: error),
            people: users.map { .init(value: $0.id!.uuidString, label: $0.displayName, selected: values["incoming_user_id"] == $0.id!.uuidString) },
            templates: templates.map { .init(value: $0.id!.uuidString, label: "\($0.name) \($0.startsAt)–\($0.endsAt)", selected: values["shift_template_id"] == $0.id!.uuidString) },
            date: values["shift_date"] ?? today, values: values, openCases: open))
    }

    @Sendable func create(req: Request) async throws -> Response {
        let values = try req.content.decode([String: String].self)
        do {
            let input = CreateHandoverRequest(
                shiftDate: values["shift_date"], shiftTemplateID: values["shift_template_id"].flatMap(UUID.init(uuidString:)),
                incomingUserID: values["incoming_user_id"].flatMap(UUID.init(uuidString:)),
                notes: .init(equipment: values["equipment"], difficultProblems: values["difficult_problems"], staffChanges: values["staff_changes"],
                             superiorsInstructions: values["superiors_instructions"], other: values["other"]), openCaseIDs: nil)
            let record = try await Handovers(db: req.db, services: req.services).create(input, by: try req.requireStaff())
            return req.redirect(to: "/handovers/\(record.id!)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderForm(req, values: values, error: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func show(req: Request) async throws -> View { try await render(req, id: try WorkforceAPIController.id(req), flashError: nil) }

    func render(_ req: Request, id: UUID, flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let rules = req.services.rulebook.attendance
        guard let record = try await HandoverRecord.find(id, on: req.db), HandoverView.canRead(record, staff: staff, rules: rules) else {
            throw DomainError.notFound(subject: "handover")
        }
        let response = HandoverResponse(record)
        let names = try await CasePeople.names(of: [record.outgoingUserID, record.incomingUserID], db: req.db)
        let template = try await RosterRepository(db: req.db).template(record.shiftTemplateID)
        let cases = try await CaseRepository(db: req.db).find(ids: response.openCaseIDs)
        let leader = !staff.roles.isDisjoint(with: rules.handoverOverrideBy)
        let fields: [WorkforcePages.Field] = [
            .init(label: req.t("handover.equipment"), value: record.equipment ?? ""),
            .init(label: req.t("handover.difficult_problems"), value: record.difficultProblems ?? ""),
            .init(label: req.t("handover.staff_changes"), value: record.staffChanges ?? ""),
            .init(label: req.t("handover.superiors_instructions"), value: record.superiorsInstructions ?? ""),
            .init(label: req.t("handover.other"), value: record.otherNotes ?? ""),
        ]
        return try await req.view.render("workforce/handover", WorkforcePages.HandoverPage(
            shell: PageShell(req, title: req.t("handover.title"), flashError: flashError), id: id, version: record.version, date: record.shiftDate,
            shift: template.map { "\($0.name) \($0.startsAt)–\($0.endsAt)" } ?? "", outgoing: names[record.outgoingUserID] ?? "",
            incoming: names[record.incomingUserID] ?? "", state: req.t("handover.state.\(record.state)"), stateKey: record.state,
            fields: fields, cases: cases.map { .init(href: "/cases/\($0.id!)", label: "\($0.number) \($0.subject)") },
            visits: response.returnVisitIDs.count, overrideReason: record.overrideReason,
            canAcknowledge: record.state == "open" && staff.id == record.incomingUserID,
            canClose: record.state == "acknowledged" && (staff.id == record.outgoingUserID || leader),
            canOverride: record.state == "open" && leader))
    }
}
