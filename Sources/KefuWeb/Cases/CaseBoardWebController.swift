import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/cases/board`: the team leader's view (CHN-14 工单滞留, issue 3 §7) — load per agent, the unassigned
/// queue, breached cases and cases nobody has touched for `cases.backlog_after`.
struct CaseBoardWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", "board", access: .permission(.casesAssign), summary: "Team-leader board", use: board)
    }

    struct AgentLine: Encodable {
        let name: String
        let href: String
        let open: Int
        let breached: Int
        let stuck: Int
    }

    struct BoardPage: Encodable {
        let shell: PageShell
        let totals: [String: Int]
        let agents: [AgentLine]
        let unassigned: [CaseRow]
        let breached: [CaseRow]
        let stuck: [CaseRow]
        let backlogAfter: String
        /// SHF-19: who is rostered on duty now (the leader's team when they lead one).
        let onDuty: [OnDutyResponse.Person]
        /// ESC-07: reports to a superior waiting for this leader's instruction (待批示的请示报告).
        let upwardAwaiting: Int
        /// CHN-16: open chats whose answer is due within 20 s or overdue (在线对话).
        let chatsAtRisk: [ChatBoardLine]
    }

    @Sendable func board(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let scope = try await CaseScope.of(staff, db: req.db)
        let rules = req.services.rulebook
        let now = req.services.now()
        let stuckBefore = Self.instant(before: now, rules.cases.backlogAfter, rules.calendar)
        let load = try await CaseBoardQueries(db: req.db).load(scope: scope.repositoryScope, stuckBefore: stuckBefore)
        let names = try await CasePeople.names(of: load.compactMap(\.assigneeID), db: req.db)
        let agents = load.filter { $0.assigneeID != nil }
            .map { AgentLine(name: names[$0.assigneeID!] ?? "—", href: "/cases?view=all&assignee_id=\($0.assigneeID!)", open: $0.open,
                             breached: $0.breached, stuck: $0.stuck) }
            .sorted { ($0.breached, $0.stuck, $0.open) > ($1.breached, $1.stuck, $1.open) }
        let repository = CaseRepository(db: req.db)
        let open = CaseStatus.allCases.filter(\.isOpen)
        var unassigned = CaseRepository.Filter(); unassigned.statuses = open
        let hasQueue = scope.narrowToAssignmentQueue(&unassigned)
        var breached = CaseRepository.Filter(); breached.breached = true; breached.statuses = open
        var stuck = CaseRepository.Filter(); stuck.updatedBefore = stuckBefore; stuck.statuses = open
        func rows(_ filter: CaseRepository.Filter) async throws -> [CaseRow] {
            try await CaseRow.rows(try await repository.list(scope: scope.repositoryScope, filter: filter, after: nil, limit: 20).items, req: req)
        }
        let totals = ["open": load.map(\.open).reduce(0, +), "unassigned": hasQueue ? try await repository.count(scope: scope.repositoryScope, filter: unassigned) : 0,
                      "breached": load.map(\.breached).reduce(0, +), "stuck": load.map(\.stuck).reduce(0, +)]
        return try await req.view.render("cases/board", BoardPage(
            shell: PageShell(req, title: req.t("board.title")), totals: totals, agents: agents,
            unassigned: hasQueue ? try await rows(unassigned) : [], breached: try await rows(breached), stuck: try await rows(stuck),
            backlogAfter: "\(rules.cases.backlogAfter.value) \(req.t("unit.\(rules.cases.backlogAfter.unit.rawValue)"))",
            onDuty: try await RosterView(db: req.db, services: req.services).onDuty(at: now, teamID: Self.dutyTeam(staff, scope)),
            upwardAwaiting: try await UpwardReportLists(db: req.db, services: req.services).awaitingCount(staff),
            chatsAtRisk: try await ChatBoardLine.lines(scope: scope.repositoryScope, req: req)))
    }

    /// A team leader sees their own team on duty; department and center-wide readers everyone.
    static func dutyTeam(_ staff: StaffUser, _ scope: CaseScope) -> UUID? {
        if case .teams(let led, _, _) = scope.repositoryScope, led.count == 1 { return led[0] }
        return nil
    }

    /// The latest instant whose `duration` (business units counted on the calendar) has passed by `now`:
    /// a case untouched since before it is stuck. `deadline(from:adding:)` only goes forward and grows with
    /// its start, so the instant is found by bisection (to the minute) over the last 60 days.
    static func instant(before now: Date, _ duration: DurationSpec, _ calendar: BusinessCalendar) -> Date {
        var low = now.addingTimeInterval(-60 * 86_400), high = now
        guard calendar.deadline(from: low, adding: duration) <= now else { return low }
        while high.timeIntervalSince(low) > 60 {
            let middle = low.addingTimeInterval(high.timeIntervalSince(low) / 2)
            if calendar.deadline(from: middle, adding: duration) <= now { low = middle } else { high = middle }
        }
        return low
    }
}
