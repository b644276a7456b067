import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// SHF-16 / GOV-02: an administrator enters or imports a year's public holidays and 调休 days. The edit is
/// a new rulebook version (the text in force with that year's lines replaced), validated, scheduled,
/// audited and announced like any upload, so a decision's stored version still reproduces it.
struct HolidayEdits {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var year: HolidayYear
        var effectiveAt: Date?
        var note: String?
        var announce = false
    }

    /// The organization file in force just before `instant`: the stored version's text, the start-up file,
    /// or nothing (the defaults).
    func baseText(before instant: Date) async throws -> String {
        switch services.rulebooks.inForce(at: instant.addingTimeInterval(-0.001)).source {
        case .stored(let id, _):
            guard let record = try await RulebookVersionRecord.find(id, on: db) else { throw DomainError.notFound(subject: "rulebook_version") }
            return record.content
        case .baseline:
            guard let file = services.settings.rulebookFile else { return "" }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw Self.unsupported }
            return text
        }
    }

    /// The new version's text; refused when the year's entries are not what a notice can say, or when the
    /// file in force writes its calendar in a form this edit does not rewrite.
    func content(for input: Input) async throws -> String {
        do { try input.year.validate() } catch { throw Self.failure(error) }
        let at = input.effectiveAt ?? services.now()
        let base = try await baseText(before: at)
        let defaults = try KefuResources.defaultRulebookText()
        let text: String
        do { text = try RulebookCalendarEdit.replacing(input.year, in: base, defaults: defaults) } catch { throw Self.unsupported }
        // The rewritten file must say exactly the year's days and leave every other year alone.
        let before = services.rulebooks.inForce(at: at.addingTimeInterval(-0.001)).rulebook.calendar
        guard let after = try? Rulebook.load(defaults: defaults, override: text).calendar,
              Self.sameOutsideYear(before, after, input.year.year),
              after.holidays.filter({ $0.year == input.year.year }) == input.year.holidayDays.filter({ $0.year == input.year.year }),
              after.makeUpWorkdays.filter({ $0.year == input.year.year }) == Set(input.year.makeUpWorkdays.map(\.date))
        else { throw Self.unsupported }
        return text
    }

    func save(_ input: Input, by staff: StaffUser) async throws -> RulebookVersionRecord {
        let text = try await content(for: input)
        let note = input.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
            ?? "节假日与调休 \(input.year.year): \(input.year.source)"
        let (record, _) = try await RulebookVersions(db: db, services: services).schedule(.init(
            content: text, fileName: "holidays-\(input.year.year).yaml", effectiveAt: input.effectiveAt,
            note: String(note.prefix(2_000)), announce: input.announce), by: staff)
        return record
    }

    /// Years other than `year` (and the December before it, where a 元旦 range may start) are unchanged.
    static func sameOutsideYear(_ before: BusinessCalendar, _ after: BusinessCalendar, _ year: Int) -> Bool {
        func outside(_ days: Set<LocalDate>) -> Set<LocalDate> {
            days.filter { $0.year != year && !($0.year == year - 1 && $0.month == 12) }
        }
        return outside(before.holidays) == outside(after.holidays) && outside(before.makeUpWorkdays) == outside(after.makeUpWorkdays)
    }

    static let unsupported = Failure(status: .conflict, code: "conflict", messageKey: "error.holidays.unsupported_layout",
                                     fields: ["content": "error.holidays.unsupported_layout"])

    /// 400 naming the field, with the line of an imported file and what was found there.
    static func failure(_ error: HolidayInputError) -> Failure {
        Failure(status: .badRequest, code: "validation_failed", messageKey: error.messageKey,
                messageArguments: [error.line.map(String.init) ?? "", error.found], fields: [error.field: "error.field.invalid_value"])
    }
}
