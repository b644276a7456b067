import FluentKit

/// Every migration, in order. Names are stable ("0001_…"): never rename or reorder, only append.
public enum Migrations {
    public static let all: [any Migration] = [
        CreateOrganization(),
        CreateAccess(),
        CreateAuditEvents(),
        CreateApprovals(),
        CreateDeadlineClocks(),
        CreateNotifications(),
        CreateJobLeases(),
        CreateCustomers(),
        CreateCases(),
        CreateServiceJobs(),
        UniqueCustomerPhones(),
        CreateWebhooks(),
        CreateCustomerProducts(),
        CreateComplaints(),
        CreateComplaintWorkflow(),
        CreateReturnVisits(),
        CreateAccountability(),
        CreateKnowledgeBase(),
        CreateQualityInspection(),
        CreateCaseDayStats(),
        CreateWorkforce(),
        CreateFinesAndMeetings(),
        CreatePhoneMessages(),
        CreateVisitors(),
        CreateLeaveAndSwaps(),
        CreateMeetingRooms(),
        CreateParcelsAndSupplies(),
        CreateNoticesAndAccessCards(),
        CreateTraining(),
        CreateEvaluations(),
        CreateDutiesAndInspections(),
    ]

    /// Tables emptied between tests on a shared PostgreSQL database (children before parents).
    public static let tables = [
        "safety_requests", "closing_checks", "safety_findings", "safety_inspection_items", "safety_inspections", "duties",
        "promotions", "excellent_titles", "quarterly_grades", "monthly_evaluations", "mentorships", "training_trainees", "training_sessions", "front_desk_assessments", "notice_recipients", "notices", "access_equipment_reports", "access_cards",
        "room_loans", "room_checks", "room_bookings", "meeting_rooms",
        "shift_swaps", "leave_requests",
        "supply_purchases", "supply_stocktake_lines", "supply_stocktakes", "supply_requisitions", "supply_items", "parcels",
        "visitor_blocklist", "visitors", "phone_messages", "report_submissions", "case_day_agents", "case_day_mix", "case_day_stats",
        "meeting_decisions", "meeting_attendees", "meetings", "rewards", "violations",
        "kb_search", "kb_uses", "kb_reads", "kb_document_contents", "kb_documents", "kb_entry_versions", "kb_entries", "phrases",
        "duty_logs", "handovers", "off_post_requests", "roll_calls", "attendance", "roster_entries", "shift_templates",
        "qa_flags", "qa_training_plans", "qa_monthly", "qa_scores", "qa_inspections",
        "accountability_entries", "accountability_persons", "accountability_cases", "return_visit_weeks", "survey_person_months", "survey_tokens", "surveys", "return_visit_attempts", "return_visits", "fines_ledger", "complaint_review_items", "complaint_reviews", "complaint_slips", "complaint_tasks", "complaints", "customer_phones", "customer_notes", "customer_products", "webhook_deliveries", "webhooks", "service_jobs", "case_search", "case_number_sequences", "case_attachment_contents", "case_attachments", "case_links", "case_notes", "cases",
        "customer_phone_keys", "customers", "job_leases", "notifications", "deadline_clocks", "approval_steps", "approvals", "audit_events",
        "login_guards", "auth_tokens", "users", "teams", "departments",
    ]
}
