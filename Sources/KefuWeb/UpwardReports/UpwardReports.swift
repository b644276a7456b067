import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Filing a report to a superior (请示报告, ESC-01..12): what happened, the proposed handling (ESC-07), one
/// level up the chain or the rulebook's route (ESC-05/08..13); in an emergency one level may be skipped and
/// the skipped superior is told afterwards (ESC-06); the emergency handler is told of emergencies (ESC-11).
struct UpwardReports {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var category: String, summary: String, details: String, proposal: String
        var emergency = false, skipLevel = false, superiorID: UUID? = nil, caseID: UUID? = nil
    }

    var routing: UpwardReportRouting {
        UpwardReportRouting(chain: services.rulebook.escalation.chain, rules: services.rulebook.upwardReports)
    }

    func file(_ input: Input, by staff: StaffUser) async throws -> UpwardReportRecord {
        var fields: [String: String] = [:]
        let category = UpwardReportCategory(rawValue: input.category)
        if category == nil { fields["category"] = "error.field.choice" }
        let summary = UpwardReportText.check(input.summary, "summary", limit: 200, into: &fields)
        let details = UpwardReportText.check(input.details, "details", limit: 4_000, into: &fields)
        let proposal = input.proposal.trimmingCharacters(in: .whitespacesAndNewlines)
        if proposal.count > 4_000 { fields["proposal"] = "error.field.too_long" }
        guard fields.isEmpty, let category else { throw DomainError.validation(fields: fields) }
        // ESC-07: no report goes up without the reporter's proposed handling.
        guard proposal.count >= services.rulebook.upwardReports.proposalMinChars else {
            throw DomainError.ruleViolation(rule: "upward_reports.proposal_min_chars", reason: "error.upward.proposal_required")
        }
        guard let reporter = try await UserRepository(db: db).find(staff.id) else { throw DomainError.notFound(subject: "user") }
        let linked = try await linkedCase(input.caseID, staff: staff)
        let address = try await UpwardReportAddressing(db: db, routing: routing)
            .address(reporter: reporter, category: category, emergency: input.emergency, skipLevel: input.skipLevel, superiorID: input.superiorID)
        let now = services.now()
        let rules = services.rulebook.upwardReports
        return try await db.transaction { db in
            let record = UpwardReportRecord()
            record.category = category.rawValue; record.emergency = input.emergency; record.summary = summary; record.details = details
            record.proposal = proposal; record.caseID = linked?.id; record.caseNumber = linked?.number
            record.reporterID = staff.id; record.reporterName = staff.displayName; record.departmentID = reporter.departmentID
            record.superiorID = address.superior.id!; record.superiorName = address.superior.displayName
            record.superiorRole = address.role.rawValue; record.level = routing.level(of: address.role) ?? routing.chain.count; record.routeRule = address.ruleKey
            record.skippedID = address.skipped?.id; record.skippedName = address.skipped?.displayName
            record.status = UpwardReportStatus.awaitingInstruction.rawValue
            record.instructBy = services.rulebook.calendar.deadline(from: now, adding: rules.instructWithin(emergency: input.emergency))
            // Whole milliseconds: the list cursor carries the instant as text and must find the same value again
            // (a sub-microsecond remainder would round up and repeat the row on the next page).
            record.filedAt = Date(timeIntervalSince1970: (now.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
            record.updatedAt = now; record.version = 1
            try await record.create(on: db)
            let journal = UpwardReportJournal(db: db, services: services, record: record)
            try await journal.step("filed", text: nil, by: staff, ruleKey: address.ruleKey, at: now,
                                   summary: "\(category.ruleID) \(category.rawValue) → \(address.superior.username) (\(address.role.rawValue))\(input.emergency ? " emergency" : "")")
            try await journal.notify([record.superiorID], kind: "upward_report.filed", titleKey: "notice.upward_report_filed")
            if let skipped = address.skipped {
                // ESC-06: the skipped superior is informed afterwards — a notice and an audited step.
                try await journal.step("skipped_informed", text: nil, by: staff, ruleKey: "escalation.chain", at: now.addingTimeInterval(0.001),
                                       summary: "ESC-06 emergency skip; informed \(skipped.username)")
                try await journal.notify([skipped.id!], kind: "upward_report.skipped", titleKey: "notice.upward_report_skipped")
            }
            if input.emergency {
                // ESC-11: the emergency handler of the department hears of every emergency report.
                let handlers = try await UserRepository(db: db).active(withRole: rules.emergencyHandler, departmentID: reporter.departmentID, limit: 20)
                let others = handlers.compactMap(\.id).filter { $0 != record.superiorID && $0 != staff.id }
                if !others.isEmpty { try await journal.notify(others, kind: "upward_report.emergency", titleKey: "notice.upward_report_emergency") }
            }
            return record
        }
    }

    /// A linked case must be one the reporter may read; anything else is an unknown value (400).
    private func linkedCase(_ id: UUID?, staff: StaffUser) async throws -> CaseRecord? {
        guard let id else { return nil }
        do {
            return try await CaseScope.of(staff, db: db).readable(id, db: db)
        } catch DomainError.notFound {
            throw DomainError.validation(fields: ["case_id": "error.field.unknown"])
        }
    }
}

/// Trimmed required text with a length limit, collecting field errors.
enum UpwardReportText {
    static func check(_ value: String, _ field: String, limit: Int, into fields: inout [String: String]) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { fields[field] = "error.field.required" } else if trimmed.count > limit { fields[field] = "error.field.too_long" }
        return trimmed
    }
}
