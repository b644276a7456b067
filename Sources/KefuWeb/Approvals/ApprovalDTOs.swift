import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import Vapor

struct ApprovalResponse: Content {
    struct Step: Content {
        let position: Int
        let role: String
        let departmentID: UUID?
        let state: String
        let decidedBy: UUID?
        let decidedAt: Date?
        let comment: String?

        enum CodingKeys: String, CodingKey {
            case position, role, state, comment
            case departmentID = "department_id", decidedBy = "decided_by", decidedAt = "decided_at"
        }
    }

    let id: UUID
    let subjectType: String
    let subjectID: UUID
    let state: String
    let steps: [Step]
    let rule: String
    let rulebookVersion: String
    let requestedBy: UUID
    let createdAt: Date
    let decidedAt: Date?
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, state, steps, rule, version
        case subjectType = "subject_type", subjectID = "subject_id", rulebookVersion = "rulebook_version"
        case requestedBy = "requested_by", createdAt = "created_at", decidedAt = "decided_at"
    }

    init(_ approval: Approval) {
        id = approval.id; subjectType = approval.subjectType; subjectID = approval.subjectID
        state = approval.state.rawValue; rule = approval.ruleKey; rulebookVersion = approval.rulebookVersion
        requestedBy = approval.requestedBy; createdAt = approval.createdAt; decidedAt = approval.decidedAt
        version = approval.version
        steps = approval.steps.map {
            Step(position: $0.position, role: $0.role.rawValue, departmentID: $0.departmentID, state: $0.state.rawValue,
                 decidedBy: $0.decidedBy, decidedAt: $0.decidedAt, comment: $0.comment)
        }
    }
}

struct DecideApprovalRequest: Content {
    let comment: String?
    let version: Int?
}

extension Approval {
    /// Who may read an approval: its requester, whoever decided a step, whoever may decide now, and
    /// roles that read all approvals. Everyone else gets "not found".
    func isVisible(to staff: StaffUser) -> Bool {
        staff.has(.approvalsReadAll) || requestedBy == staff.id || canDecide(staff.decider)
            || steps.contains { $0.decidedBy == staff.id }
    }
}
