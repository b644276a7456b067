import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: a demo organization with Chinese names — departments, teams, and 20 staff who together
/// hold every role — so that a new installation can be tried at once. Idempotent: existing names are kept.
public enum DemoOrganization {
    static let departments: [(String, DepartmentKind)] = [
        ("客服中心", .customerService), ("销售部", .sales), ("营销部", .marketing), ("研发部", .rnd), ("财务部", .finance),
        ("仓储部", .warehouse), ("人力资源部", .hr), ("行政部", .adminOffice), ("总经理办公室", .gmOffice), ("前台", .frontDesk),
    ]

    /// username, name, department, team, roles, grade
    static let staff: [(String, String, String, String?, [Role], Grade?)] = [
        ("zhangwei", "张伟", "客服中心", nil, [.centerDirector, .admin], .reserveSupervisor),
        ("wangfang", "王芳", "客服中心", nil, [.csDirector, .returnVisitor], .senior),
        ("lina", "李娜", "客服中心", "客服一组", [.teamLeader, .shiftLeader], .senior),
        ("liuyang", "刘洋", "客服中心", "客服二组", [.teamLeader], .senior),
        ("chenjing", "陈静", "客服中心", "客服一组", [.agent], .intermediate),
        ("yangli", "杨丽", "客服中心", "客服一组", [.agent], .junior),
        ("zhaolei", "赵磊", "客服中心", "客服二组", [.agent], .intermediate),
        ("huangmin", "黄敏", "客服中心", "客服二组", [.agent], .probation),
        ("zhoujie", "周杰", "客服中心", "回访质检组", [.qaInspector], .senior),
        ("wuxia", "吴霞", "客服中心", "回访质检组", [.returnVisitor, .kbEditor], .intermediate),
        ("xuqiang", "徐强", "销售部", nil, [.salesManager, .deptManager], nil),
        ("sunhui", "孙慧", "销售部", nil, [.salesVP], nil),
        ("maning", "马宁", "营销部", nil, [.marketing], nil),
        ("zhuhao", "朱浩", "研发部", nil, [.rnd], nil),
        ("hujun", "胡军", "财务部", nil, [.finance], nil),
        ("guoping", "郭平", "仓储部", nil, [.warehouse], nil),
        ("linxue", "林雪", "人力资源部", nil, [.hr], nil),
        ("heyong", "何勇", "总经理办公室", nil, [.gmOffice, .vp], nil),
        ("gaoming", "高明", "总经理办公室", nil, [.gm, .leadership], nil),
        ("luoyan", "罗燕", "前台", nil, [.frontDesk, .adminOffice], nil),
    ]

    static let teams: [(String, String, String)] = [("客服一组", "客服中心", "lina"), ("客服二组", "客服中心", "liuyang"),
                                                     ("回访质检组", "客服中心", "wangfang")]

    public static func load(_ app: Application, password: String, progress: (String) -> Void) async throws {
        let services = app.services
        let organization = OrganizationRepository(db: app.db)
        var departmentIDs: [String: UUID] = Dictionary(uniqueKeysWithValues: try await organization.departments().map { ($0.name, $0.id!) })
        for (index, (name, kind)) in departments.enumerated() where departmentIDs[name] == nil {
            departmentIDs[name] = try await CreateDepartment(db: app.db, services: services).run(name: name, kind: kind, actor: nil).id
            progress("[\(index + 1)/\(departments.count)] 部门 \(name)")
        }
        var teamIDs: [String: UUID] = Dictionary(uniqueKeysWithValues: try await organization.teams().map { ($0.name, $0.id!) })
        for (name, department, _) in teams where teamIDs[name] == nil {
            teamIDs[name] = try await CreateTeam(db: app.db, services: services).run(name: name, departmentID: departmentIDs[department]!, leaderID: nil, actor: nil).id
            progress("班组 \(name)")
        }
        let users = UserRepository(db: app.db)
        for (index, person) in staff.enumerated() where try await users.find(username: person.0) == nil {
            _ = try await CreateUser(db: app.db, services: services, hashing: app.passwordHashing).run(
                .init(username: person.0, displayName: person.1, password: password, roles: person.4,
                      departmentID: departmentIDs[person.2], teamID: person.3.flatMap { teamIDs[$0] }, grade: person.5,
                      skill: person.4.contains(.agent) ? .allRound : nil, hiredOn: LocalDate(year: 2024, month: 3, day: 1 + index)),
                actor: (nil, "demo"))
            progress("[\(index + 1)/\(staff.count)] 员工 \(person.1) (\(person.0)): \(person.4.map(\.rawValue).joined(separator: ","))")
        }
        for (name, _, leader) in teams {
            if let team = try await organization.team(teamIDs[name]!), team.leaderID == nil, let user = try await users.find(username: leader) {
                team.leaderID = user.id
                try await team.save(on: app.db)
            }
        }
        let calendar = services.rulebook.calendar
        progress("日历 calendar: \(calendar.timeZone.identifier); 工作时段 \(calendar.weeklySpans[.monday]?.map(\.description).joined(separator: ", ") ?? "—"); 节假日 \(calendar.holidays.count) 天, 调休 \(calendar.makeUpWorkdays.count) 天")
    }
}
