import Foundation
import KefuCore
import KefuDomain
import Vapor

/// The rule that made an approval's chain, in words: its title from the localization files with the rule IDs
/// it implements ("投诉处理金额核决权限（CMP-32）"), and for a table by amount or length the band that applied
/// ("不少于1000元、不超过5000元由副总经理审批"). The rulebook key itself is for people who look it up in the
/// rulebook, so pages put it in a tooltip only.
enum ApprovalRuleWords {
    static func title(_ ruleKey: String, _ req: Request) -> String {
        let ids = req.services.rulebook.entries.first { $0.key == ruleKey }?.ruleIDs ?? []
        let title = plainTitle(ruleKey, req)
        return ids.isEmpty ? title : req.t("approvals.rule_with_ids", [title, ids.joined(separator: ", ")])
    }

    /// Every approval rule key the modules start chains with, each with its own label.
    private static func plainTitle(_ ruleKey: String, _ req: Request) -> String {
        switch ruleKey {
        case ComplaintSettlementChain.ruleKey: req.t("approvals.rule.complaint_settlement")
        case "complaints.slip_approver": req.t("approvals.rule.complaint_slip")
        case "complaints.petition_to": req.t("approvals.rule.complaint_petition")
        case "complaints.deduction_approver": req.t("approvals.rule.complaint_deduction")
        case LeaveApprovalChain.byDaysRule: req.t("approvals.rule.leave_by_days")
        case LeaveApprovalChain.officialRule: req.t("approvals.rule.leave_official")
        case "shift_swap.both_parties_approve": req.t("approvals.rule.shift_swap")
        case RoomBookings.ruleKey: req.t("approvals.rule.room_booking")
        case "service.offsite_approver": req.t("approvals.rule.offsite_service")
        case "supplies.requisition_approver": req.t("approvals.rule.supply_requisition")
        case "supplies.purchase_approver": req.t("approvals.rule.supply_purchase")
        case "front_desk.office_entry_approver": req.t("approvals.rule.office_entry")
        case "front_desk.machine_room_approver": req.t("approvals.rule.machine_room_entry")
        case "safety.open_flame_approver": req.t("approvals.rule.open_flame")
        case "safety.private_use_approver": req.t("approvals.rule.private_use")
        case KBPolicy.confirmRule: req.t("approvals.rule.kb_confirmation")
        case let key where key.hasPrefix("pay_grades."): req.t("approvals.rule.promotion")
        // A key no module names here yet: the rulebook's own description is still words, not the key.
        default: req.services.rulebook.entries.first { $0.key == ruleKey }.map { req.language == .en ? $0.summary : $0.summaryZh }
            ?? req.t("approvals.rule.unnamed")
        }
    }

    enum Unit { case yuan, days }

    /// One band of an approval table in words: "不少于1000元、不超过5000元由副总经理审批".
    static func band(_ band: ApprovalBand, unit: Unit, _ req: Request) -> String {
        func amount(_ value: Decimal) -> String {
            unit == .yuan ? req.t("approvals.unit.yuan", ["\(value)"]) : req.t("approvals.unit.days", ["\(value)"])
        }
        var parts: [String] = []
        if !(band.lower == 0 && band.lowerInclusive) {
            parts.append(band.lowerInclusive ? req.t("approvals.band.at_least", [amount(band.lower)]) : req.t("approvals.band.above", [amount(band.lower)]))
        }
        if let upper = band.upper {
            parts.append(band.upperInclusive ? req.t("approvals.band.at_most", [amount(upper)]) : req.t("approvals.band.below", [amount(upper)]))
        }
        let range = parts.count == 2 ? req.t("approvals.band.both", parts) : parts.first ?? req.t("approvals.band.any")
        return req.t("approvals.band.clause", [range, req.t("role.\(band.role.rawValue)")])
    }
}
