import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// View models and the form of the notices pages (`NoticesWebController`).
enum NoticePages {
    struct Row: Encodable {
        let id: UUID, title: String, source: String?, channel: String, shiftStart: Bool, issuer: String, publishedAt: String
        let confirmBy: String?, requiresConfirmation: Bool, confirmed: Int, recipients: Int, archived: Bool
        /// The reader's own state: `confirmed`, `waiting`, `overdue`, or nil (not a recipient / no confirmation asked).
        let myState: String?, myStateLabel: String?, unread: Bool
    }
    struct RecipientRow: Encodable { let userID: UUID, name: String, deliveredAt: String?, deliveredBy: String?, confirmedAt: String? }
    struct ListPage: Encodable { let shell: PageShell, rows: [Row], scope: String, canPublish: Bool, isDesk: Bool, nextURL: String? }
    struct ShowPage: Encodable {
        let shell: PageShell, notice: Row, body: String, canConfirm: Bool, canManage: Bool, printed: Bool, recipients: [RecipientRow], unconfirmed: Int
    }
    struct Draft: Encodable {
        var title = "", body = "", source = "", channel = NoticeChannel.inApp.rawValue, shiftStart = false, requiresConfirmation = false
        var confirmBy = "", everyone = false, userIDs: [String] = [], teamIDs: [String] = [], departmentIDs: [String] = []
    }
    struct FormPage: Encodable {
        let shell: PageShell, draft: Draft, channels: [SelectOption], people: [SelectOption], teams: [SelectOption], departments: [SelectOption]
    }

    /// The publish form as posted (`user_ids[]` etc. from multi-selects).
    struct Form: Content {
        let title: String?, body: String?, source: String?, channel: String?, shift_start: String?, requires_confirmation: String?
        let confirm_by: String?, everyone: String?, user_ids: [String]?, team_ids: [String]?, department_ids: [String]?

        var draft: Draft {
            Draft(title: title ?? "", body: body ?? "", source: source ?? "", channel: channel ?? "", shiftStart: shift_start != nil,
                  requiresConfirmation: requires_confirmation != nil, confirmBy: confirm_by ?? "", everyone: everyone != nil,
                  userIDs: user_ids ?? [], teamIDs: team_ids ?? [], departmentIDs: department_ids ?? [])
        }

        func input(_ req: Request) throws -> Notices.Input {
            let d = draft
            func ids(_ values: [String], _ field: String) throws -> [UUID] {
                try values.filter { !$0.isEmpty }.map { guard let id = UUID(uuidString: $0) else { throw DomainError.validation(fields: [field: "error.field.unknown"]) }; return id }
            }
            let confirmBy = d.requiresConfirmation && !d.confirmBy.isEmpty ? try FrontDeskWebController.localTime(d.confirmBy, req, field: "confirm_by") : nil
            return Notices.Input(title: d.title, body: d.body, source: d.source, channel: d.channel, shiftStart: d.shiftStart,
                                 requiresConfirmation: d.requiresConfirmation, confirmBy: confirmBy,
                                 audience: NoticeAudience(userIDs: try ids(d.userIDs, "recipients"), teamIDs: try ids(d.teamIDs, "recipients"),
                                                          departmentIDs: try ids(d.departmentIDs, "recipients"), everyone: d.everyone))
        }
    }

    static func row(_ n: NoticeRecord, mine: NoticeRecipientRecord?, _ req: Request) -> Row {
        let state: String? = mine.map { row in
            switch NoticeConfirmation.of(required: n.requiresConfirmation, confirmBy: n.confirmBy, confirmedAt: row.confirmedAt, now: req.services.now()) {
            case .notRequired: row.confirmedAt == nil ? "unread" : "read"
            case .confirmed: "confirmed"
            case .waiting: "waiting"
            case .overdue: "overdue"
            }
        }
        return Row(id: n.id!, title: n.title, source: n.source, channel: req.t("notices.channel.\(n.channel)"), shiftStart: n.shiftStart,
                   issuer: n.issuerName, publishedAt: DisplayTime.format(n.publishedAt, req), confirmBy: n.confirmBy.map { DisplayTime.format($0, req) },
                   requiresConfirmation: n.requiresConfirmation, confirmed: n.confirmedCount, recipients: n.recipientCount, archived: n.archivedAt != nil,
                   myState: state, myStateLabel: state.map { req.t("notices.state.\($0)") }, unread: mine != nil && mine?.confirmedAt == nil)
    }

    static func recipientRow(_ r: NoticeRecipientRecord, _ req: Request) -> RecipientRow {
        RecipientRow(userID: r.userID, name: r.userName, deliveredAt: r.deliveredAt.map { DisplayTime.format($0, req) }, deliveredBy: r.deliveredBy,
                     confirmedAt: r.confirmedAt.map { DisplayTime.format($0, req) })
    }

    static func renderForm(_ req: Request, draft: Draft, refusal: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let people = try await UserRecord.query(on: req.db).filter(\.$active == true).sort(\.$displayName).limit(500).all()
        let teams = try await TeamRecord.query(on: req.db).sort(\.$name).limit(500).all()
        let departments = try await DepartmentRecord.query(on: req.db).sort(\.$name).limit(500).all()
        let view = try await req.view.render("notices/new", FormPage(
            shell: PageShell(req, title: req.t("notices.new"), flashError: refusal?.message), draft: draft,
            channels: NoticeChannel.allCases.map { SelectOption(value: $0.rawValue, label: req.t("notices.channel.\($0.rawValue)"), selected: $0.rawValue == draft.channel) },
            people: people.map { SelectOption(value: $0.id!.uuidString, label: $0.displayName, selected: draft.userIDs.contains($0.id!.uuidString)) },
            teams: teams.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: draft.teamIDs.contains($0.id!.uuidString)) },
            departments: departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: draft.departmentIDs.contains($0.id!.uuidString)) }))
        let response = try await view.encodeResponse(for: req)
        response.status = refusal?.status ?? .ok
        return response
    }
}
