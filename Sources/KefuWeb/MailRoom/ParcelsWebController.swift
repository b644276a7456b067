import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/parcels` (收发登记): the desk registers incoming and outgoing items, sees the shelf with important
/// items first and overdue ones to clear, and hands items over on `/parcels/{id}/pickup` with a signature;
/// staff see their own items and name a colleague to collect. A refused form re-renders with the message.
struct ParcelsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.frontDeskWork)
        routes.on(.GET, "parcels", access: .authenticated, summary: "Mail and parcels (the desk: register and shelf; staff: mine)", use: page)
        routes.on(.POST, "parcels", access: desk, summary: "Register a parcel (form)", use: register)
        routes.on(.GET, "parcels", ":id", "pickup", access: desk, summary: "Hand-over page with the signature pad", use: pickupPage)
        routes.on(.POST, "parcels", ":id", "pickup", access: desk, summary: "Hand over a parcel (form)", use: pickup)
        routes.on(.POST, "parcels", ":id", "delegate", access: .authenticated, summary: "Name a colleague to collect (form)", use: delegate)
        routes.on(.POST, "parcels", ":id", "clear", access: desk, summary: "Clear an overdue parcel (form)", use: clear)
    }

    struct Row: Encodable {
        let id: UUID, direction: String, tracking: String?, courier: String?, sender: String, recipient: String, department: String?
        let content: String, important: Bool, damaged: Bool, damageNote: String?, delegate: String?, registeredAt: String
        let state: String, stateLabel: String, collected: String?, overdue: Bool, mine: Bool
    }
    struct Draft: Encodable {
        var direction = "incoming", trackingNo = "", courier = "", senderName = "", senderOrganization = "", senderContact = ""
        var recipientID = "", recipientName = "", recipientDepartment = "", recipientContact = "", content = ""
        var important = false, damaged = false, damageNote = "", courierContacted = false
    }
    struct Page: Encodable {
        let shell: PageShell, isDesk: Bool, waiting: [Row], overdue: [Row], recent: [Row], mine: [Row], people: [SelectOption], draft: Draft
    }

    @Sendable func page(req: Request) async throws -> Response { try await render(req, draft: Draft(), refusal: nil) }

    func row(_ r: ParcelRecord, _ req: Request, _ staff: StaffUser) -> Row {
        let overdue = Parcels(db: req.db, services: req.services).isOverdue(r, now: req.services.now())
        return Row(id: r.id!, direction: r.direction, tracking: r.trackingNo, courier: r.courier,
                   sender: [r.senderName, r.senderOrganization].compactMap { $0 }.joined(separator: " · "), recipient: r.recipientName,
                   department: r.recipientDepartment, content: r.content, important: r.important, damaged: r.damaged, damageNote: r.damageNote,
                   delegate: r.delegateName, registeredAt: DisplayTime.format(r.registeredAt, req), state: r.state, stateLabel: req.t("parcel.state.\(r.state)"),
                   collected: r.collectedAt.map { "\(r.collectedByName ?? "") · \(DisplayTime.format($0, req))" }, overdue: overdue,
                   mine: r.recipientUserID == staff.id)
    }

    func render(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let staff = try req.requireStaff()
        let isDesk = staff.has(.frontDeskWork)
        let queries = ParcelQueries(db: req.db, services: req.services)
        let people = try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
        var waiting: [Row] = [], overdue: [Row] = [], recent: [Row] = [], mine: [Row] = []
        if isDesk {
            waiting = try await queries.waiting().map { row($0, req, staff) }
            overdue = try await queries.overdue(now: req.services.now()).map { row($0, req, staff) }
            recent = try await queries.page(.init(direction: .outgoing), after: nil, limit: 20).items.map { row($0, req, staff) }
        }
        mine = try await queries.page(.init(involving: staff.id), after: nil, limit: 50).items.map { row($0, req, staff) }
        let view = try await req.view.render("frontdesk/parcels", Page(
            shell: PageShell(req, title: req.t("parcel.title"), flashError: refusal?.message), isDesk: isDesk, waiting: waiting, overdue: overdue,
            recent: recent, mine: mine,
            people: people.filter { $0.id != staff.id || isDesk }.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: $0.id!.uuidString == draft.recipientID) },
            draft: draft))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }

    @Sendable func register(req: Request) async throws -> Response {
        struct Form: Content {
            let direction: String?, tracking_no: String?, courier: String?, sender_name: String?, sender_organization: String?, sender_contact: String?
            let recipient_user_id: String?, recipient_name: String?, recipient_department: String?, recipient_contact: String?, content: String?
            let important: String?, damaged: String?, damage_note: String?, courier_contacted: String?
        }
        let form = try req.content.decode(Form.self)
        let draft = Draft(direction: form.direction ?? "incoming", trackingNo: form.tracking_no ?? "", courier: form.courier ?? "",
                          senderName: form.sender_name ?? "", senderOrganization: form.sender_organization ?? "", senderContact: form.sender_contact ?? "",
                          recipientID: form.recipient_user_id ?? "", recipientName: form.recipient_name ?? "",
                          recipientDepartment: form.recipient_department ?? "", recipientContact: form.recipient_contact ?? "", content: form.content ?? "",
                          important: form.important != nil, damaged: form.damaged != nil, damageNote: form.damage_note ?? "",
                          courierContacted: form.courier_contacted != nil)
        do {
            let direction = try ParcelsAPIController.direction(draft.direction)
            let person = UUID(uuidString: draft.recipientID)
            let parcel = try await Parcels(db: req.db, services: req.services).register(.init(
                direction: direction, trackingNo: draft.trackingNo, courier: draft.courier, senderName: draft.senderName,
                senderOrganization: draft.senderOrganization, senderContact: draft.senderContact,
                senderUserID: direction == .outgoing ? person : nil, recipientUserID: direction == .incoming ? person : nil,
                recipientName: draft.recipientName, recipientDepartment: draft.recipientDepartment, recipientContact: draft.recipientContact,
                content: draft.content, important: draft.important, damaged: draft.damaged, damageNote: draft.damageNote,
                courierContacted: draft.courierContacted), by: req.requireStaff())
            return Confirmation(parcel.direction == "outgoing" ? "done.parcel.registered_outgoing" : "done.parcel.registered",
                                [Self.label(of: parcel, req), parcel.recipientName]).redirect(req, to: "/parcels")
        } catch let error as DomainError {
            return try await render(req, draft: draft, refusal: req.refusal(error))
        }
    }

    struct PickupPage: Encodable { let shell: PageShell, parcel: Row, collectors: [SelectOption] }

    @Sendable func pickupPage(req: Request) async throws -> View {
        let staff = try req.requireStaff()
        let record = try await Parcels(db: req.db, services: req.services).find(try ParcelsAPIController.id(req), for: staff)
        guard record.state == Parcels.State.waiting.rawValue, let recipient = record.recipientUserID else { throw DomainError.conflict(reason: "error.parcel.not_waiting") }
        var collectors = [SelectOption(value: recipient.uuidString, label: "\(record.recipientName) (\(req.t("parcel.recipient")))", selected: true)]
        if let delegate = record.delegateUserID { collectors.append(SelectOption(value: delegate.uuidString, label: "\(record.delegateName ?? "") (\(req.t("parcel.delegate")))")) }
        return try await req.view.render("frontdesk/parcel-pickup", PickupPage(shell: PageShell(req, title: req.t("parcel.pickup")),
                                                                           parcel: row(record, req, staff), collectors: collectors))
    }

    func act(_ req: Request, done: String, _ body: (Parcels, UUID, StaffUser) async throws -> ParcelRecord) async throws -> Response {
        do {
            let parcel = try await body(Parcels(db: req.db, services: req.services), try ParcelsAPIController.id(req), req.requireStaff())
            let who = parcel.collectedByName ?? parcel.delegateName ?? parcel.recipientName
            return Confirmation(done, [Self.label(of: parcel, req), parcel.recipientName, who]).redirect(req, to: "/parcels")
        } catch let error as DomainError {
            return try await render(req, draft: Draft(), refusal: req.refusal(error))
        }
    }

    @Sendable func pickup(req: Request) async throws -> Response {
        struct Form: Content { let collected_by: String?, signature: String? }
        let form = try req.content.decode(Form.self)
        return try await act(req, done: "done.parcel.picked_up") { try await $0.pickup($1, collectorID: form.collected_by.flatMap(UUID.init(uuidString:)), signature: form.signature, by: $2) }
    }

    @Sendable func delegate(req: Request) async throws -> Response {
        struct Form: Content { let user_id: String? }
        let form = try req.content.decode(Form.self)
        return try await act(req, done: "done.parcel.delegated") { try await $0.delegate($1, to: form.user_id.flatMap(UUID.init(uuidString:)), by: $2) }
    }

    @Sendable func clear(req: Request) async throws -> Response {
        struct Form: Content { let note: String? }
        let form = try req.content.decode(Form.self)
        return try await act(req, done: "done.parcel.cleared") { try await $0.clear($1, note: form.note, by: $2) }
    }

    /// How a confirmation names a parcel: its tracking number, else its courier, else "包裹".
    static func label(of parcel: ParcelRecord, _ req: Request) -> String {
        parcel.trackingNo?.nilIfBlank ?? parcel.courier?.nilIfBlank ?? req.t("done.parcel.unnamed")
    }
}
