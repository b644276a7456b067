import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Open-flame work (SEC-05) and private use of company resources (SEC-09/10): raised in advance, approved
/// through the ApprovalEngine by the rulebook's role, and only then started (else 422 naming the key).
struct SafetyRequests {
    let db: any Database
    let services: AppServices
    static let subjectType = "safety_request"

    struct Input: Sendable { var kind = "", purpose = "", location: String?, measures: String?, startsAt: Date?, endsAt: Date? }

    func file(_ input: Input, by staff: StaffUser) async throws -> SafetyRequestRecord {
        var fields: [String: String] = [:]
        let kind = SafetyRequestKind(rawValue: input.kind)
        if kind == nil { fields["kind"] = "error.field.choice" }
        let purpose = input.purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        if purpose.isEmpty { fields["purpose"] = "error.field.required" } else if purpose.count > 1_000 { fields["purpose"] = "error.field.too_long" }
        let measures = input.measures?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        // SEC-05: "採取安全措施後方可" — the measures are stated with the request.
        if kind == .openFlame, measures == nil { fields["measures"] = "error.safety.measures_required" }
        if let measures, measures.count > 1_000 { fields["measures"] = "error.field.too_long" }
        let location = input.location?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if let location, location.count > 200 { fields["location"] = "error.field.too_long" }
        if input.startsAt == nil { fields["starts_at"] = "error.field.required" }
        if input.endsAt == nil { fields["ends_at"] = "error.field.required" }
        if let s = input.startsAt, let e = input.endsAt, e <= s { fields["ends_at"] = "error.safety.ends_before_start" }
        guard fields.isEmpty, let kind, let startsAt = input.startsAt, let endsAt = input.endsAt else { throw DomainError.validation(fields: fields) }
        let now = services.now(), rules = services.rulebook.safety
        guard startsAt > now else { throw DomainError.ruleViolation(rule: kind == .privateUse ? "safety.private_use_notice" : kind.ruleKey, reason: "error.safety.in_advance") }
        if kind == .privateUse, startsAt < services.rulebook.calendar.deadline(from: now, adding: rules.privateUseNotice) {
            throw DomainError.ruleViolation(rule: "safety.private_use_notice", reason: "error.safety.in_advance")
        }
        let approver = kind == .openFlame ? rules.openFlameApprover : rules.privateUseApprover
        // Team-level roles approve within the requester's department; company-wide roles (保卫, 行政) for all.
        let departmentID: UUID? = [Role.teamLeader, .shiftLeader, .deptManager].contains(approver) ? staff.departmentID : nil
        return try await db.transaction { db in
            let record = SafetyRequestRecord()
            record.kind = kind.rawValue; record.requesterID = staff.id; record.requesterName = staff.displayName; record.departmentID = staff.departmentID
            record.purpose = purpose; record.location = location; record.measures = measures; record.startsAt = startsAt; record.endsAt = endsAt
            record.state = SafetyRequestState.pending.rawValue; record.createdAt = now; record.version = 1
            try await record.create(on: db)
            let approval = try await ApprovalEngine(db: db, services: services).start(
                chain: ApprovalChain(steps: [ApprovalStepSpec(role: approver, departmentID: departmentID)], ruleKey: kind.ruleKey),
                subjectType: Self.subjectType, subjectID: record.id!, requestedBy: staff.id, requesterName: staff.displayName)
            record.approvalID = approval.id
            try await record.save(on: db)
            try await audit(db, record.id!, staff.id, staff.username, "safety.requested", "\(kind.rawValue): \(purpose.prefix(80))", rule: kind.ruleKey)
            return record
        }
    }

    /// SEC-05: the work starts only once approved (else 422 naming the approver key); once (a second → 409).
    func start(_ id: UUID, by staff: StaffUser) async throws -> SafetyRequestRecord {
        guard let record = try await SafetyRequestRecord.find(id, on: db) else { throw DomainError.notFound(subject: "safety_request") }
        guard record.requesterID == staff.id || staff.has(.safetyManage) else { throw DomainError.forbidden(reason: "error.safety.not_yours") }
        guard let kind = SafetyRequestKind(rawValue: record.kind) else { throw DomainError.notFound(subject: "safety_request") }
        switch SafetyRequestState(rawValue: record.state) {
        case .approved: break
        case .started, .finished: throw DomainError.conflict(reason: "error.safety.already_started")
        default: throw DomainError.ruleViolation(rule: kind.ruleKey, reason: "error.safety.not_approved")
        }
        return try await db.transaction { db in
            try await VersionGuard.claim(db, table: SafetyRequestRecord.schema, id: id, expected: record.version)
            record.state = SafetyRequestState.started.rawValue; record.startedAt = services.now(); record.version += 1
            try await record.save(on: db)
            try await audit(db, id, staff.id, staff.username, "safety.started", kind.rawValue, rule: kind.ruleKey)
            return record
        }
    }

    /// The approval's decision lands on the request and the requester is told.
    static func register(in services: inout AppServices) {
        services.approvalOutcomes.register(subjectType: subjectType) { outcome in
            guard let record = try await SafetyRequestRecord.find(outcome.approval.subjectID, on: outcome.db) else { return }
            switch outcome.approval.state {
            case .approved: record.state = SafetyRequestState.approved.rawValue
            case .rejected: record.state = SafetyRequestState.rejected.rawValue
            case .withdrawn: record.state = SafetyRequestState.withdrawn.rawValue
            case .pending: return
            }
            record.version += 1
            try await record.save(on: outcome.db)
            try await Notifier(db: outcome.db, services: outcome.services).notify([record.requesterID], .init(
                kind: "safety.decided", titleKey: "notice.safety_request_\(record.state)", titleArgument: record.purpose, link: "/safety-requests",
                subjectType: subjectType, subjectID: record.id!, dedupeKey: "safety_request:\(record.id!):\(record.state)"))
        }
    }

    func audit(_ db: any Database, _ id: UUID, _ actorID: UUID?, _ actor: String, _ action: String, _ summary: String, rule: String) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: actorID, actorName: actor, action: action, subjectType: Self.subjectType, subjectID: id,
            summary: summary, ruleKey: rule, rulebookVersion: services.rulebook.versionShort))
    }
}
