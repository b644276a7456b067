/// What a route or a use case needs. Every route declares one `Access` (see `RouteAccess` in KefuWeb);
/// roles grant permissions through `RolePermissions` (REQUIREMENTS §25).
public enum Permission: String, CaseIterable, Codable, Sendable, Hashable {
    /// Read departments, teams and the staff directory.
    case organizationRead = "organization.read"
    /// Create and change departments and teams.
    case organizationManage = "organization.manage"
    /// Create users, change their roles, reset passwords.
    case usersManage = "users.manage"
    /// Read the effective rulebook.
    case rulebookRead = "rulebook.read"
    /// Upload and schedule rulebook versions, cancel a scheduled one (GOV-02, administrators).
    case rulebookManage = "rulebook.manage"
    /// Export customer lists in bulk (CSV); every export is logged (SEC-01..03).
    case customersExport = "customers.export"
    /// See and decide approval steps addressed to one's roles.
    case approvalsDecide = "approvals.decide"
    /// Read every approval, not only one's own.
    case approvalsReadAll = "approvals.read_all"
    /// Read the audit trail of any subject.
    case auditRead = "audit.read"
    /// See deadline clocks and breaches of the center.
    case deadlinesRead = "deadlines.read"
    /// Look up customers (客户档案) and their history.
    case customersRead = "customers.read"
    /// Register and change customers.
    case customersManage = "customers.manage"
    /// Customer phone numbers and addresses unmasked (ARCHITECTURE §3).
    case customerPIIRead = "customer.pii.read"
    /// See cases in one's data scope (and the unassigned queue of one's department).
    case casesRead = "cases.read"
    /// Open cases (受理) from any channel.
    case casesCreate = "cases.create"
    /// Answer live web chats in the agent console (网络客服, issue 9).
    case chatServe = "chat.serve"
    /// Assign and reassign cases within one's scope (team leaders and above).
    case casesAssign = "cases.assign"
    /// Configure outbound webhooks (administrators).
    case webhooksManage = "webhooks.manage"
    /// Run operational jobs from the web (scanner run-once).
    case operationsRun = "operations.run"
    /// Work on complaint forms as a department: tasks, slips, the complaint list (CMP-05..09, CMP-35..39).
    case complaintsWork = "complaints.work"
    /// The monthly review of closed complaints and its outcomes (CMP-40..42).
    case complaintsReview = "complaints.review"
    /// Work the return-visit station's queue: attempts, closing as unreachable, weekly analysis (RTV).
    case returnVisitsWork = "return_visits.work"
    /// Open accountability cases (问责), run the investigation, decide and file them (§20). Reviewing an
    /// appeal belongs to the rulebook's `accountability.appeal_to` role, not to a permission.
    case accountabilityManage = "accountability.manage"
    /// Quality inspection (质检, §7): score scorecards, see every scorecard, the quota board, the sampler and
    /// the weekly/monthly summaries. Agents read and dispute their own scorecards without it; the dispute is
    /// decided by the rulebook's `quality.dispute_decided_by` role.
    case qaInspect = "qa.inspect"
    /// Search and read the published knowledge base and the phrase library; acknowledge new entries (KB-06, KB-12/13).
    case kbRead = "kb.read"
    /// Edit knowledge-base entries through the editing flow and manage the phrase library (采编, KB-01..10, KB-14).
    case kbEdit = "kb.edit"
    /// Read the reports (RPT): workload, weekly and monthly reports, complaint and satisfaction statistics.
    /// Team leaders see their own teams' workload only (`ReportAccess`).
    case reportsRead = "reports.read"
    /// Hand in the daily, weekly and monthly reports to the CS director (值班长/班长, RPT-02/03/04).
    case reportsSubmit = "reports.submit"
    /// Work the front desk (前台, §17): take phone messages for staff and see every message's state (FDP).
    case frontDeskWork = "front_desk.work"
    /// Publish internal notices to people, teams, departments or everyone, with confirmation deadlines (FDN, KB-13).
    case noticesPublish = "notices.publish"
    /// Assess the front desk monthly (PRM-19..21) and read its workload counts (RPT-15).
    case frontDeskAssess = "front_desk.assess"
    /// Plan training sessions, record and archive results, assign mentors to newcomers (TRN-01..06).
    case trainingManage = "training.manage"
    /// Close the agents' monthly evaluation, give quarterly grades and titles, nominate for promotion (PRM).
    case evaluationsManage = "evaluations.manage"
    /// Record violations (违规登记) and rewards for others (ATT-05..31, ATT-17/26): managers, QA and HR.
    case finesRecord = "fines.record"
    /// Read anyone's fines and rewards: the month's overview and any person's statement. Everyone reads their own.
    case finesRead = "fines.read"
    /// Schedule the CS center's meetings, take attendance, record minutes and decisions (MTG-01..05, MTG-14).
    case meetingsManage = "meetings.manage"
    /// Shift templates and the roster (排班表, SHF-19): build the week grid, copy weeks.
    case rosterManage = "roster.manage"
    /// Run the roll call of a shift and see the team's sign-ins (点名点评, SHF-01/07, QA-06).
    case attendanceRollCall = "attendance.roll_call"
    /// Write the shift leader's duty log (值班日志, RPT-03) and read everyone's.
    case dutyLogWrite = "duty_log.write"
    /// Manage the meeting rooms (capacity, equipment) and the room usage book: every booking, equipment checks,
    /// study-material loans (行政部, MR-01..06). Approving bookings follows `meeting_rooms.approver`.
    case roomsManage = "rooms.manage"
    /// Hospital mode (HOS, ORG-19): work the guide desk (visits through the guidance flow), the consultation
    /// register and the department requests. The routes answer 404 unless `hospital.enabled`.
    case hospitalDesk = "hospital.desk"
    /// Duties, inspections and safety (SEC-04..21): generate and check duties (pass/fail), reassign them, run the
    /// safety inspections, see every finding and request. Assignees act on their own duties without it.
    case safetyManage = "safety.manage"
}

/// The permission a route needs: public routes need none, `authenticated` only a logged-in staff member.
public enum Access: Hashable, Sendable, CustomStringConvertible {
    case `public`
    case authenticated
    case permission(Permission)

    public var description: String {
        switch self {
        case .public: "public"
        case .authenticated: "authenticated"
        case .permission(let p): p.rawValue
        }
    }
}
