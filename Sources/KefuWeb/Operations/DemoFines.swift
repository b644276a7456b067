import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: a few violations and rewards of the current month (§14) so that the fines pages and a
/// statement have something to show. Idempotent: nothing is added once any violation exists.
public enum DemoFines {
    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        guard try await ViolationRecord.query(on: app.db).count() == 0 else { return }
        let users = UserRepository(db: app.db)
        guard let leader = try await users.find(username: "lina"), let qa = try await users.find(username: "zhoujie"),
              let chen = try await users.find(username: "chenjing"), let yang = try await users.find(username: "yangli"),
              let zhao = try await users.find(username: "zhaolei") else { return }
        let leaderStaff = try await DemoCases.staffUser(leader, app), qaStaff = try await DemoCases.staffUser(qa, app)
        let violations = Violations(db: app.db, services: app.services)
        let calendar = app.services.rulebook.calendar
        let today = calendar.startOfDay(calendar.localDate(of: app.services.now()))
        // `daysAgo` days before today at `minutes` past midnight, in the organization's time zone.
        func at(_ daysAgo: Double, _ minutes: Double) -> Date { today.addingTimeInterval(-daysAgo * 86_400 + minutes * 60) }
        for (code, person, recorder, time, note) in [
            ("late_or_early", yang, leaderStaff, at(2, 487), "8:07 到岗"), ("late_or_early", yang, leaderStaff, at(1, 495), "8:15 到岗"),
            ("careless_details", chen, leaderStaff, at(1, 1_050), "下班椅子未归位"), ("registration_error", zhao, qaStaff, at(0, 600), "来电记录漏填产品型号"),
        ] {
            let record = try await violations.record(code: code, userID: person.id!, at: time, recordedBy: recorder, note: note)
            // ATT-05: the older fines were paid the same day.
            if time < at(0, 0) { _ = try await violations.markPaid(record.id!, by: leaderStaff) }
        }
        // The system path, as attendance will call it for lateness.
        try await violations.record(code: "late_or_early", userID: zhao.id!, at: at(0, 491), recordedBy: nil, note: nil)
        let rewards = Rewards(db: app.db, services: app.services)
        _ = try await rewards.record(.init(userID: chen.id!, kind: .bonus, amount: 200, reason: "客户来信表扬，耐心解答安装问题"), by: leaderStaff)
        _ = try await rewards.record(.init(userID: zhao.id!, kind: .informant, amount: nil, reason: "检举他人代签到"), by: leaderStaff)
        progress("奖罚 fines: 5 violations, 2 rewards")
    }
}
