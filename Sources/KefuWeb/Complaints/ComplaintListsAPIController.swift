import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The complaint lists: all complaints with their deadline state and amounts, the overdue report (CMP-33),
/// a department's open tasks, and the monthly reviews (CMP-40..42) with the fines ledger they feed.
struct ComplaintListsAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.on(.GET, "complaints", access: .permission(.casesRead),
               summary: "Complaint cases with their form, deadlines and amounts; overdue=true is the overdue report (CMP-33)", use: list)
        api.on(.GET, "complaint-tasks", access: .permission(.complaintsWork), summary: "Open complaint tasks of the caller's department (CMP-05..09)",
               use: tasks)
        api.on(.GET, "complaint-reviews", access: .permission(.complaintsReview), summary: "Monthly reviews of closed complaints (CMP-40)",
               use: reviews)
        api.on(.GET, "complaint-reviews", ":review", access: .permission(.complaintsReview), summary: "One monthly review with its items", use: review)
        api.on(.POST, "complaint-reviews", ":review", "items", ":item", "outcome", access: .permission(.complaintsReview),
               summary: "Outcome of one reviewed complaint: none, administrative penalty (CMP-41), bonus deduction (CMP-42)", request: ComplaintReviews.OutcomeRequest.self, use: outcome)
        api.on(.POST, "complaint-reviews", ":review", "announce", access: .permission(.complaintsReview),
               summary: "HR publishes the personnel announcement of the month's administrative penalties (CMP-41)", request: NoBody.self, use: announce)
        api.on(.POST, "complaint-reviews", ":review", "complete", access: .permission(.complaintsReview),
               summary: "The GM office completes the monthly review", request: NoBody.self, use: complete)
        api.on(.GET, "fines-ledger", access: .authenticated, summary: "Fines and rewards ledger: one's own, or anyone's with complaints.review or fines.read",
               use: ledger)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<CaseResponse> {
        let (cursor, limit) = try req.pagination()
        let staff = try req.requireStaff()
        var filter = try CaseListQuery.filter(from: req, staff: staff)
        filter.type = .complaint
        if req.query[String.self, at: "overdue"] == "true" {
            filter.breached = true
            if filter.statuses.isEmpty { filter.statuses = CaseStatus.allCases.filter(\.isOpen) }
        }
        let scope = try await CaseScope.of(staff, db: req.db)
        let page = try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: cursor, limit: limit)
        var items = try await CaseResponse.page(page.items, unmasked: staff.has(.customerPIIRead), db: req.db)
        let forms = try await ComplaintRecord.forCases(page.items.compactMap(\.id), on: req.db)
        for index in items.indices { items[index].complaint = forms[items[index].id].map(ComplaintResponse.init) }
        return ListResponse(items: items, nextCursor: page.nextCursor)
    }

    @Sendable func tasks(req: Request) async throws -> ListResponse<ComplaintTaskResponse> {
        let staff = try req.requireStaff()
        guard let department = staff.departmentID else { return ListResponse(items: []) }
        return ListResponse(items: try await ComplaintTaskRecord.open(departmentID: department, limit: 200, on: req.db).map(ComplaintTaskResponse.init))
    }

    struct ReviewResponse: Content {
        struct Item: Content {
            let id: UUID, caseID: UUID, outcome: String, personID: UUID?, departmentID: UUID?, amount: String?, note: String?
            let approvalID: UUID?, state: String, version: Int
            enum CodingKeys: String, CodingKey {
                case id, outcome, amount, note, state, version
                case caseID = "case_id", personID = "person_id", departmentID = "department_id", approvalID = "approval_id"
            }
            init(_ r: ComplaintReviewItemRecord) {
                id = r.id!; caseID = r.caseID; outcome = r.outcome; personID = r.personID; departmentID = r.departmentID; amount = r.amount
                note = r.note; approvalID = r.approvalID; state = r.state; version = r.version
            }
        }
        let id: UUID, month: String, dueOn: String, state: String, openedAt: Date, completedAt: Date?, announcedAt: Date?, version: Int
        var items: [Item]?
        enum CodingKeys: String, CodingKey {
            case id, month, state, items, version
            case dueOn = "due_on", openedAt = "opened_at", completedAt = "completed_at", announcedAt = "announced_at"
        }
        init(_ r: ComplaintReviewRecord, items: [ComplaintReviewItemRecord]? = nil) {
            id = r.id!; month = r.month; dueOn = r.dueOn; state = r.state; openedAt = r.openedAt; completedAt = r.completedAt
            announcedAt = r.announcedAt; version = r.version; self.items = items?.map(Item.init)
        }
    }

    @Sendable func reviews(req: Request) async throws -> ListResponse<ReviewResponse> {
        ListResponse(items: try await ComplaintRepository(db: req.db).reviews().map { ReviewResponse($0) })
    }

    @Sendable func review(req: Request) async throws -> ReviewResponse {
        let review = try await Self.review(req)
        let items = try await ComplaintRepository(db: req.db).reviewItems(reviewID: review.id!)
        return ReviewResponse(review, items: items)
    }

    @Sendable func outcome(req: Request) async throws -> ReviewResponse.Item {
        let body = try req.content.decode(ComplaintReviews.OutcomeRequest.self)
        guard let itemID = req.parameters.get("item", as: UUID.self) else { throw DomainError.notFound(subject: "complaint_review") }
        return ReviewResponse.Item(try await ComplaintReviews(db: req.db, services: req.services).setOutcome(
            reviewID: try Self.review(req).id!, itemID: itemID, body, by: try req.requireStaff()))
    }

    @Sendable func announce(req: Request) async throws -> ReviewResponse {
        ReviewResponse(try await ComplaintReviews(db: req.db, services: req.services).announce(reviewID: try Self.review(req).id!, by: try req.requireStaff()))
    }

    @Sendable func complete(req: Request) async throws -> ReviewResponse {
        ReviewResponse(try await ComplaintReviews(db: req.db, services: req.services).complete(reviewID: try Self.review(req).id!, by: try req.requireStaff()))
    }

    struct LedgerEntry: Content {
        let id: UUID, staffID: UUID, amount: String, reason: String, sourceType: String, sourceID: UUID, createdAt: Date
        /// Added with violations and rewards (ATT-25: every entry names who recorded it).
        let month: String?, recordedByID: UUID?, recordedByName: String?
        enum CodingKeys: String, CodingKey {
            case id, amount, reason, month
            case staffID = "staff_id", sourceType = "source_type", sourceID = "source_id", createdAt = "created_at"
            case recordedByID = "recorded_by_id", recordedByName = "recorded_by_name"
        }
    }

    @Sendable func ledger(req: Request) async throws -> ListResponse<LedgerEntry> {
        let staff = try req.requireStaff()
        var person = staff.id
        if let text = req.query[String.self, at: "staff_id"] {
            guard let id = UUID(uuidString: text) else { throw DomainError.validation(fields: ["staff_id": "error.field.invalid_value"]) }
            guard id == staff.id || staff.has(.complaintsReview) || staff.has(.finesRead) else { throw DomainError.forbidden(reason: "error.forbidden") }
            person = id
        }
        let rows = try await FineLedgerRepository(db: req.db).recent(staffID: person)
        return ListResponse(items: rows.map { LedgerEntry(id: $0.id!, staffID: $0.staffID, amount: $0.amount, reason: $0.reason,
                                                          sourceType: $0.sourceType, sourceID: $0.sourceID, createdAt: $0.createdAt,
                                                          month: $0.month, recordedByID: $0.recordedByID, recordedByName: $0.recordedByName) })
    }

    static func review(_ req: Request) async throws -> ComplaintReviewRecord {
        guard let id = req.parameters.get("review", as: UUID.self), let review = try await ComplaintReviewRecord.find(id, on: req.db) else {
            throw DomainError.notFound(subject: "complaint_review")
        }
        return review
    }
}
