import Fluent
import KefuCore
import KefuStore
import Foundation
import KefuDomain
import Vapor

/// `/api/v1/rulebook/holidays` (SHF-16, GOV-02): the years of holidays in force with the coverage warnings,
/// and a year entered (or imported as `ical` / `list` text) as a new rulebook version.
struct HolidaysAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1", "rulebook", "holidays")
        api.on(.GET, access: .permission(.rulebookRead), summary: "Years of public holidays and make-up days in force, with coverage warnings (SHF-16)", use: list)
        api.on(.POST, access: .permission(.rulebookManage), summary: "Store a year of holidays and make-up days as a new rulebook version (SHF-16, GOV-02)", request: CreateBody.self, use: create)
    }

    struct WarningResponse: Content {
        /// `current_year_missing` or `next_year_missing`.
        let kind: String
        let year: Int
        let message: String
    }

    struct ListBody: Content {
        let years: [HolidayListing.Year]
        let warnings: [WarningResponse]
    }

    struct HolidayBody: Content { var from: String?; var to: String?; var name: String? }
    struct MakeUpBody: Content { var date: String?; var name: String? }

    struct CreateBody: Content {
        var year: Int?
        var source: String?
        var holidays: [HolidayBody]?
        var makeUpWorkdays: [MakeUpBody]?
        /// Instead of the lists: an iCalendar file's text or a date list (`2027-02-06..2027-02-13 春节`).
        var ical: String?
        var list: String?
        var effectiveAt: Date?
        var note: String?
        var announce: Bool?

        enum CodingKeys: String, CodingKey {
            case year, source, holidays, ical, list, note, announce
            case makeUpWorkdays = "make_up_workdays", effectiveAt = "effective_at"
        }
    }

    @Sendable func list(req: Request) async throws -> ListBody {
        let listing = try await HolidayListing.load(req)
        return ListBody(years: listing.years, warnings: listing.warnings.map {
            WarningResponse(kind: $0.kind, year: $0.year, message: req.t($0.messageKey, [String($0.year)]))
        })
    }

    @Sendable func create(req: Request) async throws -> Response {
        let body = try req.content.decode(CreateBody.self)
        guard let year = body.year else { throw DomainError.validation(fields: ["year": "error.field.required"]) }
        var entries = HolidayImport.Entries()
        do {
            if let ical = body.ical { entries = try HolidayImport.parseICalendar(ical) }
            if let list = body.list {
                let listed = try HolidayImport.parseList(list)
                entries.holidays += listed.holidays; entries.makeUpWorkdays += listed.makeUpWorkdays
            }
        } catch { throw HolidayEdits.failure(HolidayInputError(body.ical != nil ? "ical" : "list", error.messageKey, error.found, line: error.line)) }
        for (index, holiday) in (body.holidays ?? []).enumerated() {
            let field = "holidays[\(index)]"
            guard let from = holiday.from.flatMap(LocalDate.init) else { throw DomainError.validation(fields: ["\(field).from": "error.holidays.bad_date"]) }
            guard let to = holiday.to.map({ LocalDate($0) }) ?? from else { throw DomainError.validation(fields: ["\(field).to": "error.holidays.bad_date"]) }
            entries.holidays.append(.init(first: from, last: to, name: holiday.name ?? ""))
        }
        for (index, day) in (body.makeUpWorkdays ?? []).enumerated() {
            guard let date = day.date.flatMap(LocalDate.init) else {
                throw DomainError.validation(fields: ["make_up_workdays[\(index)].date": "error.holidays.bad_date"])
            }
            entries.makeUpWorkdays.append(.init(date: date, name: day.name ?? ""))
        }
        let input = HolidayEdits.Input(year: HolidayYear(year: year, source: body.source ?? "", holidays: entries.holidays,
                                                         makeUpWorkdays: entries.makeUpWorkdays),
                                       effectiveAt: body.effectiveAt, note: body.note, announce: body.announce ?? false)
        let record = try await HolidayEdits(db: req.db, services: req.services).save(input, by: req.requireStaff())
        let changes = try await RulebookVersionQueries(db: req.db).changes(of: record, services: req.services)
        return try await RulebookVersionResponse(record, services: req.services, differences: changes).encodeResponse(status: .created, for: req)
    }
}
