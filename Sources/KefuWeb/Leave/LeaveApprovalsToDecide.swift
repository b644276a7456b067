import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The leave page's 去审批 links lead to the leave requests and swaps the reader can actually decide (the
/// inbox narrowed to that kind) — and are not shown when there are none: a team leader sees the team's
/// requests but, by default, the CS director decides them (LV-07), while the leader decides swaps (SWP-02).
enum LeaveApprovalsToDecide {
    /// How many of each wait for the reader now, counted as the inbox shows them (role, department, the swap
    /// party's own team leader); bounded by the inbox's page.
    static func count(_ req: Request) async throws -> (leave: Int, swaps: Int) {
        let staff = try req.requireStaff()
        guard staff.has(.approvalsDecide) else { return (0, 0) }
        let repository = ApprovalRepository(db: req.db)
        let presenter = ApprovalPresenter(req: req)
        var counts: [Int] = []
        for subject in [LeaveRequests.subjectType, ShiftSwaps.subjectType] {
            let waiting = try await repository.list(.waiting(for: staff, subjectType: subject), after: nil, limit: 50).items
            counts.append(try await presenter.views(waiting).filter(\.canDecide).count)
        }
        return (counts[0], counts[1])
    }

    /// "请假由客服部主任、客服中心主任审批（请假审批权限，LV-07）" — who decides leave, for a reader who does not.
    static func whoDecides(_ req: Request) -> String {
        let rules = req.services.rulebook.leave
        var roles: [Role] = []
        for role in rules.approvalByDays.map(\.role) + [rules.officialBusinessApprover] where !roles.contains(role) { roles.append(role) }
        return req.t("leave.team_decided_by", [roles.map { req.t("role.\($0.rawValue)") }.joined(separator: "、"),
                                               ApprovalRuleWords.title(LeaveApprovalChain.byDaysRule, req)])
    }
}
