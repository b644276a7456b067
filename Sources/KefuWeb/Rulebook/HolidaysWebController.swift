import Fluent
import KefuCore
import KefuStore
import Foundation
import KefuDomain
import Vapor

/// `/admin/rulebook/holidays` (SHF-16, GOV-02): the years of public holidays and 调休 days the rulebook in
/// force holds, the coverage warnings, and a form to enter or import (iCalendar or a date list) one year
/// from the State Council's notice. Saving makes a new rulebook version.
struct HolidaysWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "admin", "rulebook", "holidays", access: .permission(.rulebookRead), summary: "Public holidays and make-up working days", use: page)
        routes.on(.POST, "admin", "rulebook", "holidays", access: .permission(.rulebookManage),
                  summary: "Import, preview or save a year of holidays as a new rulebook version (form)", use: submit)
    }

    struct Draft: Encodable {
        var year = "", source = "", holidays = "", makeUps = "", effectiveAt = "", note = "", announce = false
    }

    struct Page: Encodable {
        let shell: PageShell
        let years: [HolidayListing.Year]
        let warnings: [String]
        let canManage: Bool
        let draft: Draft
        let differences: [DifferenceResponse]?
        let kinds: [Choice]
    }

    struct Choice: Encodable { let value: String; let label: String
    }

    struct Form: Content {
        var year: String?, source: String?, holidays: String?, make_ups: String?, effective_at: String?, note: String?
        var announce: String?, action: String?, kind: String?, file: File?
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, Draft(), differences: nil, refusal: nil)
    }

    /// `action=import` reads the file into the form (nothing saved); `preview` shows what the new version
    /// changes; `save` stores it and opens the version's page.
    @Sendable func submit(req: Request) async throws -> Response {
        let form = try req.content.decode(Form.self)
        var draft = Draft(year: form.year ?? "", source: form.source ?? "", holidays: form.holidays ?? "", makeUps: form.make_ups ?? "",
                          effectiveAt: form.effective_at ?? "", note: form.note ?? "", announce: form.announce != nil)
        do {
            if form.action == "import" {
                draft = try imported(form, into: draft)
                return try await render(req, draft, differences: nil, refusal: nil)
            }
            let input = try Self.input(draft, req)
            let edits = HolidayEdits(db: req.db, services: req.services)
            if form.action == "save" {
                let record = try await edits.save(input, by: req.requireStaff())
                return req.redirect(to: "/admin/rulebook/versions/\(record.id!)?flash=flash.holidays_saved")
            }
            let content = try await edits.content(for: input)
            let preview = try RulebookVersions(db: req.db, services: req.services).preview(content, fileName: "holidays.yaml", effectiveAt: input.effectiveAt)
            return try await render(req, draft, differences: preview.differences.map(DifferenceResponse.init), refusal: nil)
        } catch let error where error is DomainError || error is Failure {
            return try await render(req, draft, differences: nil, refusal: req.refusal(error))
        }
    }

    /// The uploaded file's entries written into the two text areas (the year taken from them when empty).
    private func imported(_ form: Form, into draft: Draft) throws -> Draft {
        guard let file = form.file, file.data.readableBytes > 0 else { throw DomainError.validation(fields: ["file": "error.field.required"]) }
        guard file.data.readableBytes <= 256 * 1024 else { throw DomainError.validation(fields: ["file": "error.field.too_long"]) }
        guard let text = file.data.getString(at: file.data.readerIndex, length: file.data.readableBytes) else {
            throw DomainError.validation(fields: ["file": "error.holidays.not_text"])
        }
        let kind = HolidayImport.Kind(rawValue: form.kind ?? "auto") ?? .auto
        let entries: HolidayImport.Entries
        do {
            entries = text.contains("BEGIN:VCALENDAR") ? try HolidayImport.parseICalendar(text, kind: kind) : try HolidayImport.parseList(text, kind: kind)
        } catch { throw HolidayEdits.failure(error) }
        var draft = draft
        draft.holidays = Self.lines(entries.holidays.map { ($0.value, $0.name) }, keeping: draft.holidays)
        draft.makeUps = Self.lines(entries.makeUpWorkdays.map { ($0.date.description, $0.name) }, keeping: draft.makeUps)
        if draft.year.isEmpty, let year = entries.holidays.map(\.last.year).max() ?? entries.makeUpWorkdays.map(\.date.year).max() {
            draft.year = String(year)
        }
        return draft
    }

    static func lines(_ entries: [(String, String)], keeping existing: String) -> String {
        let added = entries.map { $0.1.isEmpty ? $0.0 : "\($0.0) \($0.1)" }.joined(separator: "\n")
        let kept = existing.trimmingCharacters(in: .whitespacesAndNewlines)
        return kept.isEmpty ? added : added.isEmpty ? kept : kept + "\n" + added
    }

    /// The typed form as a year of entries; a mistake is a 400 naming the field.
    static func input(_ draft: Draft, _ req: Request) throws -> HolidayEdits.Input {
        guard let year = Int(draft.year.trimmingCharacters(in: .whitespaces)), HolidayYear.years.contains(year) else {
            throw DomainError.validation(fields: ["year": "error.holidays.year_range"])
        }
        let holidays: HolidayImport.Entries, makeUps: HolidayImport.Entries
        do {
            holidays = try HolidayImport.parseList(draft.holidays, kind: .holidays)
            makeUps = try HolidayImport.parseList(draft.makeUps, kind: .makeUp)
        } catch {
            // Name the text area the line is in.
            throw HolidayEdits.failure(HolidayInputError(draft.holidays.contains(error.found) ? "holidays" : "make_ups",
                                                         error.messageKey, error.found, line: error.line))
        }
        let at = draft.effectiveAt.isEmpty ? nil : try FrontDeskWebController.localTime(draft.effectiveAt, req, field: "effective_at")
        return .init(year: HolidayYear(year: year, source: draft.source, holidays: holidays.holidays, makeUpWorkdays: makeUps.makeUpWorkdays),
                     effectiveAt: at, note: draft.note, announce: draft.announce)
    }

    private func render(_ req: Request, _ draft: Draft, differences: [DifferenceResponse]?,
                        refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let listing = try await HolidayListing.load(req)
        let view = try await req.view.render("admin/holidays", Page(
            shell: PageShell(req, title: req.t("holidays.title"), flashError: refusal?.message), years: listing.years,
            warnings: listing.warnings.map { req.t($0.messageKey, [String($0.year)]) },
            canManage: try req.requireStaff().has(.rulebookManage), draft: draft, differences: differences,
            kinds: HolidayImport.Kind.allCases.map { Choice(value: $0.rawValue, label: req.t("holidays.kind.\($0.rawValue)")) }))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }
}

/// The years the rulebook in force holds, with the names written next to the dates (their YAML comments).
struct HolidayListing {
    struct Entry: Content { let dates: String; let name: String }
    struct Year: Content {
        let year: Int
        let holidays: [Entry]
        let makeUpWorkdays: [Entry]
        enum CodingKeys: String, CodingKey { case year, holidays, makeUpWorkdays = "make_up_workdays" }
    }

    let years: [Year]
    let warnings: [HolidayCoverage.Warning]

    static func load(_ req: Request) async throws -> HolidayListing {
        let services = req.services, now = services.now()
        let calendar = services.rulebook.calendar
        let base = (try? await HolidayEdits(db: req.db, services: services).baseText(before: now.addingTimeInterval(0.002))) ?? ""
        let written = RulebookCalendarEdit.items(in: base, defaults: try KefuResources.defaultRulebookText())
        func entries(_ key: String, _ days: Set<LocalDate>, _ year: Int) -> [Entry] {
            // The file's own lines when they still say what is in force; otherwise the days as ranges.
            if let items = written?[key]?.filter({ $0.year == year }),
               Set(items.flatMap { RulebookCalendarEdit.days($0.value) }).filter({ $0.year == year }) == days.filter({ $0.year == year }) {
                return items.map { Entry(dates: $0.value.replacingOccurrences(of: "..", with: " – "), name: $0.comment) }
            }
            return RulebookCalendarEdit.runs(days.filter { $0.year == year }).map { Entry(dates: $0, name: "") }
        }
        let years = Set(calendar.holidays.map(\.year)).union(calendar.makeUpWorkdays.map(\.year)).sorted(by: >)
        return HolidayListing(
            years: years.map { Year(year: $0, holidays: entries("holidays", calendar.holidays, $0),
                                    makeUpWorkdays: entries("make_up_workdays", calendar.makeUpWorkdays, $0)) },
            warnings: HolidayWarnings.current(services))
    }
}

/// The coverage warnings for the rulebook in force now, the coming year judged by the version that will be
/// in force on its first day (one scheduled ahead counts).
public enum HolidayWarnings {
    public static func current(_ services: AppServices) -> [HolidayCoverage.Warning] {
        let now = services.now(), calendar = services.rulebook.calendar
        let nextYear = calendar.localDate(of: now).year + 1
        let comingYear = services.rulebooks.inForce(at: calendar.startOfDay(LocalDate(year: nextYear, month: 1, day: 1))).rulebook.calendar
        return HolidayCoverage.warnings(calendar: calendar, now: now, comingYear: comingYear)
    }
}
