import Foundation

/// Who may read, work on and assign a case (API.md "Cases — Access"): the owner and the assignee read
/// and act; an agent may take an unassigned case of their department for themself; team leaders and
/// above assign within their scope (team, or department for a leader with no team); directors and admins
/// see everything. Repositories apply the same scope in their queries; this decides single cases.
public struct CaseViewer: Sendable, Equatable {
    public let userID: UUID
    public let scope: DataScope
    public let departmentID: UUID?
    public let teamsLed: Set<UUID>
    /// Holds `cases.assign` (leaders and above).
    public let mayAssign: Bool
    /// Works cases (holds `cases.create`): read-only reviewers (QA, VP) may see but not take a case.
    public let mayTake: Bool

    public init(userID: UUID, scope: DataScope, departmentID: UUID?, teamsLed: Set<UUID>, mayAssign: Bool, mayTake: Bool = true) {
        self.userID = userID; self.scope = scope; self.departmentID = departmentID; self.teamsLed = teamsLed
        self.mayAssign = mayAssign; self.mayTake = mayTake
    }
}

/// The parts of a case that decide access.
public struct CaseParties: Sendable, Equatable {
    public let ownerID: UUID
    public let assigneeID: UUID?
    public let departmentID: UUID?
    public let teamID: UUID?

    public init(ownerID: UUID, assigneeID: UUID?, departmentID: UUID?, teamID: UUID?) {
        self.ownerID = ownerID; self.assigneeID = assigneeID; self.departmentID = departmentID; self.teamID = teamID
    }
}

public enum CaseAccess {
    /// Read: a party to the case, anyone whose scope covers it, or an agent looking at the unassigned
    /// queue of their own department (so they can take a case, 首问 stays with the creator).
    public static func canRead(_ viewer: CaseViewer, _ parties: CaseParties) -> Bool {
        if isParty(viewer, parties) || inScope(viewer, parties) { return true }
        return parties.assigneeID == nil && parties.departmentID != nil && parties.departmentID == viewer.departmentID
    }

    /// Act (notes, pause, resolve …): the owner, the assignee, or a leader whose scope covers the case.
    public static func canAct(_ viewer: CaseViewer, _ parties: CaseParties) -> Bool {
        isParty(viewer, parties) || (viewer.mayAssign && inScope(viewer, parties))
    }

    /// Assign to `target` (who belongs to `targetTeam`/`targetDepartment`): the scope rule of
    /// `CaseAssignment`, kept here for callers that ask about one person.
    public static func canAssign(_ viewer: CaseViewer, _ parties: CaseParties, to target: UUID,
                                 targetTeam: UUID?, targetDepartment: UUID?) -> Bool {
        CaseAssignment.mayAssign(viewer, parties, to: .init(userID: target, teamID: targetTeam, departmentID: targetDepartment))
    }

    static func isParty(_ viewer: CaseViewer, _ parties: CaseParties) -> Bool {
        parties.ownerID == viewer.userID || parties.assigneeID == viewer.userID
    }

    static func inScope(_ viewer: CaseViewer, _ parties: CaseParties) -> Bool {
        switch viewer.scope {
        case .all: true
        case .department: parties.departmentID != nil && parties.departmentID == viewer.departmentID
        case .team: parties.teamID.map(viewer.teamsLed.contains) ?? false
        case .own: false
        }
    }
}
