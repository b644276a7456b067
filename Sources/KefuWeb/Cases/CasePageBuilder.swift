import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Builds the case page: everything an agent needs on one screen, each part from one bounded query.
struct CasePageBuilder {
    let req: Request

    struct CasePage: Encodable {
        let shell: PageShell
        let c: CaseRow
        let description: String
        let version: Int
        let channelLabel: String
        let record: [Field]
        let deadlines: [DeadlineBadge]
        let customer: CustomerResponse?
        let customerTier: String?
        let history: [CaseRow]
        let notes: [NoteView]
        let attachments: [CaseAttachmentsAPI.AttachmentResponse]
        let links: [CaseRow]
        let timeline: [EventView]
        let can: Can
        let assignees: [SelectOption]
        let resolution: String?
        let escalationLabel: String?
        let service: ServicePanel?
        let complaint: ComplaintSummary?
        let followUp: FollowUp?
        /// 知识库 beside the case (KB-06).
        let kb: KBCasePanel
        /// 对话记录: the messages of the case's live chats (issue 9).
        let chatLines: [ChatTranscripts.Line]
        /// A resolved complaint that may not close yet: why, in words (CMP-24 / CMP-25).
        let closeBlockers: [String]
    }

    /// After resolution: the return visit (RTV-01) and the customer's survey link (SAT-04).
    struct FollowUp: Encodable { let visitID: UUID?; let visitLabel: String?; let surveys: Int; let canLink: Bool }

    /// The complaint form's headline on the case page; the form itself has its own page.
    struct ComplaintSummary: Encodable { let label: String; let decision: String?; let openTasks: Int }

    struct Field: Encodable { let label: String; let value: String }
    struct NoteView: Encodable { let author: String; let at: String; let body: String; let isInternal: Bool }
    /// A timeline entry in words: the rule by its title, its key only in the tooltip (issue 21 §4).
    struct EventView: Encodable { let at: String; let actor: String; let action: String; let summary: String; let rule: String?; let ruleKey: String? }
    struct Can: Encodable {
        let act: Bool, take: Bool, assign: Bool, pause: Bool, resume: Bool, resolve: Bool, close: Bool, reopen: Bool, escalate: Bool
        /// 质检: start an inspection of this case.
        var inspect = false
    }

    private func followUp(_ record: CaseRecord, status: CaseStatus, staff: StaffUser) async throws -> FollowUp? {
        guard status == .resolved || status == .closed else { return nil }
        let visits = ReturnVisitRepository(db: req.db)
        let visit = try await visits.latest(caseID: record.id!)
        let surveys = try await visits.surveyCount(caseID: record.id!)
        let state = visit.map { ReturnVisitResponse($0, attempts: [], now: req.services.now()).state }
        return FollowUp(visitID: staff.has(.returnVisitsWork) ? visit?.id : nil, visitLabel: state.map { req.t("rtv.state.\($0)") },
                        surveys: surveys, canLink: staff.has(.casesRead))
    }

    private func complaintSummary(_ record: CaseRecord) async throws -> ComplaintSummary? {
        guard let form = try await ComplaintRecord.find(caseID: record.id!, on: req.db) else { return nil }
        let open = try await ComplaintRepository(db: req.db).openTaskCount(caseID: record.id!)
        return ComplaintSummary(label: req.t("complaint.category.\(form.category)") + " · " + req.t("complaint.severity.\(form.severity)"),
                                decision: form.decisionMethod.map { req.t("complaint.method.\($0)") + " " + (form.decisionAmount ?? "") + " · "
                                    + req.t("complaint.decision_state.\(form.decisionState)") }, openTasks: open)
    }

    func render(_ record: CaseRecord, flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let db = req.db
        let scope = try await CaseScope.of(staff, db: db)
        let repository = CaseRepository(db: db)
        let status = CaseStatus(rawValue: record.status) ?? .new
        let canAct = CaseAccess.canAct(scope.viewer, record.parties)
        let customer = try await CustomerRepository(db: db).find(record.customerID)
        var historyFilter = CaseRepository.Filter()
        historyFilter.customerID = record.customerID
        let history = try await repository.list(scope: scope.repositoryScope, filter: historyFilter, after: nil, limit: 11).items.filter { $0.id != record.id }
        let linked = try await repository.find(ids: try await repository.links(caseID: record.id!).map(\.otherCaseID))
            .filter { CaseAccess.canRead(scope.viewer, $0.parties) }
        let clocks = try await DeadlineClockRepository(db: db).clocks(subjectType: "case", subjectID: record.id!)
        let events = try await AuditRepository(db: db).latest(subjectType: "case", subjectID: record.id!, limit: 200)
        let notes = try await repository.notes(caseID: record.id!, includeInternal: true)
        let departments = Dictionary(try await OrganizationRepository(db: db).departments().map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        var assignees: [SelectOption] = []
        if staff.has(.casesAssign), status.isOpen {
            // Issue 21 §1: the picker offers exactly the people the assign action accepts (CaseAssignment).
            let active = try await UserRepository(db: db).list(scope: try await UserScope.of(staff, db: db), query: nil, role: nil,
                                                                after: nil, limit: 200).items.filter(\.active)
            let offered = Set(CaseAssignment.candidates(scope.viewer, record.parties, among: active.map {
                CaseAssignment.Target(userID: $0.id!, teamID: $0.teamID, departmentID: $0.departmentID)
            }).map(\.userID))
            let users = active.filter { offered.contains($0.id!) }
            // CHN-18: the agents who suit this type of case first, the least loaded among them first.
            let load = try await CaseBoardQueries(db: db).load(scope: .all, stuckBefore: .distantPast, assignees: users.compactMap(\.id))
            let open = Dictionary(load.compactMap { row in row.assigneeID.map { ($0, row.open) } }, uniquingKeysWith: { a, _ in a })
            let type = CaseType(rawValue: record.type) ?? .other
            var ranked = CaseRouting.rank(users.map { .init(userID: $0.id!, skill: $0.skill.flatMap(Skill.init(rawValue:)), openCases: open[$0.id!] ?? 0) },
                                          for: type)
            // SHF-19: with a roster in use, the people on duty now come first (marked) and anyone away is
            // left out; without a roster everyone stays, as before.
            let onDuty = try await RosterSuggestions(db: db).onDuty(at: req.services.now())
            ranked = try await RosterSuggestions(db: db).order(ranked, onDuty: onDuty, at: req.services.now(), keep: record.assigneeID)
            let byID = Dictionary(users.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            assignees = ranked.compactMap { candidate in
                guard let user = byID[candidate.userID] else { return nil }
                let skill = candidate.skill.map { " · " + req.t("skill.\($0.rawValue)") } ?? ""
                let duty = onDuty.contains(candidate.userID) ? " · " + req.t("case.on_duty") : ""
                return SelectOption(value: user.id!.uuidString, label: "\(user.displayName)\(skill) · \(req.t("case.assignee_open_cases", [String(candidate.openCases)]))\(duty)",
                                    selected: user.id == record.assigneeID)
            }
        }
        let chain = req.services.rulebook.escalation.chain
        // CMP-24 / CMP-25: a complaint offers 结案 only when it may close; otherwise the page says what is missing.
        let closingUnmet = try await ComplaintRepository(db: db).closingFacts(caseID: record.id!).map {
            ComplaintClosing.unmet($0, rules: req.services.rulebook.complaints, at: req.services.now())
        } ?? []
        let row = try await CaseRow.rows([record], req: req)[0]
        let unmasked = staff.has(.customerPIIRead)
        // SEC-03: a readable case shows its customer in full to PII roles; the read is logged.
        if unmasked, customer != nil {
            try await CustomerPrivacy(db: db, staff: staff, services: req.services).logRead(record.customerID, via: "page.case")
        }
        let contact = unmasked ? record.contact : record.contact.map { PhoneNumber($0)?.masked ?? $0 }
        let fields: [Field] = [
            Field(label: req.t("case.call_at"), value: record.callAt.map { DisplayTime.format($0, req) } ?? ""),
            Field(label: req.t("case.caller_region"), value: record.callerRegion ?? ""),
            Field(label: req.t("case.contact"), value: contact ?? ""),
            Field(label: req.t("case.related_department"), value: record.relatedDepartmentID.flatMap { departments[$0] } ?? ""),
            Field(label: req.t("case.feedback_result"), value: record.feedbackResult ?? ""),
            Field(label: req.t("case.appointment_at"), value: record.appointmentAt.map { DisplayTime.format($0, req) } ?? ""),
        ]
        let page = CasePage(
            shell: PageShell(req, title: "\(record.number) \(record.subject)", flashError: flashError),
            c: row, description: record.description, version: record.version, channelLabel: req.t("case.channel.\(record.channel)"),
            record: fields, deadlines: clocks.map { DeadlineBadge($0, req: req) },
            customer: customer.map { CustomerResponse($0, unmasked: unmasked) },
            customerTier: customer?.tier.map { req.t("customer.tier.\($0)") },
            history: try await CaseRow.rows(Array(history.prefix(10)), req: req),
            notes: notes.map { NoteView(author: $0.authorName, at: DisplayTime.format($0.createdAt, req), body: $0.body, isInternal: $0.isInternal) },
            attachments: try await repository.attachments(caseID: record.id!).map(CaseAttachmentsAPI.AttachmentResponse.init),
            links: try await CaseRow.rows(linked, req: req),
            timeline: try await Self.timeline(events, req: req, db: db),
            can: Can(act: canAct,
                     take: record.assigneeID == nil && status.isOpen && staff.has(.casesCreate),
                     assign: !assignees.isEmpty,
                     pause: canAct && (status == .assigned || status == .inProgress),
                     resume: canAct && status == .pendingCustomer,
                     resolve: canAct && [.assigned, .inProgress, .pendingCustomer].contains(status),
                     close: canAct && status == .resolved && closingUnmet.isEmpty,
                     reopen: canAct && !status.isOpen,
                     escalate: canAct && status.isOpen && record.escalationLevel + 1 < chain.count, inspect: staff.has(.qaInspect)),
            assignees: assignees, resolution: record.resolution,
            escalationLabel: record.escalationLevel > 0 && record.escalationLevel < chain.count
                ? req.t("role.\(chain[record.escalationLevel].rawValue)") : nil,
            service: try await ServicePanel.build(for: record, canAct: canAct, req: req),
            complaint: try await complaintSummary(record),
            followUp: try await followUp(record, status: status, staff: staff),
            kb: try await KBCasePanel.build(for: record, canAct: canAct, req: req),
            chatLines: ChatTranscripts.lines(try await ChatTranscripts(db: db, services: req.services).messages(caseID: record.id!), req: req),
            closeBlockers: canAct && status == .resolved ? closingUnmet.map { req.t($0.refusalKey) } : [])
        return try await req.view.render("cases/show", page)
    }
}

extension CasePageBuilder {
    /// The case's audit trail as the page shows it: people by name, summaries and rules in words, local times.
    static func timeline(_ events: [AuditEntry], req: Request, db: any Database) async throws -> [EventView] {
        let actors = try await CasePeople.names(of: events.compactMap(\.actorID), db: db)
        let assignees = events.flatMap { $0.summary.components(separatedBy: "; ") }
            .compactMap { $0.hasPrefix("assignee ") ? String($0.dropFirst("assignee ".count)) : nil }
        let byUsername = Dictionary(try await UserRepository(db: db).find(usernames: assignees).map { ($0.username, $0.displayName) },
                                    uniquingKeysWith: { a, _ in a })
        let localization = req.application.services.localization
        let words = CaseTimelineWords(label: { localization.has($0, .zhHans) ? req.t($0) : nil },
                                      name: { byUsername[$0.lowercased()] }, time: { DisplayTime.format($0, req) })
        return events.map { event in
            let actor = event.actorID.flatMap { actors[$0] }
                ?? (["system", "customer"].contains(event.actorName) ? req.t("timeline.\(event.actorName)") : event.actorName)
            return EventView(at: DisplayTime.format(event.at, req), actor: actor, action: req.t("event.\(event.action)"),
                             summary: words.words(event.summary),
                             rule: event.ruleKey.map { req.ruleTitle($0) ?? req.t("timeline.rule") }, ruleKey: event.ruleKey)
        }
    }
}
