import FluentKit
import Foundation
import KefuDomain

extension ApprovalRecord {
    convenience init(_ approval: Approval) {
        self.init()
        id = approval.id
        update(from: approval)
        subjectType = approval.subjectType
        subjectID = approval.subjectID
        ruleKey = approval.ruleKey
        rulebookVersion = approval.rulebookVersion
        requestedBy = approval.requestedBy
        createdAt = approval.createdAt
    }

    func update(from approval: Approval) {
        state = approval.state.rawValue
        decidedAt = approval.decidedAt
        pendingRole = approval.currentStep?.role.rawValue
        pendingDepartmentID = approval.currentStep?.departmentID
        version = approval.version
    }

    func toDomain(steps: [ApprovalStepRecord]) throws -> Approval {
        guard let id, let state = ApprovalState(rawValue: state) else { throw StoreError.corrupt(Self.schema) }
        return Approval(id: id, subjectType: subjectType, subjectID: subjectID, state: state,
                        steps: try steps.sorted { $0.position < $1.position }.map { try $0.toDomain() },
                        ruleKey: ruleKey, rulebookVersion: rulebookVersion, requestedBy: requestedBy,
                        createdAt: createdAt, decidedAt: decidedAt, version: version)
    }
}

extension ApprovalStepRecord {
    convenience init(_ step: ApprovalStep, approvalID: UUID, at: Date) {
        self.init()
        id = RowIDs.next(at: at)
        self.approvalID = approvalID
        position = step.position
        role = step.role.rawValue
        departmentID = step.departmentID
        update(from: step)
    }

    func update(from step: ApprovalStep) {
        state = step.state.rawValue
        decidedBy = step.decidedBy
        decidedAt = step.decidedAt
        comment = step.comment
    }

    func toDomain() throws -> ApprovalStep {
        guard let role = Role(rawValue: role), let state = ApprovalStepState(rawValue: state) else {
            throw StoreError.corrupt(Self.schema)
        }
        return ApprovalStep(position: position, role: role, departmentID: departmentID, state: state,
                            decidedBy: decidedBy, decidedAt: decidedAt, comment: comment)
    }
}

extension DeadlineClockRecord {
    convenience init(_ clock: DeadlineClock) {
        self.init()
        id = clock.id
        subjectType = clock.subjectType
        subjectID = clock.subjectID
        kind = clock.kind
        unit = clock.unit.rawValue
        startedAt = clock.startedAt
        ruleKey = clock.ruleKey
        rulebookVersion = clock.rulebookVersion
        update(from: clock)
    }

    func update(from clock: DeadlineClock) {
        dueAt = clock.dueAt
        warnAt = clock.warnAt
        state = clock.state.rawValue
        pausedAt = clock.pausedAt
        remainingSeconds = clock.remainingSeconds
        warnedAt = clock.warnedAt
        breachedAt = clock.breachedAt
        metAt = clock.metAt
        version = clock.version
    }

    func toDomain() throws -> DeadlineClock {
        guard let id, let unit = TimeUnit(rawValue: unit), let state = ClockState(rawValue: state) else {
            throw StoreError.corrupt(Self.schema)
        }
        return DeadlineClock(id: id, subjectType: subjectType, subjectID: subjectID, kind: kind, unit: unit,
                             startedAt: startedAt, dueAt: dueAt, warnAt: warnAt, state: state, pausedAt: pausedAt,
                             remainingSeconds: remainingSeconds, warnedAt: warnedAt, breachedAt: breachedAt,
                             metAt: metAt, ruleKey: ruleKey, rulebookVersion: rulebookVersion, version: version)
    }
}

extension AuditEventRecord {
    convenience init(_ entry: AuditEntry) {
        self.init()
        id = entry.id; at = entry.at; actorID = entry.actorID; actorName = entry.actorName; action = entry.action
        subjectType = entry.subjectType; subjectID = entry.subjectID; summary = entry.summary
        ruleKey = entry.ruleKey; rulebookVersion = entry.rulebookVersion; requestID = entry.requestID
    }

    func toDomain() -> AuditEntry {
        AuditEntry(id: id ?? UUID(), at: at, actorID: actorID, actorName: actorName, action: action,
                   subjectType: subjectType, subjectID: subjectID, summary: summary, ruleKey: ruleKey,
                   rulebookVersion: rulebookVersion, requestID: requestID)
    }
}

/// The database holds something the domain cannot read (a value written by a newer version, a hand edit).
public enum StoreError: Error, Equatable {
    case corrupt(String)
}
