import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/cases` (API.md "Cases"). Unknown `type`/`channel`/`priority` words fail decoding (400).
struct CreateCaseRequest: Content {
    let type: CaseType
    let channel: CaseChannel
    let customerID: UUID?
    let customer: CustomersAPIController.CreateCustomerRequest?
    let subject: String
    let description: String?
    let priority: CasePriority?
    let departmentID: UUID?
    let assigneeID: UUID?
    let callAt: Date?
    let callerRegion: String?
    let contact: String?
    let relatedDepartmentID: UUID?
    let feedbackResult: String?
    let appointmentAt: Date?
    /// Service requests (SRV-02) may register their service job with the case.
    let service: ServiceRegistrationRequest?
    /// Complaints carry their form (API.md "Complaints").
    let complaint: ComplaintFormRequest?

    enum CodingKeys: String, CodingKey {
        case type, channel, customer, subject, description, priority, contact, service, complaint
        case customerID = "customer_id", departmentID = "department_id", assigneeID = "assignee_id", callAt = "call_at"
        case callerRegion = "caller_region", relatedDepartmentID = "related_department_id", feedbackResult = "feedback_result"
        case appointmentAt = "appointment_at"
    }

    var input: OpenCase.Input {
        OpenCase.Input(type: type, channel: channel, customerID: customerID,
                       newCustomer: customer.map { .init(name: $0.name, phone: $0.phone, address: $0.address, region: $0.region,
                                                         isMember: $0.isMember ?? false, tier: $0.tier) },
                       subject: subject, description: description ?? "", priority: priority, departmentID: departmentID,
                       assigneeID: assigneeID, callAt: callAt, callerRegion: callerRegion, contact: contact,
                       relatedDepartmentID: relatedDepartmentID, feedbackResult: feedbackResult, appointmentAt: appointmentAt,
                       complaint: complaint, service: service?.order, descriptionRequired: true)
    }
}

/// Body of the case actions: every field optional, each action reads what it needs.
struct CaseActionRequest: Content {
    let version: Int?
    let comment: String?
    let assigneeID: UUID?
    let body: String?
    let isInternal: Bool?
    let reason: String?
    let resolution: String?
    let emergency: Bool?
    let otherCaseID: UUID?
    let kind: String?

    enum CodingKeys: String, CodingKey {
        case version, comment, body, reason, resolution, emergency, kind
        case assigneeID = "assignee_id", isInternal = "internal", otherCaseID = "other_case_id"
    }
}

struct DeadlineResponse: Content {
    let kind: String
    let dueAt: Date
    let state: String
    let ruleKey: String

    enum CodingKeys: String, CodingKey {
        case kind, state
        case dueAt = "due_at", ruleKey = "rule"
    }

    init(_ clock: DeadlineClock) { self.init(DeadlineClockSummary(clock)) }

    init(_ clock: DeadlineClockSummary) { kind = clock.kind; dueAt = clock.dueAt; state = clock.state.rawValue; ruleKey = clock.ruleKey }
}

struct CaseResponse: Content {
    let id: UUID
    let number: String
    let type: String
    let channel: String
    let status: String
    let priority: String
    let subject: String
    let description: String
    let customer: CustomerResponse?
    let ownerID: UUID
    let assigneeID: UUID?
    let teamID: UUID?
    let departmentID: UUID?
    let callAt: Date?
    let callerRegion: String?
    let contact: String?
    let relatedDepartmentID: UUID?
    let feedbackResult: String?
    let escalationLevel: Int
    let appointmentAt: Date?
    let resolution: String?
    let createdAt: Date
    let firstRespondedAt: Date?
    let resolvedAt: Date?
    let closedAt: Date?
    let breached: Bool
    let version: Int
    let deadlines: [DeadlineResponse]
    /// The complaint form of a complaint case (single-case answers only).
    var complaint: ComplaintResponse?

    enum CodingKeys: String, CodingKey {
        case id, number, type, channel, status, priority, subject, description, customer, contact, resolution, breached, version, deadlines
        case complaint
        case ownerID = "owner_id", assigneeID = "assignee_id", teamID = "team_id", departmentID = "department_id", callAt = "call_at"
        case callerRegion = "caller_region", relatedDepartmentID = "related_department_id", feedbackResult = "feedback_result"
        case escalationLevel = "escalation_level", appointmentAt = "appointment_at", createdAt = "created_at"
        case firstRespondedAt = "first_responded_at", resolvedAt = "resolved_at", closedAt = "closed_at"
    }

    init(_ record: CaseRecord, customer: CustomerRecord?, clocks: [DeadlineClock], unmasked: Bool) {
        self.init(record, customer: customer, deadlines: clocks.map(DeadlineResponse.init), unmasked: unmasked)
    }

    init(_ record: CaseRecord, customer: CustomerRecord?, deadlines: [DeadlineResponse], unmasked: Bool) {
        id = record.id!; number = record.number; type = record.type; channel = record.channel; status = record.status
        priority = record.priority; subject = record.subject; description = record.description
        self.customer = customer.map { CustomerResponse($0, unmasked: unmasked) }
        ownerID = record.ownerID; assigneeID = record.assigneeID; teamID = record.teamID; departmentID = record.departmentID
        callAt = record.callAt; callerRegion = record.callerRegion
        contact = unmasked ? record.contact : record.contact.map { PhoneNumber($0)?.masked ?? $0 }
        relatedDepartmentID = record.relatedDepartmentID; feedbackResult = record.feedbackResult
        escalationLevel = record.escalationLevel; appointmentAt = record.appointmentAt; resolution = record.resolution
        createdAt = record.createdAt; firstRespondedAt = record.firstRespondedAt; resolvedAt = record.resolvedAt
        closedAt = record.closedAt; breached = record.breachedAt != nil; version = record.version
        self.deadlines = deadlines
    }

    /// Responses for a page of cases: customers and clocks in two queries, not two per row.
    static func page(_ records: [CaseRecord], unmasked: Bool, db: any Database) async throws -> [CaseResponse] {
        let customers = try await CustomerRepository(db: db).find(ids: records.map(\.customerID))
        let byCustomer = Dictionary(customers.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let clocks = try await DeadlineClockRepository(db: db).summaries(subjectType: "case", subjectIDs: records.compactMap(\.id))
        let bySubject = Dictionary(grouping: clocks, by: \.subjectID)
        return records.map {
            CaseResponse($0, customer: byCustomer[$0.customerID], deadlines: (bySubject[$0.id!] ?? []).map(DeadlineResponse.init), unmasked: unmasked)
        }
    }
}

struct CaseNoteResponse: Content {
    let id: UUID
    let body: String
    let isInternal: Bool
    let authorID: UUID
    let authorName: String
    let createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, body
        case isInternal = "internal", authorID = "author_id", authorName = "author_name", createdAt = "created_at"
    }

    init(_ note: CaseNoteRecord) {
        id = note.id!; body = note.body; isInternal = note.isInternal; authorID = note.authorID; authorName = note.authorName
        createdAt = note.createdAt
    }
}
