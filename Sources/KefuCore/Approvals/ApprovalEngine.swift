import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The approvals engine every module uses (ARCHITECTURE §3): start a chain, decide its steps,
/// notify whoever must act next, audit each decision with its rule key, and hand the finished
/// approval to the module's outcome handler — each in one transaction.
public struct ApprovalEngine: Sendable {
    package let db: any Database
    package let services: AppServices

    public init(db: any Database, services: AppServices) { self.db = db; self.services = services }

    /// Starts an approval; call it inside the module's own transaction (pass that `db`).
    public func start(chain: ApprovalChain, subjectType: String, subjectID: UUID, requestedBy: UUID, requesterName: String) async throws -> Approval {
        let approval = Approval.start(chain: chain, subjectType: subjectType, subjectID: subjectID, requestedBy: requestedBy,
                                      rulebookVersion: services.rulebook.versionShort, at: services.now(), id: services.newID())
        try await ApprovalRepository(db: db).insert(approval)
        try await audit(approval, actorID: requestedBy, actorName: requesterName, action: "approval.requested",
                        summary: "steps: \(chain.steps.map(\.role.rawValue).joined(separator: " → "))")
        try await notifyCurrentStep(approval)
        return approval
    }

    public func decide(id: UUID, _ decision: ApprovalDecision, by staff: StaffUser, comment: String?, expectedVersion: Int?) async throws -> Approval {
        try await db.transaction { db in
            let engine = ApprovalEngine(db: db, services: services)
            let repository = ApprovalRepository(db: db)
            guard var approval = try await repository.find(id) else { throw DomainError.notFound(subject: "approval") }
            let loaded = approval.version
            if let expectedVersion, expectedVersion != loaded { throw DomainError.staleVersion(current: loaded) }
            let role = approval.currentStep?.role.rawValue ?? "-"
            if approval.state == .pending, let check = services.approvalGuards.check(for: approval.subjectType) { try await check(approval, staff, db) }
            try approval.decide(decision, by: staff.decider, comment: comment, at: services.now())
            try await repository.save(approval, expectedVersion: loaded)
            try await engine.audit(approval, actorID: staff.id, actorName: staff.username, action: "approval.\(decision.rawValue)",
                                   summary: "step \(role): pending → \(decision == .approve ? "approved" : "rejected"); approval: \(approval.state.rawValue)")
            try await engine.afterDecision(approval)
            return approval
        }
    }

    /// The requester withdraws the subject (a leave request, a swap): its pending approval is withdrawn with it,
    /// in the caller's transaction. No outcome handler runs — the subject already changed.
    package static func withdrawWithSubject(_ approvalID: UUID?, db: any Database, at now: Date) async throws {
        guard let approvalID, var approval = try await ApprovalRepository(db: db).find(approvalID) else { return }
        let loaded = approval.version
        try approval.withdraw(by: approval.requestedBy, at: now)
        try await ApprovalRepository(db: db).save(approval, expectedVersion: loaded)
    }

    private func afterDecision(_ approval: Approval) async throws {
        if approval.state == .pending { return try await notifyCurrentStep(approval) }
        try await Notifier(db: db, services: services).notify([approval.requestedBy], .init(
            kind: "approval.finished", titleKey: "notice.approval_\(approval.state.rawValue)", titleArgument: "",
            link: "/approvals/\(approval.id)", subjectType: "approval", subjectID: approval.id,
            dedupeKey: "approval:\(approval.id):finished", titleWordKey: "subject.\(approval.subjectType)"))
        if let handler = services.approvalOutcomes.handler(for: approval.subjectType) {
            try await handler(ApprovalOutcome(approval: approval, db: db, services: services))
        }
    }

    private func notifyCurrentStep(_ approval: Approval) async throws {
        guard let step = approval.currentStep else { return }
        try await Notifier(db: db, services: services).notify(role: step.role, departmentID: step.departmentID, .init(
            kind: "approval.waiting", titleKey: "notice.approval_waiting", titleArgument: "",
            link: "/approvals/\(approval.id)", subjectType: "approval", subjectID: approval.id,
            dedupeKey: "approval:\(approval.id):step:\(step.position)", titleWordKey: "subject.\(approval.subjectType)"))
    }

    private func audit(_ approval: Approval, actorID: UUID?, actorName: String, action: String, summary: String) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: actorID, actorName: actorName, action: action, subjectType: "approval",
            subjectID: approval.id, summary: summary, ruleKey: approval.ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
