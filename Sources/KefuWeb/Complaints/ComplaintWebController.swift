import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The complaint page and its forms: each posts to `/cases/{id}/complaint/{action}`, runs the same use case
/// as the API and comes back to the page, or shows the page again with the reason (never a 500).
struct ComplaintWebController: RouteCollection {
    static let actions = ["tasks", "task-complete", "task-remind", "report", "instruction", "responsibility", "decision", "reply", "refile", "petition",
                          "slips", "slip-sign", "slip-receive", "slip-book"]

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", ":id", "complaint", access: .permission(.complaintsWork), summary: "The complaint form page with all its parts",
                  use: show)
        for action in Self.actions {
            routes.on(.POST, "cases", ":id", "complaint", .constant(action), access: .permission(.complaintsWork),
                      summary: "Complaint step: \(action) (form)") { req in try await perform(action, req: req) }
        }
    }

    struct Form: Content {
        var kind: String?, ownerDepartmentID: String?, partner: String?, dueAt: String?, taskID: String?, version: Int?, result: String?
        var content: String?, instruction: String?, responsibleDepartmentID: String?, fault: String?, trackImprovement: String?
        var lossBasis: String?, lossAmount: String?, penaltyType: String?, penaltyPersonID: String?, method: String?, amount: String?
        var returnQty: String?, reason: String?, channel: String?, nextReplyAt: String?, basis: String?, signedBy: String?
        var receivedQty: String?, voucherNo: String?

        enum CodingKeys: String, CodingKey {
            case kind, partner, version, result, content, instruction, fault, method, amount, reason, channel, basis
            case ownerDepartmentID = "owner_department_id", dueAt = "due_at", taskID = "task_id"
            case responsibleDepartmentID = "responsible_department_id", trackImprovement = "track_improvement", lossBasis = "loss_basis"
            case lossAmount = "loss_amount", penaltyType = "penalty_type", penaltyPersonID = "penalty_person_id", returnQty = "return_qty"
            case nextReplyAt = "next_reply_at", signedBy = "signed_by", receivedQty = "received_qty", voucherNo = "voucher_no"
        }
    }

    @Sendable func show(req: Request) async throws -> View {
        let flash = req.query[String.self, at: "flash"].flatMap { $0.hasPrefix("flash.") ? req.t($0) : nil }
        return try await ComplaintPageBuilder(req: req).render(caseID: try CasesAPIController.caseID(req), flash: flash)
    }

    @Sendable func perform(_ action: String, req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let id = try CasesAPIController.caseID(req)
        do {
            let staff = try req.requireStaff()
            let (target, done) = try await run(action, form, caseID: id, staff: staff, req: req)
            return done.redirect(req, to: target ?? "/cases/\(id)/complaint")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await ComplaintPageBuilder(req: req).render(caseID: id, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    /// Runs one form action; returns where to go when it is not the complaint page, and what to confirm.
    private func run(_ action: String, _ form: Form, caseID: UUID, staff: StaffUser, req: Request) async throws -> (String?, Confirmation) {
        let (db, services) = (req.db, req.services)
        let calendar = services.rulebook.calendar
        func uuid(_ text: String?, _ field: String) throws -> UUID? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: [field: "error.field.invalid_value"]) }
            return id
        }
        func money(_ text: String?, _ field: String) throws -> MoneyInput? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let value = ComplaintWebForm.money(text) else { throw DomainError.validation(fields: [field: "error.field.money"]) }
            return MoneyInput(value: value)
        }
        func int(_ text: String?, _ field: String) throws -> Int? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw DomainError.validation(fields: [field: "error.field.invalid_value"]) }
            return value
        }
        func choice<T: RawRepresentable>(_ type: T.Type, _ text: String?, _ field: String) throws -> T where T.RawValue == String {
            guard let value = text.flatMap(T.init(rawValue:)) else { throw DomainError.validation(fields: [field: "error.field.choice"]) }
            return value
        }
        func time(_ text: String?, _ field: String) throws -> Date? {
            guard let text = text?.nilIfBlank else { return nil }
            guard let date = LocalDateTimeField.parse(text, calendar: calendar) else { throw DomainError.validation(fields: [field: "error.field.date"]) }
            return date
        }
        let progress = ComplaintProgress(db: db, services: services)
        let slips = ComplaintSlipFlow(db: db, services: services)
        switch action {
        case "tasks":
            let task = try await ComplaintTasks(db: db, services: services).add(caseID: caseID, .init(
                kind: try choice(ComplaintTaskKind.self, form.kind, "kind"), ownerDepartmentID: try uuid(form.ownerDepartmentID, "owner_department_id"),
                partner: form.partner, dueAt: try time(form.dueAt, "due_at")), by: staff)
            let department = try await OrganizationRepository(db: db).department(task.ownerDepartmentID)?.name ?? ""
            return (nil, Confirmation("done.complaint.task_added", [req.t("complaint.task.\(task.kind)"), department, DisplayTime.format(task.dueAt, req)]))
        case "task-complete":
            guard let task = try uuid(form.taskID, "task_id") else { throw DomainError.validation(fields: ["task_id": "error.field.required"]) }
            _ = try await ComplaintTasks(db: db, services: services).complete(caseID: caseID, taskID: task, result: form.result ?? "",
                                                                              version: form.version, by: staff)
        case "task-remind":
            guard let task = try uuid(form.taskID, "task_id") else { throw DomainError.validation(fields: ["task_id": "error.field.required"]) }
            _ = try await ComplaintTasks(db: db, services: services).remind(caseID: caseID, taskID: task, by: staff)
        case "report": _ = try await progress.report(caseID: caseID, content: form.content ?? "", by: staff)
        case "instruction": _ = try await progress.instruct(caseID: caseID, instruction: form.instruction ?? "", by: staff)
        case "responsibility":
            guard let department = try uuid(form.responsibleDepartmentID, "responsible_department_id") else {
                throw DomainError.validation(fields: ["responsible_department_id": "error.field.required"])
            }
            _ = try await progress.responsibility(caseID: caseID, .init(
                responsibleDepartmentID: department, fault: try choice(ComplaintFault.self, form.fault, "fault"),
                trackImprovement: form.trackImprovement != nil, lossBasis: form.lossBasis?.nilIfBlank, lossAmount: try money(form.lossAmount, "loss_amount"),
                penaltyType: form.penaltyType.flatMap(ComplaintPenaltyType.init(rawValue:)), penaltyPersonID: try uuid(form.penaltyPersonID, "penalty_person_id")), by: staff)
        case "decision":
            guard let amount = try money(form.amount, "amount") else { throw DomainError.validation(fields: ["amount": "error.field.required"]) }
            _ = try await Complaints(db: db, services: services).decide(caseID: caseID, ComplaintDecisionRequest(
                method: try choice(ComplaintSettlementMethod.self, form.method, "method"), amount: amount, responsibleDepartmentID: nil,
                trackImprovement: nil, reason: form.reason ?? "", returnQty: try int(form.returnQty, "return_qty")), by: staff)
        case "reply":
            _ = try await progress.reply(caseID: caseID, .init(kind: try choice(ComplaintReplyKind.self, form.kind, "kind"),
                                                               channel: try choice(ComplaintReplyChannel.self, form.channel, "channel"),
                                                               content: form.content ?? "", nextReplyAt: try time(form.nextReplyAt, "next_reply_at")), by: staff)
        case "refile":
            let refiled = try await Complaints(db: db, services: services).refile(caseID: caseID, reason: form.reason ?? "", by: staff)
            return ("/cases/\(refiled.id!)/complaint", Confirmation("done.complaint.refiled", [refiled.number]))
        case "petition": _ = try await progress.petition(caseID: caseID, content: form.content ?? "", by: staff)
        case "slips":
            _ = try await slips.issue(caseID: caseID, kind: try choice(ComplaintSlipKind.self, form.kind, "kind"),
                                      .init(reason: form.reason, basis: form.basis), by: staff)
        case "slip-sign": _ = try await slips.customerSigned(caseID: caseID, signedBy: form.signedBy ?? "", version: form.version, by: staff)
        case "slip-receive":
            guard let quantity = try int(form.receivedQty, "received_qty") else { throw DomainError.validation(fields: ["received_qty": "error.field.required"]) }
            guard InputLimits.quantity.contains(quantity) else { throw DomainError.validation(fields: ["received_qty": "error.field.out_of_range"]) }
            _ = try await slips.receive(caseID: caseID, quantity: quantity, version: form.version, by: staff)
        case "slip-book":
            _ = try await slips.book(caseID: caseID, kind: try choice(ComplaintSlipKind.self, form.kind, "kind"), voucherNo: form.voucherNo ?? "",
                                     version: form.version, by: staff)
        default: throw DomainError.notFound(subject: "complaint_action")
        }
        return (nil, Confirmation("done.complaint.\(action.replacingOccurrences(of: "-", with: "_"))"))
    }
}
