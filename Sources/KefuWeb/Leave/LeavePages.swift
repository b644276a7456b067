import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Page contexts of the leave and swap pages; labels are resolved in Swift (Leaf cannot nest `#t`).
enum LeavePages {
    struct Option: Encodable { let value: String, label: String, selected: Bool }

    struct Line: Encodable {
        let id: UUID, who: String, type: String, period: String, days: String, state: String, stateKey: String
        let absenteeism: Bool, handInDue: Bool, canWithdraw: Bool
    }

    struct Total: Encodable { let type: String, days: String }

    struct LeavePage: Encodable {
        let shell: PageShell
        let types: [Option], values: [String: String]
        let mine: [Line], team: [Line], totals: [Total], year: Int, pending: Int, absenteeism: Int
        let seesTeam: Bool, month: String
        /// Who will decide the request on the form (LV-07 / LV-16), before it is submitted.
        let chain: Chain
        /// Leave requests and swaps waiting for this reader's decision: the 去审批 links show only when there are some.
        let leaveToDecide: Int, swapsToDecide: Int
        /// When the reader decides no leave: who does, in words (a team leader sees the team's requests here).
        let teamDecidedBy: String?
    }

    /// "审批：客服部主任 王芳" and the rule that makes it; the key only for the tooltip.
    struct Chain: Encodable { let decidedBy: String, because: String, ruleKey: String }

    struct LeaveDetailPage: Encodable {
        let shell: PageShell
        let line: Line, fields: [Field], approvalLink: String?, canHandIn: Bool
    }

    struct Field: Encodable { let label: String, value: String }

    struct CalendarPage: Encodable {
        struct Day: Encodable { let day: Int, holiday: Bool, weekend: Bool }
        struct Cell: Encodable { let mark: String, pending: Bool }
        struct Row: Encodable { let name: String, cells: [Cell] }
        let shell: PageShell
        let month: String, previous: String, next: String
        let days: [Day], rows: [Row], legend: [Total]
    }

    struct SwapLine: Encodable { let id: UUID, requester: String, counterpart: String, swapDate: String, returnDate: String, state: String, canWithdraw: Bool, missed: Bool }

    struct SwapsPage: Encodable {
        let shell: PageShell
        let mine: [Option], theirs: [Option], values: [String: String]
        let swaps: [SwapLine], maxPerMonth: Int
    }

    struct PrintPage: Encodable {
        let shell: PageShell
        let title: String, fields: [Field], signatures: [Field]
    }
}
