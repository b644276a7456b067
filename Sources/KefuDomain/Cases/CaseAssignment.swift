import Foundation

/// The one assignment-scope rule (issue 21 §1): whom a person may give a case to, and so which cases
/// their 待分派 queue lists and which names the 派给 picker offers. The queue, the picker and the
/// assign action all ask this, so a list never offers what the action refuses.
///
/// - An agent (no `cases.assign`) takes an unassigned case of their department for themself (CHN-20).
/// - A leader assigns within their scope (ESC-13): a team leader to the members of the teams they lead,
///   a department leader to anyone in the department, a director or admin to anyone.
public enum CaseAssignment {
    /// A person a case could go to, as far as the scope rule needs to know them.
    public struct Target: Sendable, Equatable {
        public let userID: UUID
        public let teamID: UUID?
        public let departmentID: UUID?

        public init(userID: UUID, teamID: UUID?, departmentID: UUID?) {
            self.userID = userID; self.teamID = teamID; self.departmentID = departmentID
        }
    }

    /// Which unassigned cases a person's 待分派 queue lists: exactly those they may give to someone.
    public enum Queue: Sendable, Equatable {
        /// Every unassigned case (directors, admins).
        case all
        /// The unassigned cases of one department (a department leader; an agent taking work).
        case department(UUID)
        /// The unassigned cases of the teams a team leader leads.
        case teams(Set<UUID>)
        /// Nothing: the person neither assigns nor takes cases (QA, a VP reviewing).
        case none
    }

    /// May `viewer` give the case with `parties` to `target`?
    public static func mayAssign(_ viewer: CaseViewer, _ parties: CaseParties, to target: Target) -> Bool {
        if target.userID == viewer.userID, viewer.mayTake, parties.assigneeID == nil, CaseAccess.canRead(viewer, parties) { return true }
        guard viewer.mayAssign, CaseAccess.inScope(viewer, parties) else { return false }
        switch viewer.scope {
        case .all: return true
        case .department: return target.departmentID != nil && target.departmentID == viewer.departmentID
        case .team: return target.teamID.map(viewer.teamsLed.contains) ?? false
        case .own: return false
        }
    }

    /// The names the picker offers: the candidates `viewer` may give this case to, in the given order.
    public static func candidates(_ viewer: CaseViewer, _ parties: CaseParties, among people: [Target]) -> [Target] {
        people.filter { mayAssign(viewer, parties, to: $0) }
    }

    /// The queue `viewer` dispatches from. A leader's queue is their assigning scope; someone who only
    /// takes work sees their department's unassigned cases; nobody else has a queue.
    public static func queue(of viewer: CaseViewer) -> Queue {
        if viewer.mayAssign {
            switch viewer.scope {
            case .all: return .all
            case .department: return viewer.departmentID.map(Queue.department) ?? .none
            case .team: return viewer.teamsLed.isEmpty ? takerQueue(viewer) : .teams(viewer.teamsLed)
            case .own: return takerQueue(viewer)
            }
        }
        return takerQueue(viewer)
    }

    /// Does `viewer`'s 待分派 queue list this unassigned case? True exactly when some person could be
    /// offered for it, so every listed case has a non-empty picker.
    public static func isQueued(_ parties: CaseParties, for viewer: CaseViewer) -> Bool {
        guard parties.assigneeID == nil else { return false }
        switch queue(of: viewer) {
        case .all: return true
        case .department(let id): return parties.departmentID == id
        case .teams(let led): return parties.teamID.map(led.contains) ?? false
        case .none: return false
        }
    }

    private static func takerQueue(_ viewer: CaseViewer) -> Queue {
        guard viewer.mayTake, let department = viewer.departmentID else { return .none }
        return .department(department)
    }
}
