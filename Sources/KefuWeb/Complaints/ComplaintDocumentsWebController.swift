import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The printable documents of a complaint: the internal 客户投诉处理表 (never for the customer, CMP-19),
/// the reply letter the customer receives instead (CMP-19/25), the report the VP in charge reads and
/// instructs on (CMP-15), and the 销货折扣证明单 / 产品退货单 with their copies (CMP-36/37/39).
struct ComplaintDocumentsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", ":id", "complaint", "print", access: .permission(.complaintsWork), summary: "Printable internal complaint form", use: form)
        routes.on(.GET, "cases", ":id", "complaint", "letter", access: .permission(.complaintsWork), summary: "Reply letter to the customer (CMP-19)",
                  use: letter)
        routes.on(.GET, "cases", ":id", "complaint", "report", access: .permission(.complaintsWork), summary: "The VP's report page (CMP-15)", use: report)
        routes.on(.GET, "cases", ":id", "complaint", "slips", ":kind", "print", access: .permission(.complaintsWork),
                  summary: "Printable discount certificate or return slip", use: slip)
    }

    struct Field: Encodable { let label: String; let value: String }
    struct DocumentPage: Encodable {
        let shell: PageShell, organization: String, title: String, subtitle: String, isInternal: Bool
        let fields: [Field], headers: [String], rows: [[String]], copies: String?, signatures: [Field], back: String
    }

    private func load(_ req: Request) async throws -> ComplaintAccess {
        try await ComplaintAccess.load(try CasesAPIController.caseID(req), staff: try req.requireStaff(), db: req.db, roles: ComplaintAccess.formReaders)
    }

    @Sendable func form(req: Request) async throws -> View {
        let access = try await load(req)
        let (record, c) = (access.caseRecord, access.complaint)
        let t = { (key: String) in req.t(key) }
        let departments = Dictionary(try await OrganizationRepository(db: req.db).departments().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        // Issue 21 §11: the decision's approvers sign the form with their opinions (副总经理批示 included).
        let opinions = try await ComplaintApprovalOpinions.of(complaintID: c.id!, req: req)
        let fields: [Field] = [
            Field(label: t("complaint.category"), value: t("complaint.category.\(c.category)") + (c.cause.map { " · " + $0 } ?? "")),
            Field(label: t("complaint.severity"), value: t("complaint.severity.\(c.severity)")),
            Field(label: t("complaint.order_no"), value: c.orderNo ?? ""), Field(label: t("complaint.batch_no"), value: c.batchNo ?? ""),
            Field(label: t("complaint.shipped_on"), value: c.shippedOn ?? ""),
            Field(label: t("complaint.defective_qty"), value: c.defectiveQuantity.map(String.init) ?? ""),
            Field(label: t("complaint.spec_quantity"), value: c.specQuantity ?? ""),
            Field(label: t("complaint.customer_request"), value: c.customerRequest),
            Field(label: t("complaint.sample_received"), value: c.sampleReceived == true ? t("complaint.yes") + " · " + (c.sampleLocation ?? "") : t("complaint.no")),
            Field(label: t("complaint.marketing_opinion"), value: c.marketingOpinion ?? ""),
            Field(label: t("complaint.responsible_department"), value: c.responsibleDepartmentID.flatMap { departments[$0] } ?? ""),
            Field(label: t("complaint.track_improvement"), value: c.trackImprovement.map { $0 ? t("complaint.yes") : t("complaint.no") } ?? ""),
            Field(label: t("complaint.loss"), value: [c.lossBasis, c.lossAmount].compactMap { $0 }.joined(separator: " · ")),
            Field(label: t("complaint.penalty_type"), value: c.penaltyType.map { t("complaint.penalty.\($0)") } ?? ""),
            Field(label: t("complaint.method"), value: c.decisionMethod.map { t("complaint.method.\($0)") + " · " + (c.decisionAmount ?? "") } ?? ""),
            Field(label: t("complaint.solution"), value: c.decisionReason ?? ""),
            Field(label: t("complaint.decision"), value: t("complaint.decision_state.\(c.decisionState)")),
            Field(label: t("complaint.return_qty"), value: c.returnQuantity.map(String.init) ?? ""),
            Field(label: t("complaint.instruction"), value: c.instructionText ?? opinions.vicePresident),
            Field(label: t("complaint.approval_steps"), value: opinions.lines.joined(separator: "\n")),
        ]
        return try await req.view.render("complaints/document", DocumentPage(
            shell: PageShell(req, title: t("complaint.form")), organization: req.services.rulebook.organization.name, title: t("complaint.form"),
            subtitle: "\(t("case.number")) \(record.number) · \(record.subject) · \(DisplayTime.format(record.createdAt, req))", isInternal: true,
            fields: fields, headers: [], rows: [], copies: t("complaint.form_copies"),
            signatures: [Field(label: t("complaint.sign.cs"), value: ""), Field(label: t("complaint.sign.approver"), value: opinions.signers)],
            back: "/cases/\(record.id!)/complaint"))
    }

    struct LetterPage: Encodable {
        let shell: PageShell, organization: String, salutation: String, opening: String, reply: String?, nextReply: String?
        let date: String, number: String, caseID: UUID
    }

    /// CMP-19: what the customer receives — the answer, never the form or its internal judgements.
    @Sendable func letter(req: Request) async throws -> View {
        let access = try await load(req)
        let (record, c) = (access.caseRecord, access.complaint)
        let customer = try await CustomerRepository(db: req.db).find(record.customerID)
        let calendar = req.services.rulebook.calendar
        return try await req.view.render("complaints/letter", LetterPage(
            shell: PageShell(req, title: req.t("complaint.letter_title")), organization: req.services.rulebook.organization.name,
            salutation: req.t("complaint.letter_salutation", [customer?.name ?? ""]),
            opening: req.t("complaint.letter_opening", [calendar.localDate(of: record.createdAt).description, record.subject]),
            reply: c.replyText, nextReply: c.nextReplyAt.map { req.t("complaint.letter_next_reply", [DisplayTime.format($0, req)]) },
            date: calendar.localDate(of: req.services.now()).description, number: record.number, caseID: record.id!))
    }

    struct ReportPage: Encodable {
        let shell: PageShell, organization: String, number: String, subject: String, reportTo: String, fields: [Field]
        let content: String, submitted: String, instruction: String?, instructed: String, canInstruct: Bool, caseID: UUID
    }

    @Sendable func report(req: Request) async throws -> View {
        let access = try await load(req)
        let (record, c) = (access.caseRecord, access.complaint)
        guard let content = c.reportText else { throw DomainError.notFound(subject: "complaint_report") }
        let staff = try req.requireStaff()
        let reportTo = req.services.rulebook.complaints.reportTo
        let tasks = try await ComplaintTaskRecord.forCase(record.id!, on: req.db)
        let t = { (key: String) in req.t(key) }
        return try await req.view.render("complaints/report", ReportPage(
            shell: PageShell(req, title: t("complaint.report_title")), organization: req.services.rulebook.organization.name,
            number: record.number, subject: record.subject, reportTo: t("role.\(reportTo.rawValue)"),
            fields: [Field(label: t("complaint.customer_request"), value: c.customerRequest),
                     Field(label: t("complaint.claim_amount"), value: c.claimAmount ?? "")]
                + tasks.filter { $0.result != nil }.map { Field(label: t("complaint.task.\($0.kind)"), value: $0.result ?? "") },
            content: content, submitted: "\(c.reportBy ?? "") \(c.reportAt.map { DisplayTime.format($0, req) } ?? "")",
            instruction: c.instructionText, instructed: "\(c.instructedBy ?? "") \(c.instructedAt.map { DisplayTime.format($0, req) } ?? "")",
            canInstruct: staff.roles.contains(reportTo) && c.instructedAt == nil, caseID: record.id!))
    }

    @Sendable func slip(req: Request) async throws -> View {
        let access = try await load(req)
        let record = access.caseRecord
        guard let kind = req.parameters.get("kind").flatMap(ComplaintSlipKind.init(rawValue:)),
              let slip = try await ComplaintSlipRecord.find(caseID: record.id!, kind: kind.rawValue, on: req.db) else {
            throw DomainError.notFound(subject: "complaint_slip")
        }
        let t = { (key: String) in req.t(key) }
        let customer = try await CustomerRepository(db: req.db).find(record.customerID)
        var fields = [Field(label: t("customers.name"), value: customer?.name ?? ""),
                      Field(label: t("complaint.method"), value: t("complaint.method.\(slip.method)")),
                      Field(label: t("complaint.amount"), value: slip.amount ?? "")]
        var signatures = [Field(label: t("complaint.sign.issuer"), value: slip.createdBy),
                          Field(label: t("complaint.sign.sales_vp"), value: t("complaint.slip_state.\(slip.state)"))]
        if kind == .returnGoods {
            fields += [Field(label: t("complaint.return_reason"), value: slip.reason ?? ""), Field(label: t("complaint.return_basis"), value: slip.basis ?? ""),
                       Field(label: t("complaint.approved_qty"), value: slip.approvedQuantity.map(String.init) ?? ""),
                       Field(label: t("complaint.received_qty"), value: slip.receivedQuantity.map(String.init) ?? "")]
            signatures.append(Field(label: t("complaint.sign.warehouse"), value: slip.receivedBy ?? ""))
        } else {
            signatures.append(Field(label: t("complaint.sign.customer"), value: slip.customerSignedBy ?? ""))
        }
        signatures.append(Field(label: t("complaint.sign.finance"), value: slip.voucherNo.map { "\(slip.bookedBy ?? "") · \($0)" } ?? ""))
        return try await req.view.render("complaints/document", DocumentPage(
            shell: PageShell(req, title: t("complaint.slip.\(kind.rawValue)")), organization: req.services.rulebook.organization.name,
            title: t("complaint.slip.\(kind.rawValue)"), subtitle: "\(t("case.number")) \(record.number) · \(DisplayTime.format(slip.createdAt, req))",
            isInternal: false, fields: fields, headers: [], rows: [], copies: t("complaint.copies.\(kind.rawValue)"), signatures: signatures,
            back: "/cases/\(record.id!)/complaint"))
    }
}
