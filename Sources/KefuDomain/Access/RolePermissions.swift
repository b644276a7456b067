/// Roles → permissions: the table a reader checks against REQUIREMENTS §25 ("Roles and their decisions").
/// Module issues add their permissions here; a role not listed for a permission does not have it.
public enum RolePermissions {
    public static let table: [Role: Set<Permission>] = {
        let everyone: Set<Permission> = [.organizationRead, .approvalsDecide]
        let leaders: Set<Permission> = everyone.union([.deadlinesRead, .customerPIIRead])
        var table: [Role: Set<Permission>] = [:]
        for role in Role.allCases { table[role] = everyone }
        // 业务代表 handle their own customers: they see their details (首问负责制).
        table[.agent] = everyone.union([.customerPIIRead])
        table[.returnVisitor] = everyone.union([.customerPIIRead])
        table[.frontDesk] = everyone
        // 班长/值班长/主任/中心主任 manage people and deadlines (§25 rows 班長, 值班長, 客服部主任, 客服中心主任).
        for role in [Role.teamLeader, .shiftLeader, .deptManager] {
            table[role] = leaders.union([.rulebookRead])
        }
        // The audit trail spans every department: only center-wide roles read it (data scope `all`).
        for role in [Role.csDirector, .centerDirector] {
            table[role] = leaders.union([.rulebookRead, .auditRead])
        }
        table[.qaInspector] = everyone.union([.auditRead, .customerPIIRead])
        for role in [Role.vp, .gm, .leadership, .gmOffice] {
            table[role] = leaders.union([.rulebookRead, .approvalsReadAll, .auditRead])
        }
        table[.hr] = everyone.union([.rulebookRead])
        // 客户档案: front-line roles register customers; reviewers and managers look them up (masked
        // unless they also hold customer.pii.read).
        for role in [Role.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector, .returnVisitor, .frontDesk] {
            table[role, default: everyone].formUnion([.customersRead, .customersManage])
        }
        for role in [Role.qaInspector, .deptManager, .salesManager, .salesVP, .marketing, .vp, .gm, .leadership, .gmOffice] {
            table[role, default: everyone].insert(.customersRead)
        }
        // 工单: the front line opens and works cases; leaders assign; reviewers and management read.
        for role in [Role.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector, .returnVisitor, .frontDesk] {
            table[role, default: everyone].formUnion([.casesRead, .casesCreate])
        }
        // 网络客服 (issue 9): agents answer web chats; their leaders watch, join and take over.
        for role in [Role.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector] {
            table[role, default: everyone].insert(.chatServe)
        }
        for role in [Role.teamLeader, .shiftLeader, .csDirector, .centerDirector, .deptManager] {
            table[role, default: everyone].formUnion([.casesRead, .casesAssign])
        }
        for role in [Role.qaInspector, .salesManager, .salesVP, .vp, .gm, .leadership, .gmOffice] {
            table[role, default: everyone].insert(.casesRead)
        }
        // 客户投诉: CS, the departments with a part in the flow (CMP-05..09, CMP-35..39) and management.
        for role in [Role.agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector, .deptManager, .salesManager, .salesVP,
                     .marketing, .rnd, .finance, .warehouse, .vp, .gm, .gmOffice, .hr] {
            table[role, default: everyone].insert(.complaintsWork)
        }
        // CMP-40..42: the GM office reviews, the GM approves deductions, HR publishes the announcement.
        for role in [Role.gmOffice, .gm, .hr] {
            table[role, default: everyone].insert(.complaintsReview)
        }
        // 回访工位 (RTV): the return visitors and the CS leaders who oversee them.
        for role in [Role.returnVisitor, .teamLeader, .shiftLeader, .csDirector, .centerDirector] {
            table[role, default: everyone].insert(.returnVisitsWork)
        }
        // 问责 (§20): the CS directors, department managers, HR (人事行政部) and the general manager open,
        // investigate and decide accountability cases; everyone sees and answers their own.
        for role in [Role.csDirector, .centerDirector, .deptManager, .hr, .gm] {
            table[role, default: everyone].insert(.accountabilityManage)
        }
        // 质检 (§7, QA-01..06): the 质检员 inspects; the CS and center directors receive and use the results.
        for role in [Role.qaInspector, .csDirector, .centerDirector] {
            table[role, default: everyone].insert(.qaInspect)
        }
        // 知识库 (§8): every staff member reads the published entries and the phrase library; the editing
        // group (业务采编工位) and the directors who read notices edit them.
        for role in Role.allCases { table[role, default: everyone].insert(.kbRead) }
        for role in [Role.kbEditor, .csDirector, .centerDirector] {
            table[role, default: everyone].insert(.kbEdit)
        }
        // 报表 (§9, RPT): the leaders who compile them (值班长 RPT-03/04, 客服部主任 RPT-02), QA and management.
        for role in [Role.teamLeader, .shiftLeader, .qaInspector, .csDirector, .centerDirector, .vp, .gm, .leadership, .gmOffice] {
            table[role, default: everyone].insert(.reportsRead)
        }
        // Hand-ins: the CS leaders, the QA station (QA-09) and the return-visit station (RTV-05).
        for role in [Role.teamLeader, .shiftLeader, .csDirector, .centerDirector, .qaInspector, .returnVisitor] {
            table[role, default: everyone].insert(.reportsSubmit)
        }
        // 前台 (§17): the front desk and the administrative office that runs it.
        for role in [Role.frontDesk, .adminOffice] {
            table[role, default: everyone].insert(.frontDeskWork)
        }
        // 前台考核 (PRM-19..21): the administrative department that runs the desk, and HR.
        for role in [Role.adminOffice, .hr] {
            table[role, default: everyone].insert(.frontDeskAssess)
        }
        // 培训 (TRN): the 客服部主任 trains and archives (TRN-01), the 值班长 organizes study (TRN-02), the leaders
        // mentor newcomers (TRN-03), the administrative department trains the front desk (TRN-05), HR runs courses.
        for role in [Role.csDirector, .centerDirector, .shiftLeader, .teamLeader, .hr, .adminOffice] {
            table[role, default: everyone].insert(.trainingManage)
        }
        // 考评与晋升 (PRM-14..18, PRM-23): the 客服部主任 and 中心主任 run the assessment, department leaders nominate,
        // HR keeps the records.
        for role in [Role.csDirector, .centerDirector, .hr] {
            table[role, default: everyone].insert(.evaluationsManage)
        }
        // 通知 (FDN): the desk passes notices on (FDN-01), the office and HR issue them, and the CS leaders post
        // the shift-start notices agents read (KB-13).
        for role in [Role.frontDesk, .adminOffice, .hr, .gmOffice, .deptManager, .csDirector, .centerDirector, .teamLeader, .shiftLeader] {
            table[role, default: everyone].insert(.noticesPublish)
        }
        // 奖罚 (§14): the managers who supervise at any time (ATT-25), QA (质检) and HR record violations and
        // rewards; finance and management read the statements that pay follows (ATT-02).
        for role in [Role.teamLeader, .shiftLeader, .csDirector, .centerDirector, .deptManager, .qaInspector, .hr] {
            table[role, default: everyone].formUnion([.finesRecord, .finesRead])
        }
        for role in [Role.finance, .gm, .gmOffice, .vp, .leadership] {
            table[role, default: everyone].insert(.finesRead)
        }
        // 会议 (§19): the 客服部主任 chairs the 班务会 and 业务代表会议, leaders run the daily meeting, the front desk
        // organizes and takes minutes (MTG-05); everyone sees and answers their own invitations.
        for role in [Role.csDirector, .centerDirector, .teamLeader, .shiftLeader, .frontDesk] {
            table[role, default: everyone].insert(.meetingsManage)
        }
        // 排班 (SHF-19): the 客服主管 (班长/值班长) and the CS directors build the roster; the leaders on duty run
        // the roll call (with the 质检员's common problems, QA-06) and write the duty log (RPT-03).
        for role in [Role.teamLeader, .shiftLeader, .csDirector, .centerDirector] {
            table[role, default: everyone].formUnion([.rosterManage, .attendanceRollCall, .dutyLogWrite])
        }
        table[.qaInspector, default: everyone].insert(.attendanceRollCall)
        // 会议室 (§18): the administrative office manages the rooms and keeps the usage book (MR-01..03); anyone books.
        table[.adminOffice, default: everyone].insert(.roomsManage)
        // SEC-01..03: bulk export of customer data only for the center's directors (and administrators).
        for role in [Role.csDirector, .centerDirector] { table[role, default: everyone].insert(.customersExport) }
        // 导医/咨询 (HOS, ORG-19): the front desk guides patients; the consultation line (业务代表 under the 主任)
        // answers and registers consultations; the CS leaders oversee both.
        for role in [Role.frontDesk, .agent, .teamLeader, .shiftLeader, .csDirector, .centerDirector] {
            table[role, default: everyone].insert(.hospitalDesk)
        }
        // 值日与安全 (SEC): the 主管 (值班长) and CS directors check the duty cleaners (SEC-16); the administrative
        // office runs the safety inspections (SEC-06). Team leaders allocate only when no supervisor is on shift (SEC-17).
        for role in [Role.shiftLeader, .csDirector, .centerDirector, .adminOffice] {
            table[role, default: everyone].insert(.safetyManage)
        }
        table[.admin] = Set(Permission.allCases)
        return table
    }()

    /// The union of the permissions of all the user's roles.
    public static func permissions(of roles: some Sequence<Role>) -> Set<Permission> {
        roles.reduce(into: Set<Permission>()) { $0.formUnion(table[$1] ?? []) }
    }
}

/// How much of the center's data a user sees (API.md "Cases — Access").
public enum DataScope: Int, Comparable, Sendable, Codable {
    case own = 0, team, department, all

    public static func < (lhs: DataScope, rhs: DataScope) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The widest scope among the roles: directors and admins see everything; leaders their team, or their
    /// department when they lead no team; everyone else their own records.
    public static func of(roles: some Sequence<Role>, leadsTeam: Bool) -> DataScope {
        roles.map { role -> DataScope in
            switch role {
            case .admin, .csDirector, .centerDirector, .vp, .gm, .leadership, .gmOffice, .qaInspector: .all
            case .deptManager, .salesManager, .salesVP: .department
            case .teamLeader, .shiftLeader: leadsTeam ? .team : .department
            default: .own
            }
        }.max() ?? .own
    }
}
