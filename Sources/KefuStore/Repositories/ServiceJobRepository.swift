import FluentKit
import Foundation
import KefuDomain

/// Service jobs: by case, by approval, the dispatch queue (undispatched, priority first), and saving
/// under optimistic locking.
public struct ServiceJobRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    public func insert(_ record: ServiceJobRecord) async throws { try await record.create(on: db) }

    public func find(caseID: UUID) async throws -> ServiceJobRecord? {
        try await ServiceJobRecord.query(on: db).filter(\.$caseID == caseID).first()
    }

    public func find(_ id: UUID) async throws -> ServiceJobRecord? { try await ServiceJobRecord.find(id, on: db) }

    /// The jobs with these ids (an approval's subjects), by id.
    public func find(ids: [UUID]) async throws -> [UUID: ServiceJobRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ServiceJobRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Saves a job loaded at `expectedVersion` (the domain moved its version on).
    public func save(_ record: ServiceJobRecord, job: ServiceJob, expectedVersion: Int) async throws {
        try await VersionGuard.claim(db, table: ServiceJobRecord.schema, id: record.id!, expected: expectedVersion)
        try record.update(from: job)
        record.version = expectedVersion + 1
        try await record.save(on: db)
    }

    /// Jobs waiting for dispatch (registered), priority ones first, oldest first; bounded.
    public func dispatchQueue(limit: Int) async throws -> [ServiceJobRecord] {
        try await ServiceJobRecord.query(on: db).filter(\.$status == ServiceJobStatus.registered.rawValue)
            .sort(\.$priorityDispatch, .descending).sort(\.$registeredOn).sort(\.$id).limit(limit).all()
    }

    /// SRV-10: registered jobs from before `today` not yet flagged, in batches.
    public func unflaggedOverdue(today: String, limit: Int) async throws -> [ServiceJobRecord] {
        try await ServiceJobRecord.query(on: db).filter(\.$status == ServiceJobStatus.registered.rawValue)
            .filter(\.$registeredOn < today).filter(\.$priorityDispatch == false).sort(\.$registeredOn).sort(\.$id).limit(limit).all()
    }

    /// A column beside the document changed (the SRV-10 priority flag), not the job itself.
    public func saveFlags(_ record: ServiceJobRecord) async throws { try await record.save(on: db) }
}
