import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/complaints`: every complaint with its deadline state and amounts, the overdue report (CMP-33) and the
/// department's task list; `/complaints/reviews`: the GM office's monthly reviews (CMP-40..42) with the
/// printable 人事公布单 and 奖罚通知单.
struct ComplaintListsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "complaints", access: .permission(.complaintsWork), summary: "Complaint list, overdue report and department tasks", use: list)
        routes.on(.GET, "complaints", "reviews", access: .permission(.complaintsReview), summary: "Monthly complaint reviews", use: reviews)
        routes.on(.GET, "complaints", "reviews", ":review", access: .permission(.complaintsReview), summary: "One monthly review", use: review)
        routes.on(.POST, "complaints", "reviews", ":review", "items", ":item", "outcome", access: .permission(.complaintsReview),
                  summary: "Outcome of a reviewed complaint (form)") { req in
            try await act(req) { staff in
                struct Form: Content { var outcome: String?, personID: String?, amount: String?, note: String?
                    enum CodingKeys: String, CodingKey { case outcome, amount, note, personID = "person_id" } }
                let form = try req.content.decode(Form.self)
                guard let outcome = form.outcome.flatMap(ComplaintReviews.Outcome.init(rawValue:)) else { throw DomainError.validation(fields: ["outcome": "error.field.choice"]) }
                guard let item = req.parameters.get("item", as: UUID.self) else { throw DomainError.notFound(subject: "complaint_review") }
                var amount: MoneyInput?
                if let text = form.amount?.nilIfBlank {
                    guard let value = ComplaintWebForm.money(text) else { throw DomainError.validation(fields: ["amount": "error.field.money"]) }
                    amount = MoneyInput(value: value)
                }
                _ = try await ComplaintReviews(db: req.db, services: req.services).setOutcome(
                    reviewID: try ComplaintListsAPIController.review(req).id!, itemID: item,
                    .init(outcome: outcome, personID: form.personID.flatMap(UUID.init(uuidString:)), amount: amount, note: form.note), by: staff)
            }
        }
        routes.on(.POST, "complaints", "reviews", ":review", "announce", access: .permission(.complaintsReview), summary: "Publish the personnel announcement (form)") { req in
            try await act(req) { _ = try await ComplaintReviews(db: req.db, services: req.services).announce(reviewID: try ComplaintListsAPIController.review(req).id!, by: $0) }
        }
        routes.on(.POST, "complaints", "reviews", ":review", "complete", access: .permission(.complaintsReview), summary: "Complete the monthly review (form)") { req in
            try await act(req) { _ = try await ComplaintReviews(db: req.db, services: req.services).complete(reviewID: try ComplaintListsAPIController.review(req).id!, by: $0) }
        }
        routes.on(.GET, "complaints", "reviews", ":review", "announcement", access: .permission(.complaintsReview),
                  summary: "Printable personnel announcement (人事公布单, CMP-41)", use: announcement)
        routes.on(.GET, "complaints", "reviews", ":review", "items", ":item", "notice", access: .permission(.complaintsReview),
                  summary: "Printable reward/penalty notice (奖罚通知单, CMP-42)", use: notice)
    }

    struct Row: Encodable {
        let c: CaseRow, link: String, severity: String, severityLabel: String, claim: String, decisionAmount: String, decisionState: String, decisionLabel: String?
    }
    struct TaskRow: Encodable { let caseID: UUID, number: String, kindLabel: String, partner: String?, due: String, overdue: Bool }
    struct ListPage: Encodable {
        let shell: PageShell, view: String, views: [SelectOption], rows: [Row], tasks: [TaskRow], nextURL: String?, canCreate: Bool
    }

    @Sendable func list(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let view = ["all", "overdue", "tasks"].contains(req.query[String.self, at: "view"] ?? "") ? req.query[String.self, at: "view"]! : "all"
        var rows: [Row] = [], tasks: [TaskRow] = [], next: String?
        if view == "tasks" {
            if let department = staff.departmentID {
                let open = try await ComplaintTaskRecord.open(departmentID: department, limit: 200, on: req.db)
                let numbers = Dictionary(try await CaseRepository(db: req.db).find(ids: Array(Set(open.map(\.caseID)))).map { ($0.id!, $0.number) },
                                         uniquingKeysWith: { a, _ in a })
                let now = req.services.now()
                tasks = open.map { TaskRow(caseID: $0.caseID, number: numbers[$0.caseID] ?? "", kindLabel: req.t("complaint.task.\($0.kind)"),
                                           partner: $0.partner, due: DisplayTime.format($0.dueAt, req), overdue: $0.dueAt < now) }
            }
        } else if staff.has(.casesRead) {
            var filter = CaseRepository.Filter()
            filter.type = .complaint
            if view == "overdue" { filter.breached = true; filter.statuses = CaseStatus.allCases.filter(\.isOpen) }
            let (cursor, _) = try req.pagination()
            let scope = try await CaseScope.of(staff, db: req.db)
            let page = try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: cursor, limit: 50)
            let forms = try await ComplaintRecord.forCases(page.items.compactMap(\.id), on: req.db)
            let caseRows = try await CaseRow.rows(page.items, req: req)
            rows = caseRows.map { row in
                let form = forms[row.id]
                return Row(c: row, link: form == nil ? "/cases/\(row.id)" : "/cases/\(row.id)/complaint", severity: form?.severity ?? "general", severityLabel: req.t("complaint.severity.\(form?.severity ?? "general")"),
                           claim: form?.claimAmount ?? "", decisionAmount: form?.decisionAmount ?? "", decisionState: form?.decisionState ?? "none",
                           decisionLabel: form?.decisionMethod.map { req.t("complaint.method.\($0)") + " · " + req.t("complaint.decision_state.\(form?.decisionState ?? "none")") })
            }
            next = page.nextCursor.map { "/complaints?view=\(view)&cursor=\($0)" }
        }
        return try await req.view.render("complaints/index", ListPage(
            shell: PageShell(req, title: req.t("complaints.title")), view: view,
            views: ["all", "overdue", "tasks"].map { SelectOption(value: $0, label: req.t("complaints.view.\($0)"), selected: $0 == view) },
            rows: rows, tasks: tasks, nextURL: next, canCreate: staff.has(.casesCreate)))
    }

    struct ReviewLine: Encodable { let id: UUID, month: String, dueOn: String, state: String, stateLabel: String }
    struct ReviewsPage: Encodable { let shell: PageShell, reviews: [ReviewLine] }

    @Sendable func reviews(req: Request) async throws -> View {
        let reviews = try await ComplaintRepository(db: req.db).reviews()
        return try await req.view.render("complaints/reviews", ReviewsPage(shell: PageShell(req, title: req.t("complaint.reviews")), reviews: reviews.map {
            ReviewLine(id: $0.id!, month: $0.month, dueOn: $0.dueOn, state: $0.state, stateLabel: req.t("complaint.review_state.\($0.state)"))
        }))
    }

    struct ItemLine: Encodable {
        let id: UUID, caseID: UUID, number: String, subject: String, handling: String, proposed: String, state: String, stateLabel: String
        let outcomeLabel: String, person: String, amount: String, note: String?, editable: Bool, notice: Bool
    }
    struct ReviewPage: Encodable {
        let shell: PageShell, review: ComplaintListsAPIController.ReviewResponse, stateLabel: String, items: [ItemLine]
        let outcomes: [SelectOption], people: [SelectOption], canDecide: Bool, canAnnounce: Bool, canComplete: Bool, announced: Bool
    }

    @Sendable func review(req: Request) async throws -> View { try await renderReview(req, flashError: nil) }

    func renderReview(_ req: Request, flashError: String?) async throws -> View {
        let staff = try req.requireStaff()
        let review = try await ComplaintListsAPIController.review(req)
        let items = try await ComplaintRepository(db: req.db).reviewItems(reviewID: review.id!)
        let cases = Dictionary(try await CaseRepository(db: req.db).find(ids: items.map(\.caseID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let forms = try await ComplaintRecord.forCases(items.map(\.caseID), on: req.db)
        let people = try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items.filter(\.active)
        let names = Dictionary(people.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let office = staff.roles.contains(.gmOffice) || staff.roles.contains(.admin)
        let lines = items.map { item -> ItemLine in
            let form = forms[item.caseID]
            return ItemLine(id: item.id!, caseID: item.caseID, number: cases[item.caseID]?.number ?? "", subject: cases[item.caseID]?.subject ?? "",
                            handling: form.flatMap { f in f.decisionMethod.map { req.t("complaint.method.\($0)") + " " + (f.decisionAmount ?? "") } } ?? "",
                            proposed: form?.penaltyType.map { req.t("complaint.penalty.\($0)") + (form?.penaltyPersonID.flatMap { names[$0] }.map { " · " + $0 } ?? "") } ?? "",
                            state: item.state, stateLabel: req.t("complaint.item_state.\(item.state)"),
                            outcomeLabel: item.outcome == "pending" ? "" : req.t("complaint.outcome.\(item.outcome)"),
                            person: item.personID.flatMap { names[$0] } ?? "", amount: item.amount ?? "", note: item.note,
                            editable: ["pending", "done", "to_announce", "rejected"].contains(item.state),
                            notice: item.outcome == ComplaintReviews.Outcome.bonusDeduction.rawValue)
        }
        return try await req.view.render("complaints/review", ReviewPage(
            shell: PageShell(req, title: "\(req.t("complaint.review_of")) \(review.month)", flashError: flashError),
            review: .init(review), stateLabel: req.t("complaint.review_state.\(review.state)"), items: lines,
            outcomes: ComplaintReviews.Outcome.allCases.map { SelectOption(value: $0.rawValue, label: req.t("complaint.outcome.\($0.rawValue)")) },
            people: [SelectOption(value: "", label: "—")] + people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) },
            canDecide: office && review.state == "open",
            canAnnounce: (staff.roles.contains(.hr) || staff.roles.contains(.admin)) && items.contains { $0.state == "to_announce" },
            canComplete: office && review.state == "open", announced: review.announcedAt != nil))
    }

    private func act(_ req: Request, _ body: (StaffUser) async throws -> Void) async throws -> Response {
        let review = try await ComplaintListsAPIController.review(req)
        do {
            try await body(try req.requireStaff())
            return req.redirect(to: "/complaints/reviews/\(review.id!)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            let response = try await renderReview(req, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }

    @Sendable func announcement(req: Request) async throws -> View {
        let review = try await ComplaintListsAPIController.review(req)
        let items = try await ComplaintRepository(db: req.db).reviewItems(reviewID: review.id!, outcome: ComplaintReviews.Outcome.administrativePenalty.rawValue)
        let names = try await CasePeople.names(of: items.compactMap(\.personID), db: req.db)
        let cases = Dictionary(try await CaseRepository(db: req.db).find(ids: items.map(\.caseID)).map { ($0.id!, $0.number) }, uniquingKeysWith: { a, _ in a })
        typealias Field = ComplaintDocumentsWebController.Field
        return try await req.view.render("complaints/document", ComplaintDocumentsWebController.DocumentPage(
            shell: PageShell(req, title: req.t("complaint.announcement")), organization: req.services.rulebook.organization.name,
            title: req.t("complaint.announcement"), subtitle: "\(req.t("complaint.review_of")) \(review.month)", isInternal: false,
            fields: [], headers: [req.t("complaint.penalty_person"), req.t("case.number"), req.t("complaint.cause_item")],
            rows: items.map { [$0.personID.flatMap { names[$0] } ?? "", cases[$0.caseID] ?? "", $0.note ?? ""] }, copies: nil,
            signatures: [Field(label: req.t("complaint.sign.hr"), value: review.announcedBy.map { "\($0) \(review.announcedAt.map { DisplayTime.format($0, req) } ?? "")" } ?? "")],
            back: "/complaints/reviews/\(review.id!)"))
    }

    @Sendable func notice(req: Request) async throws -> View {
        let review = try await ComplaintListsAPIController.review(req)
        guard let id = req.parameters.get("item", as: UUID.self), let item = try await ComplaintReviewItemRecord.find(id, on: req.db), item.reviewID == review.id else {
            throw DomainError.notFound(subject: "complaint_review")
        }
        let names = try await CasePeople.names(of: item.personID.map { [$0] } ?? [], db: req.db)
        let number = try await CaseRepository(db: req.db).find(item.caseID)?.number ?? ""
        let approval = try await item.approvalID.asyncMap { try await ApprovalRepository(db: req.db).find($0) } ?? nil
        typealias Field = ComplaintDocumentsWebController.Field
        return try await req.view.render("complaints/document", ComplaintDocumentsWebController.DocumentPage(
            shell: PageShell(req, title: req.t("complaint.notice")), organization: req.services.rulebook.organization.name,
            title: req.t("complaint.notice"), subtitle: "\(req.t("case.number")) \(number) · \(review.month)", isInternal: false,
            fields: [Field(label: req.t("complaint.penalty_person"), value: item.personID.flatMap { names[$0] } ?? ""),
                     Field(label: req.t("complaint.cause_item"), value: item.note ?? ""),
                     Field(label: req.t("complaint.deduction"), value: item.amount ?? "")],
            headers: [], rows: [], copies: nil,
            signatures: [Field(label: req.t("complaint.sign.gm_office"), value: ""),
                         Field(label: req.t("complaint.sign.gm"), value: approval.map { req.t("approval.state.\($0.state.rawValue)") } ?? "")],
            back: "/complaints/reviews/\(review.id!)"))
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
