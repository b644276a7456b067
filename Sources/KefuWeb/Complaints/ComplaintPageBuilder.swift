import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The complaint page (客户投诉处理表 with all its parts): the form, the departments' tasks and their
/// deadlines, the VP report, responsibility and loss, the decision and its approval, the replies to the
/// customer, and after closure the slips. Each part shows the form for the caller's next action.
struct ComplaintPageBuilder {
    let req: Request

    struct Field: Encodable { let label: String; let value: String }
    struct TaskView: Encodable {
        let id: UUID, kindLabel: String, stepLabel: String, department: String, partner: String?, state: String, stateLabel: String
        let result: String?, due: String, overdue: Bool, doneBy: String?, doneAt: String?, version: Int, canComplete: Bool
    }
    struct SlipView: Encodable {
        let kind: String, title: String, state: String, stateLabel: String, fields: [Field], version: Int
        let canSign: Bool, canReceive: Bool, canBook: Bool, approvalID: UUID?
    }
    struct Can: Encodable {
        let openAccountability: Bool
        let handle: Bool, decide: Bool, refile: Bool, petition: Bool, instruct: Bool, issueDiscount: Bool, issueReturn: Bool, addTask: Bool
        /// Chasing a task and answering the customer: until the complaint closes (CMP-24 / CMP-25).
        let remind: Bool, reply: Bool
    }
    /// One closing condition (CMP-24 / CMP-25) in words, and whether it holds.
    struct ClosingLine: Encodable { let label: String; let met: Bool }
    struct Page: Encodable {
        let shell: PageShell
        let c: CaseRow
        let categoryLabel: String, severity: String, severityLabel: String, decisionStateLabel: String
        let form: [Field]
        let deadlines: [DeadlineBadge]
        let tasks: [TaskView]
        let report: ComplaintResponse.Report?
        let reportDue: String?
        let responsibility: [Field]
        let decision: [Field]
        let decisionState: String?
        let reply: [Field]
        let slips: [SlipView]
        let can: Can
        let taskKinds: [SelectOption], departments: [SelectOption], units: [SelectOption], methods: [SelectOption], faults: [SelectOption]
        let lossBases: [SelectOption], penaltyTypes: [SelectOption], people: [SelectOption]
        let replyChannels: [SelectOption]
        /// Until the complaint closes: what closing needs and what is still missing.
        let closing: [ClosingLine]
        let complaintVersion: Int
        let refiledFrom: UUID?
    }

    func render(caseID: UUID, flashError: String? = nil, flash: String? = nil) async throws -> View {
        let staff = try req.requireStaff()
        let db = req.db
        let access = try await ComplaintAccess.load(caseID, staff: staff, db: db, roles: ComplaintAccess.formReaders)
        let (record, complaint) = (access.caseRecord, access.complaint)
        let tasks = try await ComplaintTaskRecord.forCase(caseID, on: db)
        let slips = try await ComplaintRepository(db: db).slips(caseID: caseID)
        let departments = try await OrganizationRepository(db: db).departments()
        let departmentName = Dictionary(departments.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let clocks = try await DeadlineClockRepository(db: db).clocks(subjectType: CaseClocks.subjectType, subjectID: caseID)
        let taskClocks = try await DeadlineClockRepository(db: db).clocks(subjectType: ComplaintTasks.clockKind, subjectIDs: tasks.compactMap(\.id))
        let breachedTasks = Set(taskClocks.filter { $0.state == .breached }.map(\.subjectID))
        let people = try await UserRepository(db: db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items.filter(\.active)
        let names = Dictionary(people.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let status = CaseStatus(rawValue: record.status) ?? .new
        let open = status.isOpen
        let now = req.services.now()
        let rules = req.services.rulebook.complaints
        func t(_ key: String) -> String { req.t(key) }
        func time(_ date: Date?) -> String { date.map { DisplayTime.format($0, req) } ?? "" }
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String) -> [SelectOption] where T.RawValue == String {
            T.allCases.map { SelectOption(value: $0.rawValue, label: t("\(prefix).\($0.rawValue)")) }
        }
        let method = complaint.decisionMethod.flatMap(ComplaintSettlementMethod.init(rawValue:))
        let approved = complaint.decisionState == ComplaintDecisionState.approved.rawValue
        let closed = status == .closed
        let slipKind = method.flatMap(ComplaintSlipKind.forMethod)
        let closing = try await closingLines(caseID: caseID, closed: closed)
        let page = Page(
            shell: PageShell(req, title: "\(record.number) \(t("complaint.form"))", flash: flash, flashError: flashError),
            c: try await CaseRow.rows([record], req: req)[0],
            categoryLabel: t("complaint.category.\(complaint.category)"), severity: complaint.severity,
            severityLabel: t("complaint.severity.\(complaint.severity)"), decisionStateLabel: t("complaint.decision_state.\(complaint.decisionState)"),
            form: [
                Field(label: t("complaint.cause"), value: complaint.cause ?? ""),
                Field(label: t("complaint.order_no"), value: complaint.orderNo ?? ""),
                Field(label: t("complaint.batch_no"), value: complaint.batchNo ?? ""),
                Field(label: t("complaint.shipped_on"), value: complaint.shippedOn ?? ""),
                Field(label: t("complaint.defective_qty"), value: complaint.defectiveQuantity.map(String.init) ?? ""),
                Field(label: t("complaint.spec_quantity"), value: complaint.specQuantity ?? ""),
                Field(label: t("complaint.customer_request"), value: complaint.customerRequest),
                Field(label: t("complaint.claim_amount"), value: complaint.claimAmount ?? ""),
                Field(label: t("complaint.sample_received"), value: complaint.sampleReceived == true
                      ? t("complaint.yes") + (complaint.sampleLocation.map { " · " + $0 } ?? "") : t("complaint.no")),
                Field(label: t("complaint.marketing_opinion"), value: complaint.marketingOpinion ?? ""),
                Field(label: t("complaint.next_reply_at"), value: time(complaint.nextReplyAt)),
            ],
            deadlines: clocks.map { DeadlineBadge($0, req: req) },
            tasks: tasks.map { task in
                TaskView(id: task.id!, kindLabel: t("complaint.task.\(task.kind)"), stepLabel: t("complaint.step.\(task.step)"),
                         department: departmentName[task.ownerDepartmentID] ?? "", partner: task.partner, state: task.state,
                         stateLabel: t("complaint.task_state.\(task.state)"), result: task.result, due: time(task.dueAt),
                         overdue: task.state == "open" && (breachedTasks.contains(task.id!) || task.dueAt < now),
                         doneBy: task.doneBy, doneAt: task.doneAt.map { DisplayTime.format($0, req) }, version: task.version,
                         canComplete: task.state == "open" && !closed && (access.canAct || staff.departmentID == task.ownerDepartmentID))
            },
            report: complaint.reportText.map { ComplaintResponse.Report(content: $0, submittedAt: complaint.reportAt, submittedBy: complaint.reportBy,
                                                                        instruction: complaint.instructionText, instructedAt: complaint.instructedAt,
                                                                        instructedBy: complaint.instructedBy) },
            reportDue: clocks.first { $0.kind == ComplaintTasks.reportClockKind }.map { DisplayTime.format($0.dueAt, req) },
            responsibility: complaint.fault == nil ? [] : [
                Field(label: t("complaint.responsible_department"), value: complaint.responsibleDepartmentID.flatMap { departmentName[$0] } ?? ""),
                Field(label: t("complaint.fault"), value: complaint.fault.map { t("complaint.fault.\($0)") } ?? ""),
                Field(label: t("complaint.track_improvement"), value: complaint.trackImprovement == true ? t("complaint.yes") : t("complaint.no")),
                Field(label: t("complaint.loss"), value: [complaint.lossBasis, complaint.lossAmount].compactMap { $0 }.joined(separator: " · ")),
                Field(label: t("complaint.penalty_type"), value: (complaint.penaltyType.map { t("complaint.penalty.\($0)") } ?? "")
                      + (complaint.penaltyPersonID.flatMap { names[$0] }.map { " · " + $0 } ?? "")),
            ],
            decision: method == nil ? [] : [
                Field(label: t("complaint.method"), value: method.map { t("complaint.method.\($0.rawValue)") } ?? ""),
                Field(label: t("complaint.amount"), value: complaint.decisionAmount ?? ""),
                Field(label: t("complaint.return_qty"), value: complaint.returnQuantity.map(String.init) ?? ""),
                Field(label: t("complaint.solution"), value: complaint.decisionReason ?? ""),
                Field(label: t("complaint.approver"), value: t("role.\(rules.approvalRole(forAmount: Decimal(string: complaint.decisionAmount ?? "0") ?? 0).rawValue)")),
            ],
            decisionState: method == nil ? nil : complaint.decisionState,
            reply: complaint.replyText == nil ? [] : [
                Field(label: t("complaint.reply_channel"), value: complaint.replyChannel.map { t("complaint.channel.\($0)") } ?? ""),
                Field(label: t("complaint.reply_at"), value: time(complaint.repliedAt)),
                Field(label: t("complaint.reply_content"), value: complaint.replyText ?? ""),
            ],
            slips: slips.map { slip in slipView(slip, staff: staff, time: time) },
            can: Can(openAccountability: staff.has(.accountabilityManage),
                     handle: access.canAct && open,
                     decide: access.canAct && open && complaint.decisionState != ComplaintDecisionState.pending.rawValue && !approved,
                     refile: access.canAct && (status == .closed || status == .resolved),
                     petition: access.canAct && approved && method == .notEstablished && complaint.petitionApprovalID == nil,
                     instruct: staff.roles.contains(rules.reportTo) && complaint.reportAt != nil && complaint.instructedAt == nil,
                     issueDiscount: closed && approved && slipKind == .discount && !slips.contains { $0.kind == "discount" },
                     issueReturn: closed && approved && slipKind == .returnGoods && !slips.contains { $0.kind == "return" },
                     addTask: access.canAct && open, remind: access.canAct && !closed, reply: access.canAct && !closed),
            taskKinds: options(ComplaintTaskKind.self, "complaint.task"),
            departments: [SelectOption(value: "", label: t("complaint.department_by_kind"))] + departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name) },
            // CMP-16: the person judges the responsible unit and the fault; nothing is chosen for them.
            units: [SelectOption(value: "", label: t("complaint.choose_unit"), selected: complaint.responsibleDepartmentID == nil)]
                + departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id == complaint.responsibleDepartmentID) },
            methods: options(ComplaintSettlementMethod.self, "complaint.method"),
            faults: [SelectOption(value: "", label: t("complaint.choose_fault"), selected: complaint.fault == nil)]
                + ComplaintFault.allCases.map { SelectOption(value: $0.rawValue, label: t("complaint.fault.\($0.rawValue)"), selected: $0.rawValue == complaint.fault) },
            lossBases: [SelectOption(value: "", label: "—")] + rules.lossBases.map { SelectOption(value: $0, label: $0) },
            penaltyTypes: rules.penaltyTypes.map { SelectOption(value: $0.rawValue, label: t("complaint.penalty.\($0.rawValue)")) },
            people: [SelectOption(value: "", label: "—")] + people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) },
            replyChannels: options(ComplaintReplyChannel.self, "complaint.channel"), closing: closing,
            complaintVersion: complaint.version, refiledFrom: complaint.refiledFromID)
        return try await req.view.render("complaints/show", page)
    }

    /// CMP-24 / CMP-25: the closing conditions in force, each with whether it holds now; none once closed.
    private func closingLines(caseID: UUID, closed: Bool) async throws -> [ClosingLine] {
        guard !closed, let facts = try await ComplaintRepository(db: req.db).closingFacts(caseID: caseID) else { return [] }
        let rules = req.services.rulebook.complaints
        let unmet = ComplaintClosing.unmet(facts, rules: rules, at: req.services.now())
        return rules.closeRequires.map { condition in
            ClosingLine(label: req.t("complaint.closing.\(condition.rawValue)", [String(facts.openTasks)]), met: !unmet.contains(condition))
        }
    }

    private func slipView(_ slip: ComplaintSlipRecord, staff: StaffUser, time: (Date?) -> String) -> SlipView {
        let t = { (key: String) in req.t(key) }
        let state = ComplaintSlipState(rawValue: slip.state)
        var fields = [Field(label: t("complaint.method"), value: t("complaint.method.\(slip.method)")),
                      Field(label: t("complaint.amount"), value: slip.amount ?? "")]
        if slip.kind == ComplaintSlipKind.returnGoods.rawValue {
            fields += [Field(label: t("complaint.return_reason"), value: slip.reason ?? ""), Field(label: t("complaint.return_basis"), value: slip.basis ?? ""),
                       Field(label: t("complaint.approved_qty"), value: slip.approvedQuantity.map(String.init) ?? ""),
                       Field(label: t("complaint.received_qty"), value: slip.receivedQuantity.map { "\($0) · \(slip.receivedBy ?? "") \(time(slip.receivedAt))" } ?? "")]
        } else {
            fields.append(Field(label: t("complaint.customer_signed"), value: slip.customerSignedBy.map { "\($0) \(time(slip.customerSignedAt))" } ?? ""))
        }
        fields.append(Field(label: t("complaint.voucher_no"), value: slip.voucherNo.map { "\($0) · \(slip.bookedBy ?? "") \(time(slip.bookedAt))" } ?? ""))
        let isReturn = slip.kind == ComplaintSlipKind.returnGoods.rawValue
        let finance = staff.roles.contains(.finance) || staff.roles.contains(.admin)
        return SlipView(kind: slip.kind, title: t("complaint.slip.\(slip.kind)"), state: slip.state, stateLabel: t("complaint.slip_state.\(slip.state)"),
                        fields: fields, version: slip.version, canSign: !isReturn && state == .approved,
                        canReceive: isReturn && (state == .approved || state == .received) && (staff.roles.contains(.warehouse) || staff.roles.contains(.admin)),
                        canBook: finance && (isReturn ? state == .received : state == .customerSigned), approvalID: slip.approvalID)
    }
}
