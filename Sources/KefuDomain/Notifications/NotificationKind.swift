import Foundation

/// One kind of notification: the section it belongs to and the localization key of its name, so the page shows
/// "工单时限" / "Case deadline" and never the machine word (`case.deadline_breach`).
public struct NotificationKind: Sendable, Equatable {
    public let name: String
    public let section: NotificationSection
    public let labelKey: String

    init(_ name: String, _ section: NotificationSection, _ labelKey: String) {
        self.name = name
        self.section = section
        self.labelKey = labelKey
    }

    /// A kind nobody declared (a row written by an older release): for information, shown as "other".
    public static func undeclared(_ name: String) -> NotificationKind {
        NotificationKind(name, .forInformation, "notifications.kind.other")
    }
}

/// Every kind Kefu raises, classified once. The rule: "needs me now" when the reader is the one who must act
/// (assigned, asked to decide, confirm, collect, fix, or warned about their own deadline); "for my information"
/// when it reports what someone else did or decided. Label keys are written out in full so that a search for
/// the key finds its use.
public enum NotificationKinds {
    /// The daily digest of yesterday's "for my information" notifications (itself for information).
    public static let digest = "notification.digest"

    public static let all: [NotificationKind] = [
        // Cases and their clocks
        .init("case.assigned", .needsMe, "notifications.kind.case_assigned"),
        .init("case.escalated", .needsMe, "notifications.kind.case_escalated"),
        .init("case.escalation_skipped", .forInformation, "notifications.kind.case_escalation_skipped"),
        .init("case.deadline_warning", .needsMe, "notifications.kind.case_deadline_warning"),
        .init("case.deadline_breach", .needsMe, "notifications.kind.case_deadline_breach"),
        .init("deadline.warning", .needsMe, "notifications.kind.deadline_warning"),
        .init("deadline.breach", .needsMe, "notifications.kind.deadline_breach"),
        // Approvals
        .init("approval.waiting", .needsMe, "notifications.kind.approval_waiting"),
        .init("approval.finished", .forInformation, "notifications.kind.approval_finished"),
        // Complaints
        .init("complaint.severity", .needsMe, "notifications.kind.complaint_severity"),
        .init("complaint.task", .needsMe, "notifications.kind.complaint_task"),
        .init("complaint.task_warning", .needsMe, "notifications.kind.complaint_task_warning"),
        .init("complaint.task_breach", .needsMe, "notifications.kind.complaint_task_breach"),
        .init("complaint.task_reminder", .needsMe, "notifications.kind.complaint_task_reminder"),
        .init("complaint.report", .needsMe, "notifications.kind.complaint_report"),
        .init("complaint.review", .needsMe, "notifications.kind.complaint_review"),
        // Return visits and surveys
        .init("return_visit.warning", .needsMe, "notifications.kind.return_visit_warning"),
        .init("return_visit.breach", .needsMe, "notifications.kind.return_visit_breach"),
        .init("return_visit.feedback", .needsMe, "notifications.kind.return_visit_feedback"),
        .init("return_visit.weekly", .forInformation, "notifications.kind.return_visit_weekly"),
        .init("survey.serious", .needsMe, "notifications.kind.survey_serious"),
        .init("survey.opinion", .forInformation, "notifications.kind.survey_opinion"),
        // Quality (a scorecard or correction is acknowledged by the agent, QA-01)
        .init("qa.inspected", .needsMe, "notifications.kind.qa_inspected"),
        .init("qa.disputed", .needsMe, "notifications.kind.qa_disputed"),
        .init("qa.dispute_decided", .forInformation, "notifications.kind.qa_dispute_decided"),
        .init("qa.training_plan", .forInformation, "notifications.kind.qa_training_plan"),
        // Reports
        .init("report.monthly_due", .needsMe, "notifications.kind.report_monthly_due"),
        .init("report.submitted", .forInformation, "notifications.kind.report_submitted"),
        // Front desk: messages, visitors, notices, parcels, supplies, access
        .init("phone_message", .needsMe, "notifications.kind.phone_message"),
        .init("phone_message.urgent", .needsMe, "notifications.kind.phone_message_urgent"),
        .init("phone_message.unread", .needsMe, "notifications.kind.phone_message_unread"),
        .init("visitor.registered", .needsMe, "notifications.kind.visitor_registered"),
        .init("visitor.arrived", .needsMe, "notifications.kind.visitor_arrived"),
        .init("visitor.message_left", .forInformation, "notifications.kind.visitor_message_left"),
        .init("visitor.area_decided", .forInformation, "notifications.kind.visitor_area_decided"),
        .init("notice", .forInformation, "notifications.kind.notice"),
        .init("notice.reminder", .needsMe, "notifications.kind.notice_reminder"),
        .init("notice.report", .forInformation, "notifications.kind.notice_report"),
        .init("parcel", .needsMe, "notifications.kind.parcel"),
        .init("parcel.important", .needsMe, "notifications.kind.parcel_important"),
        .init("parcel.delegated", .needsMe, "notifications.kind.parcel_delegated"),
        .init("parcel.overdue", .needsMe, "notifications.kind.parcel_overdue"),
        .init("supply.low_stock", .needsMe, "notifications.kind.supply_low_stock"),
        .init("supply.requisition_approved", .needsMe, "notifications.kind.supply_requisition_approved"),
        .init("supply.stocktake_variance", .forInformation, "notifications.kind.supply_stocktake_variance"),
        .init("access_equipment.fault", .needsMe, "notifications.kind.access_equipment_fault"),
        .init("front_desk.assessed", .forInformation, "notifications.kind.front_desk_assessed"),
        .init("front_desk.commendation", .needsMe, "notifications.kind.front_desk_commendation"),
        .init("front_desk.admonishment_talk", .needsMe, "notifications.kind.front_desk_admonishment_talk"),
        // People: fines, meetings, handovers, training, leave, duties, safety
        .init("fines.dismissal", .needsMe, "notifications.kind.fines_dismissal"),
        .init("fines.reward", .forInformation, "notifications.kind.fines_reward"),
        .init("meeting.scheduled", .forInformation, "notifications.kind.meeting_scheduled"),
        .init("meeting.leave", .forInformation, "notifications.kind.meeting_leave"),
        .init("meeting.task", .needsMe, "notifications.kind.meeting_task"),
        .init("handover.created", .needsMe, "notifications.kind.handover_created"),
        .init("training.scheduled", .forInformation, "notifications.kind.training_scheduled"),
        .init("training.mentor", .forInformation, "notifications.kind.training_mentor"),
        .init("leave.hand_in_warning", .needsMe, "notifications.kind.leave_hand_in_warning"),
        .init("leave.hand_in_breach", .needsMe, "notifications.kind.leave_hand_in_breach"),
        .init("leave.absenteeism", .forInformation, "notifications.kind.leave_absenteeism"),
        .init("shift_swap.missed", .forInformation, "notifications.kind.shift_swap_missed"),
        .init("duty.assigned", .needsMe, "notifications.kind.duty_assigned"),
        .init("duty.overdue", .needsMe, "notifications.kind.duty_overdue"),
        .init("duty.redo", .needsMe, "notifications.kind.duty_redo"),
        .init("safety.finding", .needsMe, "notifications.kind.safety_finding"),
        .init("safety.finding_overdue", .needsMe, "notifications.kind.safety_finding_overdue"),
        .init("safety.decided", .forInformation, "notifications.kind.safety_decided"),
        // Meeting rooms
        .init("room_booking.invited", .forInformation, "notifications.kind.room_booking_invited"),
        .init("room_booking.reminder", .forInformation, "notifications.kind.room_booking_reminder"),
        .init("room_booking.reconfirm", .needsMe, "notifications.kind.room_booking_reconfirm"),
        .init("room_booking.minutes", .forInformation, "notifications.kind.room_booking_minutes"),
        .init("room_booking.fault", .forInformation, "notifications.kind.room_booking_fault"),
        // Hospital guide desk
        .init("hospital.referral", .needsMe, "notifications.kind.hospital_referral"),
        .init("hospital.clinical_request", .needsMe, "notifications.kind.hospital_clinical_request"),
        .init("hospital.request_accepted", .forInformation, "notifications.kind.hospital_request_accepted"),
        // Reports to a superior (ESC-05..12)
        .init("upward_report.filed", .needsMe, "notifications.kind.upward_report_filed"),
        .init("upward_report.emergency", .needsMe, "notifications.kind.upward_report_emergency"),
        .init("upward_report.skipped", .forInformation, "notifications.kind.upward_report_skipped"),
        .init("upward_report.instructed", .needsMe, "notifications.kind.upward_report_instructed"),
        .init("upward_report.insisted", .needsMe, "notifications.kind.upward_report_insisted"),
        .init("upward_report.acknowledged", .forInformation, "notifications.kind.upward_report_acknowledged"),
        .init("upward_report.objected", .needsMe, "notifications.kind.upward_report_objected"),
        .init("upward_report.executed", .forInformation, "notifications.kind.upward_report_executed"),
        .init("upward_report.forwarded", .needsMe, "notifications.kind.upward_report_forwarded"),
        .init("upward_report.overdue", .needsMe, "notifications.kind.upward_report_overdue"),
        // Chat, service jobs, rule feedback (the owner answers it; its answer is rare enough to stay beside it)
        .init("chat.assigned", .needsMe, "notifications.kind.chat_assigned"),
        .init("chat.invited", .needsMe, "notifications.kind.chat_invited"),
        .init("chat.message_left", .needsMe, "notifications.kind.chat_message_left"),
        .init("service.dispatched", .needsMe, "notifications.kind.service_dispatched"),
        .init("service.priority_dispatch", .needsMe, "notifications.kind.service_priority_dispatch"),
        .init("rule_feedback", .needsMe, "notifications.kind.rule_feedback"),
        // The digest itself
        .init(digest, .forInformation, "notifications.kind.digest"),
    ]

    private static let byName: [String: NotificationKind] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    /// The kind named `name`; an undeclared one is "for information".
    public static func kind(_ name: String) -> NotificationKind { byName[name] ?? .undeclared(name) }

    /// The classification: which section a notification of this kind goes to.
    public static func section(of name: String) -> NotificationSection { kind(name).section }

    /// The kinds of one section (bounded: the catalogue above), for queries and back-filling old rows.
    public static func names(in section: NotificationSection) -> [String] { all.filter { $0.section == section }.map(\.name) }
}
