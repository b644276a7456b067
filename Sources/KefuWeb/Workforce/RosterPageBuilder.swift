import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The supervisor's week grid (SHF-19): people down, the seven days across (holidays marked from the
/// business calendar), each cell the shifts of that person that day; the add form, copy-week and the
/// shift templates below.
struct RosterPageBuilder {
    let req: Request

    func render(week text: String?, note: String?, error: String?) async throws -> View {
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let week = QualityPeriod.weekStart(of: text.flatMap(LocalDate.init) ?? today)
        let dates = (0..<7).map { QualityPeriod.adding($0, to: week) }
        let repository = RosterRepository(db: req.db)
        let entries = try await repository.entries(from: week.description, to: dates[6].description)
        let templates = try await repository.templates()
        let templateNames = Dictionary(templates.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let users = try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items.filter(\.active)
        let names = Dictionary(users.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
            .merging(try await CasePeople.names(of: entries.map(\.userID), db: req.db)) { a, _ in a }
        let changes = try await RosterChanges(db: req.db, services: req.services).of(from: week, to: dates[6])
        var order: [UUID] = []
        for entry in entries where !order.contains(entry.userID) { order.append(entry.userID) }
        order.sort { (names[$0] ?? "") < (names[$1] ?? "") }
        let rows = order.map { user in
            WorkforcePages.RosterPage.Row(name: names[user] ?? "—", cells: dates.map { day in
                .init(entries: entries.filter { $0.userID == user && $0.shiftDate == day.description }
                    .map { .init(id: $0.id!, shift: templateNames[$0.shiftTemplateID] ?? "", leads: $0.leads,
                                 swapped: changes.swapped.contains($0.id!), onLeave: changes.onLeave(entry: $0)) })
            })
        }
        let days = dates.map { day in
            WorkforcePages.RosterPage.Day(date: day.description,
                                          label: "\(req.t("weekday.\(calendar.weekday(of: day).key)")) \(String(format: "%02d-%02d", day.month, day.day))",
                                          holiday: calendar.holidays.contains(day))
        }
        return try await req.view.render("workforce/roster", WorkforcePages.RosterPage(
            shell: PageShell(req, title: req.t("roster.title"), flash: note, flashError: error),
            week: week.description, previous: QualityPeriod.adding(-7, to: week).description, next: QualityPeriod.adding(7, to: week).description,
            days: days, rows: rows,
            people: users.sorted { $0.displayName < $1.displayName }.map { .init(value: $0.id!.uuidString, label: $0.displayName, selected: false) },
            templates: templates.filter(\.active).map { .init(value: $0.id!.uuidString, label: "\($0.name) \($0.startsAt)–\($0.endsAt)", selected: false) },
            dayOptions: days.map { .init(value: $0.date, label: $0.label + ($0.holiday ? " · " + req.t("roster.holiday") : ""), selected: $0.date == today.description) },
            templateRows: templates.map { t in
                .init(name: t.name, time: "\(t.startsAt)–\(t.endsAt)", breaks: t.breaks.replacingOccurrences(of: ",", with: "，"),
                      flags: [t.night ? req.t("shift.night") : nil, t.holidayDuty ? req.t("shift.holiday_duty") : nil].compactMap { $0 }.joined(separator: " · "))
            },
            copyNote: nil))
    }
}

/// The roll call page (SHF-01/07, QA-06): the shift's people with their sign-in and its verdict, the
/// present boxes and the comments, and the quality inspection's common problems to review.
struct RollCallPageBuilder {
    let req: Request

    func render(date text: String?, templateID: String?, saved: Bool, error: String?) async throws -> View {
        let rules = req.services.rulebook
        let now = req.services.now()
        let date = text.flatMap(LocalDate.init) ?? rules.calendar.localDate(of: now)
        let repository = RosterRepository(db: req.db)
        let templates = try await repository.templates(activeOnly: true)
        let dayEntries = try await repository.entries(from: date.description, to: date.description)
        // Default: the shift of the day that starts next or is running (the earliest not yet ended).
        let chosen = templateID.flatMap(UUID.init(uuidString:))
            ?? dayEntries.first { $0.endsAt > now }?.shiftTemplateID ?? dayEntries.first?.shiftTemplateID ?? templates.first?.id
        let entries = dayEntries.filter { $0.shiftTemplateID == chosen }
        let records = Dictionary(try await repository.attendance(rosterEntryIDs: entries.compactMap(\.id)).map { ($0.rosterEntryID, $0) }, uniquingKeysWith: { a, _ in a })
        let names = try await CasePeople.names(of: entries.map(\.userID), db: req.db)
        let attendance = Attendance(db: req.db, services: req.services)
        var call: RollCallRecord?
        if let chosen { call = try await repository.rollCall(date: date.description, templateID: chosen) }
        let problems = try await QualityReports(db: req.db, services: req.services, language: req.language).commonProblems(days: nil)
        let template = templates.first { $0.id == chosen }
        return try await req.view.render("workforce/roll-call", WorkforcePages.RollCallPage(
            shell: PageShell(req, title: req.t("roll_call.title"), flash: saved ? req.t("roll_call.saved") : nil, flashError: error),
            date: date.description,
            templates: templates.map { .init(value: $0.id!.uuidString, label: "\($0.name) \($0.startsAt)–\($0.endsAt)", selected: $0.id == chosen) },
            templateID: chosen?.uuidString ?? "", shift: template.map { "\($0.name) \($0.startsAt)–\($0.endsAt)" } ?? "",
            people: entries.map { e in
                let record = records[e.id!]
                let verdict = attendance.judge(e, signedInAt: record?.signedInAt, signedOutAt: record?.signedOutAt, now: now)
                return .init(userID: e.userID, name: (names[e.userID] ?? "—") + (e.leads ? " ★" : ""),
                             signedIn: record.map { DisplayTime.clock($0.signedInAt, req) } ?? "—",
                             status: WorkforceLabels.status(verdict, req: req), statusKey: verdict.status.rawValue, early: record?.arrivedEarly ?? false,
                             present: record?.rollCallPresent ?? (record != nil))
            },
            comments: call?.comments ?? "",
            problems: problems.criteria.map { .init(label: $0.label, value: "\($0.count)") }, problemDays: problems.days, saved: saved))
    }
}
