import Crypto
import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Attachments: the size limit answers 413, an HTTP status, so this action stays with the web layer.
extension CaseActions {
    /// Stores an attachment in the database (so every node serves it), within the rulebook's size limit.
    func attach(_ id: UUID, filename: String, contentType: String, data: Data, by staff: StaffUser) async throws -> CaseAttachmentRecord {
        let name = filename.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "/", with: "_")
        if name.isEmpty || name.count > 200 { throw DomainError.validation(fields: ["filename": "error.field.filename"]) }
        if data.isEmpty { throw DomainError.validation(fields: ["file": "error.field.required"]) }
        if data.count > services.rulebook.cases.attachmentMaxBytes { throw Failure(status: .payloadTooLarge, code: "payload_too_large", messageKey: "error.payload_too_large") }
        return try await db.transaction { db in
            let scope = try await CaseScope.of(staff, db: db)
            let record = try await scope.readable(id, db: db)
            guard CaseAccess.canAct(scope.viewer, record.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            let attachment = CaseAttachmentRecord(caseID: id, filename: name, contentType: String(contentType.prefix(100)), size: data.count,
                                                  sha256: SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined(), createdBy: staff.id, createdAt: services.now())
            try await CaseRepository(db: db).addAttachment(attachment, data: data)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: "case.attachment_added", subjectType: "case",
                subjectID: id, summary: "\(data.count) bytes", rulebookVersion: services.rulebook.versionShort))
            return attachment
        }
    }
}
