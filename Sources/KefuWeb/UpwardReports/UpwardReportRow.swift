import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// One report as the pages show it: labels resolved in Swift (Leaf cannot nest `#t`), times in the org zone.
struct UpwardReportRow: Encodable {
    let id: UUID, summary: String, category: String, ruleID: String, status: String, statusKey: String, emergency: Bool
    let reporter: String, superior: String, superiorRole: String, filedAt: String, instructBy: String, overdue: Bool, open: Bool

    init(_ r: UpwardReportRecord, req: Request) {
        let category = UpwardReportCategory(rawValue: r.category)
        let status = UpwardReportStatus(rawValue: r.status) ?? .awaitingInstruction
        id = r.id!; summary = r.summary; self.category = req.t("upward.category.\(r.category)"); ruleID = category?.ruleID ?? ""
        self.status = req.t("upward.status.\(r.status)"); statusKey = r.status; emergency = r.emergency
        reporter = r.reporterName; superior = r.superiorName; superiorRole = req.t("role.\(r.superiorRole)")
        filedAt = DisplayTime.format(r.filedAt, req); instructBy = DisplayTime.format(r.instructBy, req)
        overdue = UpwardReportStatus.awaitingSuperior.contains(status) && req.services.now() > r.instructBy
        open = status.isOpen
    }

    static func categoryOptions(_ req: Request, selected: String) -> [SelectOption] {
        UpwardReportCategory.allCases.map {
            SelectOption(value: $0.rawValue, label: "\(req.t("upward.category.\($0.rawValue)")) (\($0.ruleID))", selected: $0.rawValue == selected)
        }
    }
}
