import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The list filters of `GET /api/v1/cases` and the workbench queue: `status` (comma-separated), `type`,
/// `assignee_id` (`me` for oneself), `unassigned`, `customer_id`, `breached`, `due_today`, `stuck` (CHN-14), `q`.
enum CaseListQuery {
    static func filter(from req: Request, staff: StaffUser) throws -> CaseRepository.Filter {
        var filter = CaseRepository.Filter()
        var fields: [String: String] = [:]
        if let text = req.query[String.self, at: "status"], !text.isEmpty {
            let words = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            let statuses = words.compactMap(CaseStatus.init(rawValue:))
            if statuses.count != words.count { fields["status"] = "error.field.choice" } else { filter.statuses = statuses }
        }
        if let text = req.query[String.self, at: "type"], !text.isEmpty {
            if let type = CaseType(rawValue: text) { filter.type = type } else { fields["type"] = "error.field.choice" }
        }
        if let text = req.query[String.self, at: "queue"], !text.isEmpty {
            if let queue = CaseQueue(rawValue: text) { filter.types = CaseRouting.types(in: queue) } else { fields["queue"] = "error.field.choice" }
        }
        if let text = req.query[String.self, at: "assignee_id"], !text.isEmpty {
            if text == "me" { filter.assigneeID = staff.id } else if let id = UUID(uuidString: text) { filter.assigneeID = id } else {
                fields["assignee_id"] = "error.field.invalid_value"
            }
        }
        if let text = req.query[String.self, at: "customer_id"], !text.isEmpty {
            if let id = UUID(uuidString: text) { filter.customerID = id } else { fields["customer_id"] = "error.field.invalid_value" }
        }
        filter.unassigned = flag(req, "unassigned", &fields) ?? false
        filter.breached = flag(req, "breached", &fields)
        if flag(req, "due_today", &fields) == true {
            let calendar = req.services.rulebook.calendar
            let today = calendar.localDate(of: req.services.now())
            // Midnight after today, in the organization's zone (36 h later is always tomorrow, DST or not).
            let tomorrow = calendar.localDate(of: calendar.startOfDay(today).addingTimeInterval(36 * 3_600))
            filter.dueBefore = calendar.startOfDay(tomorrow)
        }
        if flag(req, "stuck", &fields) == true {
            // CHN-14: open cases untouched for `cases.backlog_after`.
            let rules = req.services.rulebook
            filter.updatedBefore = CaseBoardWebController.instant(before: req.services.now(), rules.cases.backlogAfter, rules.calendar)
            if filter.statuses.isEmpty { filter.statuses = CaseStatus.allCases.filter(\.isOpen) }
        }
        if let q = req.query[String.self, at: "q"]?.trimmingCharacters(in: .whitespacesAndNewlines), !q.isEmpty {
            filter.text = q
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        return filter
    }

    private static func flag(_ req: Request, _ name: String, _ fields: inout [String: String]) -> Bool? {
        guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
        switch text {
        case "true", "1", "on": return true
        case "false", "0": return false
        default: fields[name] = "error.field.invalid_value"; return nil
        }
    }
}
