import Foundation
import KefuDomain

extension CaseRecord {
    /// The domain case (status machine) of this row.
    public func toDomain() throws -> ServiceCase {
        guard let type = CaseType(rawValue: type), let channel = CaseChannel(rawValue: channel),
              let status = CaseStatus(rawValue: status), let priority = CasePriority(rawValue: priority) else {
            throw StoreError.corrupt(Self.schema)
        }
        return ServiceCase(id: id!, number: number, type: type, channel: channel, status: status, priority: priority,
                           ownerID: ownerID, assigneeID: assigneeID, createdAt: createdAt, resolvedAt: resolvedAt,
                           closedAt: closedAt, version: version)
    }

    /// Writes back what a transition may change.
    public func apply(_ serviceCase: ServiceCase) {
        status = serviceCase.status.rawValue
        priority = serviceCase.priority.rawValue
        assigneeID = serviceCase.assigneeID
        resolvedAt = serviceCase.resolvedAt
        closedAt = serviceCase.closedAt
        version = serviceCase.version
    }

    public var parties: CaseParties {
        CaseParties(ownerID: ownerID, assigneeID: assigneeID, departmentID: departmentID, teamID: teamID)
    }

    /// The text the search index holds for the case itself (notes and the customer are added by the caller).
    public var searchableText: String { [number, subject, description, contact ?? "", feedbackResult ?? ""].joined(separator: " ") }
}
