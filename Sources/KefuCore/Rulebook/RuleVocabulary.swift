import KefuDomain

/// What the staff's reading of the rulebook needs to know beyond the value's form (issue 21 item 13): the unit
/// of each number, where the labels of a key's words live, and which lists are a sequence or a conjunction.
/// Written out per key because a number's unit is in no schema type (`200` is yuan, `30` is days).
package enum RuleVocabulary {
    /// How a number of a key (or of a part of a map) is told.
    package enum Unit: String, Sendable {
        case yuan, yuanPerHour = "yuan_per_hour", percent, seconds, minutes, days, months, dayOfMonth = "day_of_month"
        case bytes, characters, charactersPerMinute = "characters_per_minute", points, times, rank, multiple, grades
        /// A bare count whose title says what is counted (会话数, 工单数).
        case count
    }

    /// The unit of each number, by the last name of its key or of its part (`monthly_pay` in `pay_grades.*`).
    package static let units: [String: Unit] = [
        "low_fee_threshold": .yuan, "lost_badge_compensation": .yuan, "informant_reward": .yuan, "monthly_pay": .yuan,
        "amounts": .yuan, "external_tariff_per_hour": .yuanPerHour,
        "warn_at_percent": .percent, "target_rate_percent": .percent, "finding_below_percent": .percent,
        "qa_weight": .percent, "satisfaction_weight": .percent, "weight": .percent,
        "scan_interval_seconds": .seconds, "rate_limit_seconds": .seconds,
        "violation_after_minutes": .minutes, "off_post_consent_after_minutes": .minutes, "leave_notice_minutes": .minutes,
        "early_arrival_minutes": .minutes,
        "sick_certificate_from_days": .days, "sample_window_days": .days, "common_problems_days": .days, "max_range_days": .days,
        "summary_due_days": .days, "absence_days_before_resignation": .days, "archive_after_days": .days, "loan_days": .days,
        "reminder_days_before": .days, "inspection_every_days": .days, "finding_due_days": .days,
        "review_every_months": .months, "min_months_of_service": .months, "failed_months_before_dismissal": .months,
        "demotion_months_outside_top": .months,
        "monthly_review_day": .dayOfMonth, "monthly_quality_due_day": .dayOfMonth, "monthly_before_day": .dayOfMonth,
        "attachment_max_bytes": .bytes, "max_image_bytes": .bytes,
        "max_message_chars": .characters, "proposal_min_chars": .characters, "instruction_min_chars": .characters,
        "typing_speed_chars_per_minute": .charactersPerMinute,
        "violation_deduction": .points, "breach_deduction": .points, "pass_score": .points, "max_score": .points,
        "max_attempts": .times, "max_per_month": .times, "monthly_quota": .times, "excellent_titles": .times,
        "quarterly_a_grades": .times, "demotion_quarterly_b_grades": .times, "return_visit_count": .times, "max_occurrences": .times,
        "top_rank": .rank, "absenteeism_day_pay_multiple": .multiple, "max_grade_difference": .grades,
        "samples_per_agent": .count, "max_concurrent_per_agent": .count, "rate_limit_count": .count,
        "first": .count, "last": .count, "digits": .count,
    ]

    /// Where the labels of a key's words, names and map keys are, when the product already names them elsewhere;
    /// every other word is `rulebook.word.<word>`.
    package static let labelPrefixes: [String: String] = [
        "numbering.prefixes": "case.type.", "cases.resolve_within": "case.priority.",
        "cases.customer_tiers": "customer.tier.", "cases.priority_tiers": "customer.tier.",
        "complaints.step_deadlines": "complaint.step.", "complaints.severity_routing": "complaint.severity.",
        "complaints.penalty_types": "complaint.penalty.", "accountability.sanctions": "accountability.sanction.",
        "knowledge_base.catalogs": "kb.catalog.", "quality.chat_channels": "case.channel.",
        "staff.typing_speed_chars_per_minute": "grade.", "upward_reports.senior_seat_min_grade": "grade.",
        "supplies.admin_department_kind": "department_kind.", "upward_reports.category_routes": "upward.category.",
        "upward_reports.role_routes": "role.", "governance.feedback_owners": "rulebook.section.",
        "meetings.weekly_on": "weekday.", "meetings.monthly_on": "weekday.", "hospital.flow": "rulebook.hospital_step.",
    ]

    /// Lists whose order is the rule (lowest level first, first step first): told as `A → B → C`.
    package static let sequences: Set<String> = ["escalation.chain", "hospital.flow", "promotion.quarterly_grades"]

    /// Lists of conditions that must all hold: told as `A 且 B`.
    package static let conjunctions: Set<String> = ["complaints.close_requires"]

    /// The unit of `name`, the last word of a key or a part's name.
    package static func unit(of name: String) -> Unit? {
        units[name] ?? units[String(name.split(separator: ".").last ?? "")]
    }
}
