import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The agent workbench's queue (`/cases`): my open cases, the unassigned queue of my department, or
/// everything in my scope, with filters (status, type, breached, due today) and the search box.
struct CasesWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", access: .permission(.casesRead), summary: "Case queue and search", use: index)
        routes.on(.GET, "cases", "lookup", access: .permission(.customersRead), summary: "Customer lookup by phone (JSON for the new-case form)",
                  use: lookup)
    }

    struct QueuePage: Encodable {
        let shell: PageShell
        let view: String
        let views: [SelectOption]
        let statuses: [SelectOption]
        let types: [SelectOption]
        let queues: [SelectOption]
        let query: String
        let breached: Bool
        let dueToday: Bool
        let searching: Bool
        let rows: [CaseRow]
        let nextURL: String?
        let canCreate: Bool
    }

    @Sendable func index(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        var filter = try CaseListQuery.filter(from: req, staff: staff)
        // Issue 21 §10: a search looks through every case the person may see, whatever tab it was typed on.
        let searching = !(filter.text ?? "").isEmpty
        let view = searching ? "all" : req.query[String.self, at: "view"] ?? "mine"
        switch view {
        case "unassigned": break
        case "all": break
        default:
            filter.assigneeID = staff.id
            if filter.statuses.isEmpty { filter.statuses = CaseStatus.allCases.filter(\.isOpen) }
        }
        let scope = try await CaseScope.of(staff, db: req.db)
        // Issue 21 §1: 待分派 lists exactly the cases the caller may give to someone (CaseAssignment).
        let hasQueue = view == "unassigned" ? scope.narrowToAssignmentQueue(&filter) : true
        let page = hasQueue ? try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: cursor, limit: limit)
            : KeysetPage(items: [], nextCursor: nil)
        let status = req.query[String.self, at: "status"] ?? ""
        let type = req.query[String.self, at: "type"] ?? ""
        var next: String?
        if let cursor = page.nextCursor {
            var components = URLComponents()
            components.queryItems = (req.url.query.map { URLComponents(string: "?\($0)")?.queryItems ?? [] } ?? [])
                .filter { $0.name != "cursor" } + [URLQueryItem(name: "cursor", value: cursor)]
            next = "/cases?" + (components.percentEncodedQuery ?? "")
        }
        let flag = { (name: String) in ["true", "1", "on"].contains(req.query[String.self, at: name] ?? "") }
        return try await req.view.render("cases/index", QueuePage(
            shell: PageShell(req, title: req.t("cases.title")),
            view: view,
            views: ["mine", "unassigned", "all"].map { SelectOption(value: $0, label: req.t("cases.view.\($0)"), selected: $0 == view) },
            statuses: [SelectOption(value: "", label: req.t("cases.any_status"), selected: status.isEmpty)]
                + CaseStatus.allCases.map { SelectOption(value: $0.rawValue, label: req.t("case.status.\($0.rawValue)"), selected: $0.rawValue == status) },
            types: [SelectOption(value: "", label: req.t("cases.any_type"), selected: type.isEmpty)]
                + CaseType.allCases.map { SelectOption(value: $0.rawValue, label: req.t("case.type.\($0.rawValue)"), selected: $0.rawValue == type) },
            queues: [SelectOption(value: "", label: req.t("cases.any_queue"), selected: (req.query[String.self, at: "queue"] ?? "").isEmpty)]
                + CaseQueue.allCases.map { SelectOption(value: $0.rawValue, label: req.t("case.queue.\($0.rawValue)"),
                                                         selected: $0.rawValue == req.query[String.self, at: "queue"]) },
            query: filter.text ?? "", breached: flag("breached"), dueToday: flag("due_today"),
            searching: searching,
            rows: try await CaseRow.rows(page.items, req: req, highlighting: filter.text), nextURL: next, canCreate: staff.has(.casesCreate)))
    }

    struct LookupItem: Content {
        let id: UUID
        let name: String
        let phone: String
        let region: String?
        let tier: String?
        let isMember: Bool
        let openCases: Int

        enum CodingKeys: String, CodingKey {
            case id, name, phone, region, tier
            case isMember = "is_member", openCases = "open_cases"
        }
    }

    /// `GET /cases/lookup?phone=5678`: customers whose number ends with the digits typed so far
    /// (4–11 digits), each with how many cases it has open — for the phone-call form.
    @Sendable func lookup(req: Request) async throws -> [LookupItem] {
        let staff = try req.requireStaff()
        guard let suffix = PhoneNumber.suffixQuery(req.query[String.self, at: "phone"] ?? "") else { return [] }
        let found = try await CustomerRepository(db: req.db).search(phoneSuffix: suffix, limit: 8)
        let scope = try await CaseScope.of(staff, db: req.db)
        var items: [LookupItem] = []
        let reachable = try await CustomerPrivacy(db: req.db, staff: staff, services: req.services).unmasked(found)
        for customer in found {  // at most 8 customers: one bounded query each
            var filter = CaseRepository.Filter()
            filter.customerID = customer.id
            filter.statuses = CaseStatus.allCases.filter(\.isOpen)
            let open = try await CaseRepository(db: req.db).list(scope: scope.repositoryScope, filter: filter, after: nil, limit: 20).items.count
            let shown = CustomerResponse(customer, unmasked: reachable.contains(customer.id!))
            items.append(LookupItem(id: customer.id!, name: customer.name, phone: shown.phone, region: customer.region, tier: customer.tier,
                                    isMember: customer.isMember, openCases: open))
        }
        return items
    }
}
