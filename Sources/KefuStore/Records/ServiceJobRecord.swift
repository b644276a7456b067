import FluentKit
import Foundation
import KefuDomain

/// A `ServiceJob` stored as its JSON document, with the queue's columns beside it.
public final class ServiceJobRecord: Model, @unchecked Sendable {
    public static let schema = "service_jobs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "case_id") public var caseID: UUID
    @Field(key: "status") public var status: String
    @Field(key: "category") public var category: String
    @Field(key: "is_offsite") public var isOffsite: Bool
    @OptionalField(key: "approval_id") public var approvalID: UUID?
    @OptionalField(key: "assignee_id") public var assigneeID: UUID?
    @Field(key: "registered_on") public var registeredOn: String
    /// SRV-10: flagged by the nightly check, dispatched first.
    @Field(key: "priority_dispatch") public var priorityDispatch: Bool
    @Field(key: "document") public var document: String
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "version") public var version: Int

    public init() {}

    public init(_ job: ServiceJob, approvalID: UUID?) throws {
        id = job.id
        caseID = job.caseID
        self.approvalID = approvalID
        priorityDispatch = false
        try update(from: job)
    }

    public func update(from job: ServiceJob) throws {
        status = job.status.rawValue
        category = job.category.rawValue
        isOffsite = job.isOffsite
        assigneeID = job.assigneeID
        registeredOn = job.registeredOn.description
        updatedAt = job.updatedAt
        version = job.version
        document = String(decoding: try Self.encoder.encode(job), as: UTF8.self)
    }

    public func toDomain() throws -> ServiceJob {
        try Self.decoder.decode(ServiceJob.self, from: Data(document.utf8))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return decoder
    }()
}
