import FluentKit
import Foundation
import KefuDomain

/// The complaint form of a case and its departments' tasks: what the closing rule reads.
public struct ComplaintRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// What the closing conditions (CMP-24 / CMP-25) look at; nil when the case carries no complaint form.
    /// The customer counts as answered when the latest reply was the conclusion: a progress reply always sets
    /// the next reply time (CMP-24) and the conclusion clears it.
    public func closingFacts(caseID: UUID) async throws -> ComplaintClosingFacts? {
        guard let form = try await ComplaintRecord.find(caseID: caseID, on: db) else { return nil }
        let open = try await ComplaintTaskRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$state == "open").count()
        return ComplaintClosingFacts(openTasks: open, answeredAt: form.nextReplyAt == nil ? form.repliedAt : nil)
    }

    /// The active departments with their kinds, for the default department of a task
    /// (`ComplaintTaskKind.defaultDepartment`).
    public func departmentsForRouting() async throws -> [(id: UUID, kind: DepartmentKind)] {
        try await DepartmentRecord.query(on: db).filter(\.$active == true).limit(500).all().compactMap { record in
            DepartmentKind(rawValue: record.kind).map { (record.id!, $0) }
        }
    }
}
