import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// API.md "Complaints": the settlement decision (CMP-32) and re-filing (CMP-34), plus the rest of the form's
/// workflow: departments' tasks (CMP-05..09), the VP report (CMP-15), responsibility (CMP-16/17), replies
/// (CMP-18/24), the petition (CMP-20) and the after-closure slips (CMP-35..39).
struct ComplaintsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let complaint = routes.grouped("api", "v1", "cases", ":id", "complaint")
        complaint.on(.POST, "decision", access: .permission(.casesRead), summary: "Settlement decision, approved by amount (CMP-32)", request: ComplaintDecisionRequest.self,
                     use: decide)
        complaint.on(.POST, "refile", access: .permission(.casesCreate), summary: "Re-file: the customer rejected the conclusion (CMP-34)", request: TextRequest.self, status: .created,
                     use: refile)
        complaint.on(.POST, "tasks", access: .permission(.complaintsWork), summary: "Give a department its part of the complaint (CMP-05..09, CMP-31)", request: ComplaintTasks.AddRequest.self, response: ComplaintTaskResponse.self, status: .created,
                     use: addTask)
        complaint.on(.POST, "tasks", ":task", "complete", access: .permission(.complaintsWork),
                     summary: "Record a department's result on its complaint task", request: CompleteRequest.self, use: completeTask)
        complaint.on(.POST, "tasks", ":task", "remind", access: .permission(.complaintsWork),
                     summary: "Chase a department's open task (CMP-09)", request: NoBody.self, use: remindTask)
        complaint.on(.POST, "report", access: .permission(.complaintsWork), summary: "Report to the VP in charge (CMP-15)", request: TextRequest.self, use: report)
        complaint.on(.POST, "report", "instruction", access: .permission(.complaintsWork), summary: "The VP's instruction on the report (CMP-15)", request: TextRequest.self,
                     use: instruct)
        complaint.on(.POST, "responsibility", access: .permission(.complaintsWork), summary: "Responsible unit, tracking, loss and penalty (CMP-16/17)", request: ComplaintProgress.ResponsibilityRequest.self,
                     use: responsibility)
        complaint.on(.POST, "reply", access: .permission(.complaintsWork), summary: "Reply to the customer: progress or conclusion (CMP-18/19/24)", request: ComplaintProgress.ReplyRequest.self,
                     use: reply)
        complaint.on(.POST, "petition", access: .permission(.complaintsWork), summary: "Petition to the superior on a disputed 'not established' (CMP-20)", request: TextRequest.self,
                     use: petition)
        complaint.on(.POST, "slips", access: .permission(.complaintsWork), summary: "Issue the discount certificate or return slip (CMP-36/37)", request: SlipRequest.self, response: ComplaintSlipResponse.self, status: .created,
                     use: issueSlip)
        complaint.on(.POST, "slips", ":kind", ":action", access: .permission(.complaintsWork),
                     summary: "Slip step: customer-signed (CMP-36), receive (CMP-39), book (CMP-38)", request: SlipStepRequest.self, use: slipStep)
    }

    struct TextRequest: Content { let reason: String?; let content: String?; let instruction: String? }
    struct CompleteRequest: Content { let result: String; let version: Int? }
    struct SlipRequest: Content { let kind: ComplaintSlipKind; let reason: String?; let basis: String? }
    struct SlipStepRequest: Content {
        let signedBy: String?, receivedQty: Int?, voucherNo: String?, version: Int?
        enum CodingKeys: String, CodingKey { case version, signedBy = "signed_by", receivedQty = "received_qty", voucherNo = "voucher_no" }
    }

    @Sendable func decide(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(ComplaintDecisionRequest.self)
        let record = try await Complaints(db: req.db, services: req.services).decide(caseID: try CasesAPIController.caseID(req), body,
                                                                                      by: try req.requireStaff())
        return try await CasesAPIController.response(record, req: req)
    }

    @Sendable func refile(req: Request) async throws -> Response {
        let body = try req.content.decode(TextRequest.self)
        let record = try await Complaints(db: req.db, services: req.services).refile(caseID: try CasesAPIController.caseID(req),
                                                                                      reason: body.reason ?? "", by: try req.requireStaff())
        return try await CasesAPIController.response(record, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func addTask(req: Request) async throws -> Response {
        let body = try req.content.decode(ComplaintTasks.AddRequest.self)
        let task = try await ComplaintTasks(db: req.db, services: req.services).add(caseID: try CasesAPIController.caseID(req), body,
                                                                                     by: try req.requireStaff())
        return try await ComplaintTaskResponse(task).encodeResponse(status: .created, for: req)
    }

    @Sendable func completeTask(req: Request) async throws -> ComplaintTaskResponse {
        let body = try req.content.decode(CompleteRequest.self)
        guard let taskID = req.parameters.get("task", as: UUID.self) else { throw DomainError.notFound(subject: "complaint_task") }
        return ComplaintTaskResponse(try await ComplaintTasks(db: req.db, services: req.services).complete(
            caseID: try CasesAPIController.caseID(req), taskID: taskID, result: body.result, version: body.version, by: try req.requireStaff()))
    }

    @Sendable func remindTask(req: Request) async throws -> ComplaintTaskResponse {
        guard let taskID = req.parameters.get("task", as: UUID.self) else { throw DomainError.notFound(subject: "complaint_task") }
        return ComplaintTaskResponse(try await ComplaintTasks(db: req.db, services: req.services).remind(
            caseID: try CasesAPIController.caseID(req), taskID: taskID, by: try req.requireStaff()))
    }

    @Sendable func report(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(TextRequest.self)
        return try await progress(req) { try await $0.report(caseID: $1, content: body.content ?? "", by: $2) }
    }

    @Sendable func instruct(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(TextRequest.self)
        return try await progress(req) { try await $0.instruct(caseID: $1, instruction: body.instruction ?? "", by: $2) }
    }

    @Sendable func responsibility(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(ComplaintProgress.ResponsibilityRequest.self)
        return try await progress(req) { try await $0.responsibility(caseID: $1, body, by: $2) }
    }

    @Sendable func reply(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(ComplaintProgress.ReplyRequest.self)
        return try await progress(req) { try await $0.reply(caseID: $1, body, by: $2) }
    }

    @Sendable func petition(req: Request) async throws -> CaseResponse {
        let body = try req.content.decode(TextRequest.self)
        return try await progress(req) { try await $0.petition(caseID: $1, content: body.content ?? "", by: $2) }
    }

    @Sendable func issueSlip(req: Request) async throws -> Response {
        let body = try req.content.decode(SlipRequest.self)
        let slip = try await ComplaintSlipFlow(db: req.db, services: req.services).issue(
            caseID: try CasesAPIController.caseID(req), kind: body.kind, .init(reason: body.reason, basis: body.basis), by: try req.requireStaff())
        return try await ComplaintSlipResponse(slip).encodeResponse(status: .created, for: req)
    }

    @Sendable func slipStep(req: Request) async throws -> ComplaintSlipResponse {
        let body = try req.content.decode(SlipStepRequest.self)
        let flow = ComplaintSlipFlow(db: req.db, services: req.services)
        let (caseID, staff) = (try CasesAPIController.caseID(req), try req.requireStaff())
        guard let kind = req.parameters.get("kind").flatMap(ComplaintSlipKind.init(rawValue:)) else { throw DomainError.notFound(subject: "complaint_slip") }
        let slip: ComplaintSlipRecord
        switch req.parameters.get("action") {
        case "customer-signed":
            guard kind == .discount else { throw DomainError.notFound(subject: "complaint_slip") }
            slip = try await flow.customerSigned(caseID: caseID, signedBy: body.signedBy ?? "", version: body.version, by: staff)
        case "receive":
            guard kind == .returnGoods else { throw DomainError.notFound(subject: "complaint_slip") }
            guard let quantity = body.receivedQty else { throw DomainError.validation(fields: ["received_qty": "error.field.required"]) }
            guard InputLimits.quantity.contains(quantity) else { throw DomainError.validation(fields: ["received_qty": "error.field.out_of_range"]) }
            slip = try await flow.receive(caseID: caseID, quantity: quantity, version: body.version, by: staff)
        case "book":
            slip = try await flow.book(caseID: caseID, kind: kind, voucherNo: body.voucherNo ?? "", version: body.version, by: staff)
        default: throw DomainError.notFound(subject: "complaint_slip")
        }
        return ComplaintSlipResponse(slip)
    }

    private func progress(_ req: Request, _ body: (ComplaintProgress, UUID, StaffUser) async throws -> ComplaintRecord) async throws -> CaseResponse {
        let id = try CasesAPIController.caseID(req)
        _ = try await body(ComplaintProgress(db: req.db, services: req.services), id, try req.requireStaff())
        guard let record = try await CaseRepository(db: req.db).find(id) else { throw DomainError.notFound(subject: "case") }
        return try await CasesAPIController.response(record, req: req)
    }
}
