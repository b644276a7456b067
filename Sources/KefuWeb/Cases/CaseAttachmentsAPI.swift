import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Attachments of a case: upload the raw bytes (`POST /api/v1/cases/{id}/attachments?filename=…` with the
/// file's Content-Type), list them, download one. Size limited by `cases.attachment_max_bytes` (413).
struct CaseAttachmentsAPI {
    struct AttachmentResponse: Content {
        let id: UUID, filename: String, contentType: String, size: Int, sha256: String, createdAt: Date

        enum CodingKeys: String, CodingKey {
            case id, filename, size, sha256
            case contentType = "content_type", createdAt = "created_at"
        }

        init(_ record: CaseAttachmentRecord) {
            id = record.id!; filename = record.filename; contentType = record.contentType; size = record.size
            sha256 = record.sha256; createdAt = record.createdAt
        }
    }

    /// The body limit of uploads: the rulebook's attachment limit plus room for a form's other fields
    /// (a larger body is refused with 413 before it is read into memory).
    static func bodyLimit(_ services: AppServices) -> ByteCount {
        ByteCount(value: services.rulebook.cases.attachmentMaxBytes + 64 * 1_024)
    }

    func boot(_ cases: any RoutesBuilder, limit: ByteCount) {
        cases.on(.POST, ":id", "attachments", access: .permission(.casesRead), summary: "Attach a file (raw body, ?filename=)", response: AttachmentResponse.self, status: .created,
                 body: .collect(maxSize: limit), use: upload)
        cases.on(.GET, ":id", "attachments", access: .permission(.casesRead), summary: "Attachments of a case", use: list)
        cases.on(.GET, ":id", "attachments", ":attachment", access: .permission(.casesRead), summary: "Download an attachment",
                 use: download)
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let data = req.body.data.map { Data($0.readableBytesView) } ?? Data()
        let filename = req.query[String.self, at: "filename"] ?? ""
        let type = req.headers.contentType.map { "\($0.type)/\($0.subType)" } ?? "application/octet-stream"
        let record = try await CaseActions(db: req.db, services: req.services)
            .attach(try CasesAPIController.caseID(req), filename: filename, contentType: type, data: data, by: try req.requireStaff())
        return try await AttachmentResponse(record).encodeResponse(status: .created, for: req)
    }

    @Sendable func list(req: Request) async throws -> ListResponse<AttachmentResponse> {
        let record = try await CasesAPIController.readable(req)
        return ListResponse(items: try await CaseRepository(db: req.db).attachments(caseID: record.id!).map(AttachmentResponse.init))
    }

    /// Served as a download (never rendered inline), so an uploaded HTML file cannot run in Kefu's origin.
    @Sendable func download(req: Request) async throws -> Response {
        let record = try await CasesAPIController.readable(req)
        guard let id = req.parameters.get("attachment", as: UUID.self),
              let (attachment, data) = try await CaseRepository(db: req.db).attachment(id), attachment.caseID == record.id else {
            throw DomainError.notFound(subject: "attachment")
        }
        var headers = HTTPHeaders()
        headers.contentType = .binary
        let ascii = attachment.filename.unicodeScalars
            .map { (32..<127).contains($0.value) && $0 != "\"" && $0 != "\\" ? String($0) : "_" }.joined()
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let encoded = attachment.filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)")
        headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
