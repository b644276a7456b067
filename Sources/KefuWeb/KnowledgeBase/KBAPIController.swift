import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/kb/…` (知识库, REQUIREMENTS §8): entries with their editing flow, versions, original documents,
/// acknowledgements, and the entries used on a case (`/api/v1/cases/{id}/kb-uses`).
struct KBAPIController: RouteCollection {
    let attachmentLimit: ByteCount

    static let summaries: [KBAction: String] = [
        .read: "The center director has read the business notice (报中心主任阅, KB-07)",
        .submit: "Send the unified wording to the issuing department for confirmation (KB-05) → approval",
        .publish: "Publish the confirmed wording as the version in force (KB-06/08); unconfirmed → 422",
        .withdraw: "Take the entry out of service (records the end time, KB-08); kept in history",
    ]

    func boot(routes: any RoutesBuilder) throws {
        let entries = routes.grouped("api", "v1", "kb", "entries")
        entries.on(.POST, access: .permission(.kbEdit), summary: "Register an entry from a business notice (业务通知单, KB-04/07/08/10)", request: KBEntryRequest.self, response: KBEntryResponse.self, status: .created, use: create)
        entries.on(.GET, access: .permission(.kbRead),
                   summary: "List entries (state, catalog; q: Chinese-aware search over the published wording in force, KB-06/08)", use: list)
        entries.on(.GET, ":id", access: .permission(.kbRead), summary: "One entry with its version in force", use: show)
        entries.on(.PATCH, ":id", access: .permission(.kbEdit), summary: "Change the wording; a published entry is confirmed again and republished as a new version", request: KBEntryRequest.self, use: update)
        entries.on(.GET, ":id", "versions", access: .permission(.kbRead), summary: "Published versions (history, KB-08)", use: versions)
        for action in KBAction.allCases {
            entries.on(.POST, ":id", .constant(action.rawValue), access: .authenticated, summary: Self.summaries[action] ?? action.rawValue,
                       request: KBActionRequest?.self) { req in
                try await perform(action, req: req)
            }
        }
        entries.on(.POST, ":id", "acknowledge", access: .permission(.kbRead), summary: "Acknowledge the version in force (KB-12/13)", request: NoBody.self, use: acknowledge)
        entries.on(.POST, ":id", "attachments", access: .permission(.kbEdit), summary: "Attach the original document (信息原件, KB-09; raw body, ?filename=)", response: KBDocumentResponse.self, status: .created,
                   body: .collect(maxSize: attachmentLimit), use: attach)
        entries.on(.GET, ":id", "attachments", access: .permission(.kbRead), summary: "Original documents of an entry", use: documents)
        entries.on(.GET, ":id", "attachments", ":document", access: .permission(.kbRead), summary: "Download an original document", use: download)
        routes.on(.GET, "api", "v1", "kb", "unread", access: .permission(.kbRead), summary: "Entries in force the caller has not acknowledged (KB-12/13)", use: unread)
        let cases = routes.grouped("api", "v1", "cases")
        cases.on(.POST, ":id", "kb-uses", access: .permission(.casesRead), summary: "Record the KB entry a case was answered with (KB-06)", request: KBUseRequest.self, response: KBUseResponse.self, status: .created, use: recordUse)
        cases.on(.GET, ":id", "kb-uses", access: .permission(.casesRead), summary: "KB entries used on a case", use: uses)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let record = try await KBEntries(db: req.db, services: req.services).create(try req.content.decode(KBEntryRequest.self), by: try req.requireStaff())
        return try await Self.response(record, req: req).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<KBEntryResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        var filter = try Self.filter(req, staff: staff)
        if !staff.has(.kbEdit) { filter.inForceAt = req.services.now() }
        let page = try await KBRepository(db: req.db).list(filter, after: cursor, limit: limit)
        return ListResponse(items: try await KBEntryResponse.page(page.items, reader: staff.id, db: req.db, now: req.services.now()),
                            nextCursor: page.nextCursor)
    }

    @Sendable func unread(req: Request) async throws -> ListResponse<KBEntryResponse> {
        let staff = try req.requireStaff()
        let (cursor, limit) = try req.pagination()
        let filter = KBRepository.Filter(inForceAt: req.services.now(), unreadBy: staff.id)
        let page = try await KBRepository(db: req.db).list(filter, after: cursor, limit: limit)
        return ListResponse(items: try await KBEntryResponse.page(page.items, reader: staff.id, db: req.db, now: req.services.now()),
                            nextCursor: page.nextCursor)
    }

    /// The list filters of the query string (`state`, `catalog`, `q`); unknown values → 400. A search looks
    /// only at published wording in force (KB-06/08); a query without any word finds nothing.
    static func filter(_ req: Request, staff: StaffUser) throws -> KBRepository.Filter {
        var filter = KBRepository.Filter(liveOnly: !staff.has(.kbEdit))
        if let text = req.query[String.self, at: "state"]?.nilIfBlank {
            guard let state = KBEntryState(rawValue: text) else { throw DomainError.validation(fields: ["state": "error.field.invalid_value"]) }
            filter.state = state
        }
        if let text = req.query[String.self, at: "catalog"]?.nilIfBlank {
            guard let catalog = KBCatalog(rawValue: text) else { throw DomainError.validation(fields: ["catalog": "error.field.invalid_value"]) }
            filter.catalog = catalog
        }
        if let q = req.query[String.self, at: "q"]?.nilIfBlank {
            filter.inForceAt = req.services.now()
            // No searchable word: a filter nothing matches.
            filter.search = KBSearchIndex(db: req.db).filter(matching: q) ?? .value(.path([.id], schema: KBEntryRecord.schema), .equal, .null)
        }
        return filter
    }

    @Sendable func show(req: Request) async throws -> KBEntryResponse {
        try await Self.response(try await Self.readable(req), req: req)
    }

    @Sendable func update(req: Request) async throws -> KBEntryResponse {
        let input = try req.content.decode(KBEntryRequest.self)
        let record = try await KBEntries(db: req.db, services: req.services).update(
            try Self.entryID(req), input, by: try req.requireStaff(), expectedVersion: try req.expectedVersion(body: input.version))
        return try await Self.response(record, req: req)
    }

    @Sendable func versions(req: Request) async throws -> ListResponse<KBVersionResponse> {
        let record = try await Self.readable(req)
        return ListResponse(items: try await KBRepository(db: req.db).versions(of: record.id!).map(KBVersionResponse.init))
    }

    func perform(_ action: KBAction, req: Request) async throws -> KBEntryResponse {
        let body = req.body.data == nil ? KBActionRequest() : try req.content.decode(KBActionRequest.self)
        let record = try await KBEntries(db: req.db, services: req.services).perform(
            action, on: try Self.entryID(req), by: try req.requireStaff(), expectedVersion: try req.expectedVersion(body: body.version))
        return try await Self.response(record, req: req)
    }

    @Sendable func acknowledge(req: Request) async throws -> KBEntryResponse {
        _ = try await Self.readable(req)
        let record = try await KBEntries(db: req.db, services: req.services).acknowledge(try Self.entryID(req), by: try req.requireStaff())
        return try await Self.response(record, req: req)
    }

    @Sendable func attach(req: Request) async throws -> Response {
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let type = req.headers.contentType.map { "\($0.type)/\($0.subType)" } ?? "application/octet-stream"
        let document = try await KBEntries(db: req.db, services: req.services).attach(
            try Self.entryID(req), filename: req.query[String.self, at: "filename"] ?? "", contentType: type, data: data, by: try req.requireStaff())
        return try await KBDocumentResponse(document).encodeResponse(status: .created, for: req)
    }

    @Sendable func documents(req: Request) async throws -> ListResponse<KBDocumentResponse> {
        let record = try await Self.readable(req)
        return ListResponse(items: try await KBRepository(db: req.db).documents(of: record.id!).map(KBDocumentResponse.init))
    }

    /// Served as a download (never inline), like case attachments.
    @Sendable func download(req: Request) async throws -> Response {
        let record = try await Self.readable(req)
        guard let id = req.parameters.get("document", as: UUID.self),
              let (document, data) = try await KBRepository(db: req.db).document(id), document.entryID == record.id else {
            throw DomainError.notFound(subject: "kb_document")
        }
        return Self.download(filename: document.filename, data: data)
    }

    static func download(filename: String, data: Data) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .binary
        let ascii = filename.unicodeScalars.map { (32..<127).contains($0.value) && $0 != "\"" && $0 != "\\" ? String($0) : "_" }.joined()
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    @Sendable func recordUse(req: Request) async throws -> Response {
        let input = try req.content.decode(KBUseRequest.self)
        guard let entryID = input.entryID else { throw DomainError.validation(fields: ["entry_id": "error.field.required"]) }
        let (use, entry) = try await KBEntries(db: req.db, services: req.services).recordUse(
            caseID: try CasesAPIController.caseID(req), entryID: entryID, by: try req.requireStaff())
        return try await KBUseResponse(use, title: entry.liveTitle ?? entry.title).encodeResponse(status: .created, for: req)
    }

    @Sendable func uses(req: Request) async throws -> ListResponse<KBUseResponse> {
        let record = try await CasesAPIController.readable(req)
        return ListResponse(items: try await Self.uses(caseID: record.id!, db: req.db))
    }

    static func uses(caseID: UUID, db: any Database) async throws -> [KBUseResponse] {
        let uses = try await KBRepository(db: db).uses(caseID: caseID)
        let entries = Dictionary(try await KBRepository(db: db).find(ids: uses.map(\.entryID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        return uses.map { KBUseResponse($0, title: entries[$0.entryID].map { $0.liveTitle ?? $0.title } ?? "") }
    }

    static func entryID(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "kb_entry") }
        return id
    }

    /// Editors read every entry; the confirming role of the issuing department reads the entries it is asked
    /// to confirm; everyone else reads published entries only (others are "not found").
    static func readable(_ req: Request) async throws -> KBEntryRecord {
        let staff = try req.requireStaff()
        guard let record = try await KBRepository(db: req.db).find(try entryID(req)) else { throw DomainError.notFound(subject: "kb_entry") }
        let rules = req.services.rulebook.knowledgeBase
        let confirms = staff.roles.contains(rules.confirmBy) && record.issuingDepartmentID != nil && staff.departmentID == record.issuingDepartmentID
        guard staff.has(.kbEdit) || record.liveRevision != nil || confirms || staff.roles.contains(rules.noticeReader) else {
            throw DomainError.notFound(subject: "kb_entry")
        }
        return record
    }

    static func response(_ record: KBEntryRecord, req: Request) async throws -> KBEntryResponse {
        try await KBEntryResponse.page([record], reader: try req.requireStaff().id, db: req.db, now: req.services.now())[0]
    }
}
