import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The front-desk console (`/front-desk`): register a visitor with big buttons, who is in the building
/// (checkout with the card returned or lost), who is expected (arrived), lost cards (found), and the
/// printable temporary card (FDA-03). A refused form re-renders with the message and what was typed.
struct FrontDeskWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.GET, "front-desk", access: desk, summary: "Front-desk console: visitors in, expected, lost cards", use: console)
        routes.on(.POST, "front-desk", "visitors", access: desk, summary: "Register a visitor (form)", use: register)
        routes.on(.POST, "front-desk", "visitors", ":id", "arrive", access: desk, summary: "An expected visitor arrives (form)", use: arrive)
        routes.on(.POST, "front-desk", "visitors", ":id", "checkout", access: desk, summary: "Check a visitor out (form)", use: checkout)
        routes.on(.POST, "front-desk", "visitors", ":id", "card-found", access: desk, summary: "A lost card is found (form)", use: cardFound)
        routes.on(.GET, "front-desk", "visitors", ":id", "badge", access: desk, summary: "Printable temporary visitor card", use: badge)
    }

    struct Row: Encodable {
        let id: UUID, name: String, organization: String?, purpose: String, host: String, badge: String?, time: String?, overdue: Bool, compensation: String?
        /// FDV-08/09: the restricted area and where its prior approval stands (nil at the reception).
        var area: String? = nil, areaState: String? = nil, areaReady = true
    }
    struct Draft: Encodable {
        var name = "", organization = "", phone = "", purpose = "", hostID = "", hostIn = true, message = "", expected = false, expectedAt = ""
        var area = VisitArea.reception.rawValue
    }
    struct Page: Encodable {
        let shell: PageShell, inside: [Row], expected: [Row], lost: [Row], hosts: [SelectOption], draft: Draft, freeCards: Int, areas: [SelectOption]
        /// Phone messages their addressees have not read yet (FDP-04), for the desk to follow up.
        var unreadMessages = 0
        /// Today's room bookings (MR, issue 7 item 8), earliest first.
        var roomsToday: [TodayRoomBooking] = []
        /// Parcels waiting and low stock (FDM, FDS).
        var stock: FrontDeskStockPanels? = nil
        /// Hospital mode (HOS): the guide desk button, only when the rulebook enables it.
        var hospital = false
    }

    @Sendable func console(req: Request) async throws -> Response { try await render(req, draft: Draft(), refusal: nil) }

    func render(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let board = try await VisitorQueries(db: req.db).board()
        let calendar = req.services.rulebook.calendar
        let today = calendar.startOfDay(calendar.localDate(of: req.services.now()))
        func row(_ r: VisitorRecord, time: Date?) -> Row {
            let restricted = VisitArea(rawValue: r.area).flatMap(\.approverKey) != nil
            return Row(id: r.id!, name: r.name, organization: r.organization, purpose: r.purpose, host: r.hostName, badge: r.badgeNo,
                time: time.map { DisplayTime.format($0, req) }, overdue: r.state == VisitState.inside.rawValue && (r.arrivedAt ?? today) < today,
                compensation: r.compensation, area: restricted ? req.t("frontdesk.area.\(r.area)") : nil,
                areaState: restricted ? req.t(r.areaApproved == true ? "frontdesk.area_approved" : r.areaApproved == false ? "frontdesk.area_refused" : "frontdesk.area_pending") : nil,
                areaReady: !restricted || r.areaApproved == true)
        }
        let hosts = try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
        let out = try await VisitorRecord.query(on: req.db).filter(\.$cardOut == true).count()
        let view = try await req.view.render("frontdesk/console", Page(
            shell: PageShell(req, title: req.t("frontdesk.title"), flashError: refusal?.message),
            inside: board.inside.map { row($0, time: $0.arrivedAt) }, expected: board.expected.map { row($0, time: $0.expectedAt) },
            lost: board.lost.map { row($0, time: $0.leftAt) },
            hosts: hosts.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id!.uuidString == draft.hostID) },
            draft: draft, freeCards: max(0, req.services.rulebook.frontDesk.badgePool.count - out),
            areas: VisitArea.allCases.map { SelectOption(value: $0.rawValue, label: req.t("frontdesk.area.\($0.rawValue)"), selected: $0.rawValue == draft.area) },
            unreadMessages: try await PhoneMessageRecord.query(on: req.db).filter(\.$readAt == nil).count(),
            roomsToday: try await TodayRoomBooking.list(req), stock: try await FrontDeskStockPanels.load(req), hospital: req.hospitalEnabled))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func register(req: Request) async throws -> Response {
        struct Form: Content {
            let name: String?, organization: String?, phone: String?, purpose: String?, host_user_id: String?, host_in: String?, message: String?
            let expected: String?, expected_at: String?, area: String?
        }
        let form = try req.content.decode(Form.self)
        let draft = Draft(name: form.name ?? "", organization: form.organization ?? "", phone: form.phone ?? "", purpose: form.purpose ?? "",
                          hostID: form.host_user_id ?? "", hostIn: form.host_in != nil, message: form.message ?? "",
                          expected: form.expected != nil, expectedAt: form.expected_at ?? "", area: form.area ?? VisitArea.reception.rawValue)
        do {
            let expectedAt = draft.expected ? try Self.localTime(draft.expectedAt, req) : nil
            let record = try await Visitors(db: req.db, services: req.services).register(.init(
                name: draft.name, organization: draft.organization, phone: draft.phone, purpose: draft.purpose, hostID: UUID(uuidString: draft.hostID),
                hostIn: draft.hostIn, message: draft.message, expectedAt: expectedAt, area: draft.area), expected: draft.expected, by: req.requireStaff())
            return req.redirect(to: record.cardOut ? "/front-desk/visitors/\(record.id!)/badge" : "/front-desk?flash=flash.visitor_saved")
        } catch let error as DomainError {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    /// A `datetime-local` value (organization time) as an instant; malformed → 400 on `expected_at`.
    static func localTime(_ text: String, _ req: Request, field: String = "expected_at") throws -> Date {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let day = LocalDate(String(parts[0])), let time = LocalTime(String(parts[1].prefix(5))) else {
            throw DomainError.validation(fields: [field: "error.field.datetime"])
        }
        return req.services.rulebook.calendar.instant(day, time)
    }

    func act(_ req: Request, _ body: (Visitors, UUID, StaffUser) async throws -> VisitorRecord) async throws -> Response {
        do {
            let record = try await body(Visitors(db: req.db, services: req.services), try VisitorsAPIController.id(req), req.requireStaff())
            return req.redirect(to: record.state == VisitState.inside.rawValue ? "/front-desk/visitors/\(record.id!)/badge" : "/front-desk?flash=flash.visitor_saved")
        } catch let error as DomainError {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func arrive(req: Request) async throws -> Response { try await act(req) { try await $0.arrive($1, by: $2) } }

    @Sendable func checkout(req: Request) async throws -> Response {
        struct Form: Content { let badge_returned: String? }
        let returned = try req.content.decode(Form.self).badge_returned != nil
        return try await act(req) { try await $0.checkout($1, cardReturned: returned, by: $2) }
    }

    @Sendable func cardFound(req: Request) async throws -> Response { try await act(req) { try await $0.cardFound($1, by: $2) } }

    struct BadgePage: Encodable { let shell: PageShell, name: String, organization: String?, badge: String, host: String, time: String }

    @Sendable func badge(req: Request) async throws -> View {
        let record = try await Visitors(db: req.db, services: req.services).find(try VisitorsAPIController.id(req))
        guard let badge = record.badgeNo, record.cardOut, record.state == VisitState.inside.rawValue else { throw DomainError.conflict(reason: "error.visitor.card_not_out") }
        return try await req.view.render("frontdesk/badge", BadgePage(shell: PageShell(req, title: req.t("frontdesk.badge")), name: record.name,
            organization: record.organization, badge: badge, host: record.hostName, time: DisplayTime.format(record.arrivedAt ?? record.createdAt, req)))
    }
}
