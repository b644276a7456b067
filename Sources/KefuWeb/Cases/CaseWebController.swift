import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/cases/:id`: the case page (phone record, deadlines, actions as buttons, notes, customer panel with
/// history, attachments, links, timeline) and its form actions. A refused action re-renders the page
/// with the reason (and the rule, when a rule refused it).
struct CaseWebController: RouteCollection {
    let attachmentLimit: ByteCount

    static let actions = ["assign", "take", "notes", "pause", "resume", "resolve", "close", "reopen", "escalate", "links", "attachments"]

    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", ":id", access: .permission(.casesRead), summary: "Case page", use: show)
        for action in Self.actions {
            routes.on(.POST, "cases", ":id", .constant(action), access: .permission(.casesRead), summary: "Case action: \(action) (form)",
                      body: action == "attachments" ? .collect(maxSize: attachmentLimit) : .collect) { req in
                try await perform(action, req: req)
            }
        }
        routes.on(.GET, "cases", ":id", "attachments", ":attachment", access: .permission(.casesRead), summary: "Download an attachment",
                  use: CaseAttachmentsAPI().download)
    }

    @Sendable func show(req: Request) async throws -> View {
        let record = try await CasesAPIController.readable(req)
        return try await CasePageBuilder(req: req).render(record, flashError: nil)
    }

    struct ActionForm: Content {
        var version: Int?
        var assigneeID: String?
        var body: String?
        var reply: String?
        var reason: String?
        var resolution: String?
        var emergency: String?
        var otherNumber: String?
        var kind: String?
        var file: File?

        enum CodingKeys: String, CodingKey {
            case version, body, reply, reason, resolution, emergency, kind, file
            case assigneeID = "assignee_id", otherNumber = "other_number"
        }
    }

    @Sendable func perform(_ action: String, req: Request) async throws -> Response {
        let id = try CasesAPIController.caseID(req)
        let staff = try req.requireStaff()
        let form = try req.content.decode(ActionForm.self)
        let actions = CaseActions(db: req.db, services: req.services)
        do {
            switch action {
            case "take": _ = try await actions.assign(id, to: staff.id, by: staff, expectedVersion: form.version, comment: nil)
            case "assign":
                guard let assignee = form.assigneeID.flatMap(UUID.init(uuidString:)) else {
                    throw DomainError.validation(fields: ["assignee_id": "error.field.required"])
                }
                _ = try await actions.assign(id, to: assignee, by: staff, expectedVersion: form.version, comment: nil)
            case "notes":
                _ = try await actions.addNote(id, body: form.body ?? "", isInternal: form.reply == nil, by: staff, expectedVersion: form.version)
            case "pause": _ = try await actions.pause(id, reason: form.reason ?? "", by: staff, expectedVersion: form.version)
            case "resume": _ = try await actions.resume(id, by: staff, expectedVersion: form.version)
            case "resolve": _ = try await actions.resolve(id, resolution: form.resolution ?? "", by: staff, expectedVersion: form.version)
            case "close": _ = try await actions.close(id, by: staff, expectedVersion: form.version)
            case "reopen": _ = try await actions.reopen(id, reason: form.reason ?? "", by: staff, expectedVersion: form.version)
            case "escalate":
                _ = try await actions.escalate(id, reason: form.reason ?? "", emergency: form.emergency != nil, by: staff, expectedVersion: form.version)
            case "links":
                let number = (form.otherNumber ?? "").trimmingCharacters(in: .whitespaces).uppercased()
                guard !number.isEmpty, number.count <= 40, let other = try await CaseRepository(db: req.db).find(number: number) else {
                    throw DomainError.validation(fields: ["other_number": "error.case.unknown_number"])
                }
                _ = try await actions.link(id, to: other.id!, kind: form.kind ?? "related", by: staff)
            default:
                guard let file = form.file else { throw DomainError.validation(fields: ["file": "error.field.required"]) }
                _ = try await actions.attach(id, filename: file.filename, contentType: file.contentType.map { "\($0.type)/\($0.subType)" } ?? "application/octet-stream",
                                             data: Data(file.data.readableBytesView), by: staff)
            }
            // Issue 21 §9: say what was done to which case, and to whom it went.
            let record = try await CasesAPIController.readable(req)
            let assignee = record.assigneeID.map { id in [id] } ?? []
            let assigneeName = try await CasePeople.names(of: assignee, db: req.db).values.first ?? ""
            return Confirmation("done.case.\(action)", [record.number, assigneeName]).redirect(req, to: "/cases/\(id)")
        } catch let error where error is DomainError || error is Failure {
            let (message, status) = req.refusal(error)
            guard let record = try? await CasesAPIController.readable(req) else { throw error }
            let response = try await CasePageBuilder(req: req).render(record, flashError: message).encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
