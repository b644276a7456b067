/// Meeting types of the seed documents that are not the CS center's own (MTG-04, MTG-06..13, MTG-15,
/// MTG-17..21): offered only as templates that prefill an ad-hoc meeting (MTG-16: every meeting type is its
/// content, convener or chair, attendees and time). Their texts are localized under
/// `meeting.template.<key>.{name,chair,attendees,when,content}`.
public struct MeetingTemplate: Sendable, Equatable {
    public let key: String
    public let ruleIDs: [String]

    public static let all: [MeetingTemplate] = [
        MeetingTemplate(key: "hospital_team_weekly", ruleIDs: ["MTG-04"]),
        MeetingTemplate(key: "gm_routine", ruleIDs: ["MTG-06", "MTG-09"]),
        MeetingTemplate(key: "department_pre_shift", ruleIDs: ["MTG-10"]),
        MeetingTemplate(key: "cost_procurement", ruleIDs: ["MTG-11"]),
        MeetingTemplate(key: "service_quality", ruleIDs: ["MTG-12"]),
        MeetingTemplate(key: "safety", ruleIDs: ["MTG-13"]),
        MeetingTemplate(key: "special_topics", ruleIDs: ["MTG-15"]),
        MeetingTemplate(key: "student_work_monthly", ruleIDs: ["MTG-17"]),
        MeetingTemplate(key: "student_affairs_weekly", ruleIDs: ["MTG-18"]),
        MeetingTemplate(key: "class_meeting", ruleIDs: ["MTG-19"]),
        MeetingTemplate(key: "school_student_meeting", ruleIDs: ["MTG-20"]),
        MeetingTemplate(key: "student_cadre", ruleIDs: ["MTG-21"]),
    ]

    public static func named(_ key: String) -> MeetingTemplate? { all.first { $0.key == key } }
}
