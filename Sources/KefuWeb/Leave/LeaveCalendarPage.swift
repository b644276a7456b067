import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/leave/calendar?month=YYYY-MM`: one row per person with leave in the month (in the viewer's scope),
/// one column per day, the leave type's first character in each covered day (pending ones marked).
enum LeaveCalendarPage {
    static func render(_ req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        var year = today.year, month = today.month
        if let text = req.query[String.self, at: "month"] {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2, (2000...2100).contains(parts[0]), (1...12).contains(parts[1]) else {
                throw DomainError.validation(fields: ["month": "error.field.invalid_value"])
            }
            year = parts[0]; month = parts[1]
        }
        let queries = LeaveQueries(db: req.db, services: req.services)
        let (days, leave) = try await queries.month(year, month, scope: try await queries.scope(staff, own: false))
        let names = try await CasePeople.names(of: leave.map(\.userID), db: req.db)
        let policy = LeavePolicy(rules: req.services.rulebook.leave, calendar: calendar)
        var rows: [UUID: [LeavePages.CalendarPage.Cell]] = [:]
        for record in leave {
            var cells = rows[record.userID] ?? days.map { _ in .init(mark: "", pending: false) }
            let covered = Set(policy.days(from: record.startsAt, to: record.endsAt))
            let mark = String(req.t("leave.type.\(record.type)").prefix(1))
            for (index, day) in days.enumerated() where covered.contains(day) { cells[index] = .init(mark: mark, pending: record.state == "pending") }
            rows[record.userID] = cells
        }
        func shifted(_ delta: Int) -> String {
            let total = year * 12 + (month - 1) + delta
            return String(format: "%04d-%02d", total / 12, total % 12 + 1)
        }
        return try await req.view.render("leave/calendar", LeavePages.CalendarPage(
            shell: PageShell(req, title: req.t("leave.calendar_title")), month: String(format: "%04d-%02d", year, month),
            previous: shifted(-1), next: shifted(1),
            days: days.map { .init(day: $0.day, holiday: calendar.holidays.contains($0), weekend: !calendar.isWorkingDay($0)) },
            rows: rows.map { LeavePages.CalendarPage.Row(name: names[$0.key] ?? "", cells: $0.value) }.sorted { $0.name < $1.name },
            legend: LeaveType.allCases.map { .init(type: String(req.t("leave.type.\($0.rawValue)").prefix(1)), days: req.t("leave.type.\($0.rawValue)")) }))
    }
}
