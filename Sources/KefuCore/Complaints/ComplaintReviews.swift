import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// CMP-40..42: by the rulebook's day of each month the GM office reviews last month's closed complaints.
/// The scheduler opens the review; each complaint gets an outcome: none, an administrative penalty (HR
/// publishes them in a 人事公布单, CMP-41) or a bonus deduction (a 奖罚通知单 the GM approves, then the
/// deduction lands in the person's fines ledger, CMP-42).
package struct ComplaintReviews {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let deductionSubject = "complaint_deduction"

    package enum Outcome: String, CaseIterable, Codable, Sendable {
        case none
        case administrativePenalty = "administrative_penalty"
        case bonusDeduction = "bonus_deduction"
    }

    /// The scheduled job: opens the review of last month once (idempotent); returns it when it opened one.
    @discardableResult
    package func openDue(now: Date) async throws -> ComplaintReviewRecord? {
        let calendar = services.rulebook.calendar
        let today = calendar.localDate(of: now)
        let month = ComplaintReviewCalendar.previousMonth(of: today)
        if try await ComplaintRepository(db: db).review(month: month.label) != nil { return nil }
        let review = ComplaintReviewRecord()
        review.id = services.newID()
        review.month = month.label
        review.dueOn = ComplaintReviewCalendar.dueDate(of: today, day: services.rulebook.complaints.monthlyReviewDay).description
        review.state = "open"
        review.openedAt = now
        review.version = 1
        let (from, to) = (calendar.startOfDay(month.first), calendar.startOfDay(month.next))
        try await db.transaction { db in
            try await ComplaintRepository(db: db).insert(review)
            // Keyset over (closed_at, id): a month of closed complaints in pages, never one unbounded read.
            var after: (Date, UUID)?
            while true {
                let page = try await ComplaintRepository(db: db).closedComplaintCases(from: from, to: to, after: after, limit: 500)
                for record in page {
                    let item = ComplaintReviewItemRecord()
                    item.reviewID = review.id!
                    item.caseID = record.id!
                    item.outcome = "pending"
                    item.state = "pending"
                    item.version = 1
                    try await ComplaintRepository(db: db).insert(item)
                }
                guard page.count == 500, let last = page.last, let at = last.closedAt else { break }
                after = (at, last.id!)
            }
            try await Notifier(db: db, services: services).notify(role: .gmOffice, departmentID: nil, Notifier.Notice(
                kind: "complaint.review", titleKey: "notice.complaint_review", titleArgument: month.label, link: "/complaints/reviews/\(review.id!)",
                subjectType: "complaint_review", subjectID: review.id!, dedupeKey: "complaint_review:\(month.label)"))
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "complaint.review_opened", subjectType: "complaint_review",
                subjectID: review.id!, summary: "\(month.label) due \(review.dueOn)", ruleKey: "complaints.monthly_review_day",
                rulebookVersion: services.rulebook.versionShort))
        }
        return review
    }

    package struct OutcomeRequest: Decodable {
        package let outcome: Outcome
        package var personID: UUID? = nil
        package var departmentID: UUID? = nil
        package var amount: MoneyInput? = nil
        package var note: String? = nil

        package init(outcome: Outcome, personID: UUID? = nil, departmentID: UUID? = nil, amount: MoneyInput? = nil, note: String? = nil) {
            self.outcome = outcome
            self.personID = personID
            self.departmentID = departmentID
            self.amount = amount
            self.note = note
        }

        package enum CodingKeys: String, CodingKey {
            case outcome, amount, note
            case personID = "person_id", departmentID = "department_id"
        }
    }

    /// The GM office records the outcome of one reviewed complaint.
    package func setOutcome(reviewID: UUID, itemID: UUID, _ request: OutcomeRequest, by staff: StaffUser) async throws -> ComplaintReviewItemRecord {
        guard staff.roles.contains(.gmOffice) || staff.roles.contains(.admin) else { throw DomainError.forbidden(reason: "error.complaint.gm_office_only") }
        var fields: [String: String] = [:]
        let note = request.note?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (note?.count ?? 0) > 2_000 { fields["note"] = "error.field.too_long" }
        if request.outcome != .none {
            if request.personID == nil { fields["person_id"] = "error.field.required" }
            if note == nil { fields["note"] = "error.field.required" }
        }
        if request.outcome == .bonusDeduction {
            if let amount = request.amount?.value { if amount <= 0 { fields["amount"] = "error.field.invalid_value" } } else { fields["amount"] = "error.field.required" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        if let person = request.personID, try await UserRepository(db: db).find(person) == nil {
            throw DomainError.validation(fields: ["person_id": "error.field.unknown_user"])
        }
        return try await db.transaction { db in
            guard let review = try await ComplaintRepository(db: db).find(ComplaintReviewRecord.self, reviewID),
                  let item = try await ComplaintRepository(db: db).find(ComplaintReviewItemRecord.self, itemID), item.reviewID == reviewID else {
                throw DomainError.notFound(subject: "complaint_review")
            }
            guard review.state == "open" else { throw DomainError.invalidTransition(from: review.state, to: "outcome") }
            guard ["pending", "done", "to_announce", "rejected"].contains(item.state) else { throw DomainError.invalidTransition(from: item.state, to: "outcome") }
            item.outcome = request.outcome.rawValue
            item.personID = request.outcome == .none ? nil : request.personID
            item.departmentID = request.departmentID
            item.amount = request.outcome == .bonusDeduction ? request.amount.map { MoneyInput.text($0.value) } : nil
            item.note = note
            switch request.outcome {
            case .none: item.state = "done"
            case .administrativePenalty: item.state = "to_announce"
            case .bonusDeduction:
                let approval = try await ApprovalEngine(db: db, services: services).start(
                    chain: ApprovalChain(steps: [ApprovalStepSpec(role: services.rulebook.complaints.deductionApprover)], ruleKey: "complaints.deduction_approver"),
                    subjectType: Self.deductionSubject, subjectID: item.id!, requestedBy: staff.id, requesterName: staff.username)
                item.approvalID = approval.id
                item.state = "pending_approval"
            }
            item.version += 1
            try await ComplaintRepository(db: db).save(item)
            try await audit(reviewID, staff, "complaint.review_outcome", "\(request.outcome.rawValue) \(item.amount ?? "")",
                            rule: request.outcome == .bonusDeduction ? "complaints.deduction_approver" : "complaints.monthly_review_day", db: db)
            return item
        }
    }

    /// CMP-41: HR publishes the month's administrative penalties as a 人事公布单.
    package func announce(reviewID: UUID, by staff: StaffUser) async throws -> ComplaintReviewRecord {
        guard staff.roles.contains(.hr) || staff.roles.contains(.admin) else { throw DomainError.forbidden(reason: "error.complaint.hr_only") }
        return try await db.transaction { db in
            guard let review = try await ComplaintRepository(db: db).find(ComplaintReviewRecord.self, reviewID) else { throw DomainError.notFound(subject: "complaint_review") }
            let items = try await ComplaintRepository(db: db).reviewItems(reviewID: reviewID, state: "to_announce")
            guard !items.isEmpty else { throw DomainError.invalidTransition(from: review.state, to: "announced") }
            for item in items {
                item.state = "announced"
                item.version += 1
                try await ComplaintRepository(db: db).save(item)
            }
            review.announcedAt = services.now()
            review.announcedBy = staff.displayName
            review.version += 1
            try await ComplaintRepository(db: db).save(review)
            try await audit(reviewID, staff, "complaint.review_announced", "\(items.count)", rule: nil, db: db)
            return review
        }
    }

    /// The GM office closes the review once every complaint has its outcome.
    package func complete(reviewID: UUID, by staff: StaffUser) async throws -> ComplaintReviewRecord {
        guard staff.roles.contains(.gmOffice) || staff.roles.contains(.admin) else { throw DomainError.forbidden(reason: "error.complaint.gm_office_only") }
        return try await db.transaction { db in
            guard let review = try await ComplaintRepository(db: db).find(ComplaintReviewRecord.self, reviewID) else { throw DomainError.notFound(subject: "complaint_review") }
            guard review.state == "open" else { throw DomainError.invalidTransition(from: review.state, to: "completed") }
            if try await !ComplaintRepository(db: db).reviewItems(reviewID: reviewID, state: "pending", limit: 1).isEmpty {
                throw DomainError.conflict(reason: "error.complaint.review_items_pending")
            }
            review.state = "completed"
            review.completedAt = services.now()
            review.completedBy = staff.displayName
            review.version += 1
            try await ComplaintRepository(db: db).save(review)
            try await audit(reviewID, staff, "complaint.review_completed", review.month, rule: "complaints.monthly_review_day", db: db)
            return review
        }
    }

    package func audit(_ reviewID: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, rule: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "complaint_review",
            subjectID: reviewID, summary: summary, ruleKey: rule, rulebookVersion: services.rulebook.versionShort))
    }
}
