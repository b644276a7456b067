import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `GET /api/v1/audit?subject_type=&subject_id=` — a subject's timeline, or the newest events overall.
struct AuditAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").on(.GET, "audit", access: .permission(.auditRead), summary: "Audit events", use: list)
    }

    struct EventResponse: Content {
        let id: UUID, at: Date, actorID: UUID?, actorName: String, action: String
        let subjectType: String, subjectID: UUID, summary: String, rule: String?, rulebookVersion: String

        enum CodingKeys: String, CodingKey {
            case id, at, action, summary, rule
            case actorID = "actor_id", actorName = "actor_name", subjectType = "subject_type"
            case subjectID = "subject_id", rulebookVersion = "rulebook_version"
        }

        init(_ entry: AuditEntry) {
            id = entry.id; at = entry.at; actorID = entry.actorID; actorName = entry.actorName; action = entry.action
            subjectType = entry.subjectType; subjectID = entry.subjectID; summary = entry.summary; rule = entry.ruleKey
            rulebookVersion = entry.rulebookVersion
        }
    }

    @Sendable func list(req: Request) async throws -> ListResponse<EventResponse> {
        // The trail spans every department (logins, password changes…): only center-wide roles read it
        // here; modules show a subject's own timeline within their data scope.
        let staff = try req.requireStaff()
        guard DataScope.of(roles: staff.roles, leadsTeam: false) == .all else { throw Abort(.forbidden) }
        let (cursor, limit) = try req.pagination()
        let repository = AuditRepository(db: req.db)
        let type = req.query[String.self, at: "subject_type"]
        let idText = req.query[String.self, at: "subject_id"]
        if type != nil || idText != nil {
            guard let type, let idText, let id = UUID(uuidString: idText) else {
                throw DomainError.validation(fields: ["subject_id": "error.field.invalid_value"])
            }
            return ListResponse(try await repository.timeline(subjectType: type, subjectID: id, after: cursor, limit: limit).map(EventResponse.init))
        }
        return ListResponse(try await repository.recent(after: cursor, limit: limit).map(EventResponse.init))
    }
}
