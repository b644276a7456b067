import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `kefu demo`: shift templates from the sources' variants (SHF-12 hospital A/B/C, SHF-15 office summer and
/// winter hours, SHF-20 night and holiday duty) and this week's roster for the CS teams, so the roster,
/// my-shifts, roll call and board pages have something to show. Idempotent: kept when a roster exists.
public enum DemoWorkforce {
    /// name, start, end, breaks, night, holiday duty
    static let templates: [(String, String, String, [String], Bool, Bool)] = [
        ("A班", "08:00", "18:00", ["12:00-14:00"], false, false),
        ("B班", "08:00", "16:00", ["11:30-12:00"], false, false),
        ("C班", "12:00", "20:00", ["17:30-18:00"], false, false),
        ("夏季办公", "09:00", "18:00", ["12:00-13:30"], false, false),
        ("冬季办公", "09:00", "17:30", ["12:00-13:00"], false, false),
        ("夜班", "20:00", "08:00", [], true, false),
        ("节假日值班", "09:00", "17:00", ["12:00-12:30"], false, true),
    ]

    /// username → shift by weekday (Mon…Sun; nil = rest day, one rotating day off a week, SHF-14).
    static let week: [(String, [String?], Bool)] = [
        ("lina", ["A班", "A班", "A班", "A班", "A班", nil, "B班"], true),
        ("liuyang", ["C班", "C班", nil, "C班", "C班", "C班", "C班"], true),
        ("chenjing", ["A班", "A班", "B班", nil, "A班", "A班", "B班"], false),
        ("yangli", ["B班", nil, "A班", "A班", "B班", "B班", "A班"], false),
        ("zhaolei", ["C班", "C班", "C班", "C班", nil, "C班", "C班"], false),
        ("huangmin", ["夜班", "夜班", nil, "夜班", "夜班", "夜班", nil], false),
    ]

    public static func load(_ app: Application, progress: (String) -> Void) async throws {
        let repository = RosterRepository(db: app.db)
        var ids: [String: UUID] = [:]
        for (name, start, end, breaks, night, holiday) in templates {
            if let existing = try await repository.template(named: name) { ids[name] = existing.id; continue }
            let made = try await ShiftTemplates(db: app.db, services: app.services).create(.init(
                name: name, startsAt: start, endsAt: end, breaks: breaks, night: night, holidayDuty: holiday), by: nil)
            ids[name] = made.id
        }
        progress("班次 shift templates: \(templates.map(\.0).joined(separator: "、"))")
        let calendar = app.services.rulebook.calendar
        let monday = QualityPeriod.weekStart(of: calendar.localDate(of: app.services.now()))
        guard try await repository.entries(from: monday.description, to: QualityPeriod.adding(6, to: monday).description, limit: 1).isEmpty else {
            progress("排班 roster: this week's roster kept"); return
        }
        let users = UserRepository(db: app.db)
        let rosters = Rosters(db: app.db, services: app.services)
        var count = 0
        for (username, days, leads) in week {
            guard let user = try await users.find(username: username) else { continue }
            for (offset, name) in days.enumerated() {
                guard let name, let id = ids[name], let template = try await repository.template(id) else { continue }
                _ = try await rosters.insert(user: user, template: template, date: QualityPeriod.adding(offset, to: monday), leads: leads,
                                             by: user.id!, db: app.db)
                count += 1
            }
        }
        progress("排班 roster: \(count) shifts in the week of \(monday)")
    }
}
