import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Opens a case (受理): validates the input, finds or registers the customer, gives it the next human
/// number of its type and day (CMP-02 pattern), fixes the first-contact owner (CHN-12), starts its clocks,
/// indexes its text, audits it, and stores what the case brings with it (a complaint's form, a service
/// request's job) — all in one transaction. The new-case page and `POST /api/v1/cases` both call this, so
/// the two cannot drift apart again (issue 22: the page never registered the service job).
package struct OpenCase {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package struct Input {
        package var type: CaseType
        package var channel: CaseChannel
        package var customerID: UUID?
        package var newCustomer: RegisterCustomer.Input?
        package var subject: String
        package var description: String
        package var priority: CasePriority?
        package var departmentID: UUID?
        package var assigneeID: UUID?
        package var callAt: Date?
        package var callerRegion: String?
        package var contact: String?
        package var relatedDepartmentID: UUID?
        package var feedbackResult: String?
        package var appointmentAt: Date?
        /// The complaint form (客户投诉处理表, CMP-04/12/13) of a complaint case.
        package var complaint: ComplaintFormRequest? = nil
        /// SRV-02: the service job a service request registers with it.
        package var service: ServiceOrder? = nil
        /// API.md lists `description` as required on `POST /cases` (issue 20: a blank one was stored); the
        /// phone form and cases opened by Kefu itself (chat, refiling, demo) may leave it empty.
        package var descriptionRequired = false

        package init(type: CaseType, channel: CaseChannel, customerID: UUID? = nil, newCustomer: RegisterCustomer.Input? = nil, subject: String, description: String, priority: CasePriority? = nil, departmentID: UUID? = nil, assigneeID: UUID? = nil, callAt: Date? = nil, callerRegion: String? = nil, contact: String? = nil, relatedDepartmentID: UUID? = nil, feedbackResult: String? = nil, appointmentAt: Date? = nil, complaint: ComplaintFormRequest? = nil, service: ServiceOrder? = nil, descriptionRequired: Bool = false) {
            self.type = type
            self.channel = channel
            self.customerID = customerID
            self.newCustomer = newCustomer
            self.subject = subject
            self.description = description
            self.priority = priority
            self.departmentID = departmentID
            self.assigneeID = assigneeID
            self.callAt = callAt
            self.callerRegion = callerRegion
            self.contact = contact
            self.relatedDepartmentID = relatedDepartmentID
            self.feedbackResult = feedbackResult
            self.appointmentAt = appointmentAt
            self.complaint = complaint
            self.service = service
            self.descriptionRequired = descriptionRequired
        }
    }

    package static let subjectLimit = 200
    package static let descriptionLimit = 10_000

    /// `number` is one reserved beforehand with `reserveNumber` when the caller wraps this in a larger
    /// transaction; otherwise it is reserved here, before the transaction.
    package func run(_ input: Input, by staff: StaffUser, number reserved: String? = nil) async throws -> CaseRecord {
        try validate(input)
        let now = services.now().roundedToMilliseconds
        let rulebook = services.rulebook
        // The day's sequence row is taken in its own short statement, not held to the end of the case's
        // transaction, so that cases are opened in parallel on PostgreSQL (a failed open leaves a gap).
        var caseNumber = reserved ?? ""
        if reserved == nil { caseNumber = try await reserveNumber(for: input.type) }
        let number = caseNumber
        return try await db.transaction { db in
            let customer = try await customer(for: input, by: staff, db: db)
            let department = input.departmentID ?? staff.departmentID
            if let department, try await OrganizationRepository(db: db).department(department) == nil {
                throw DomainError.validation(fields: ["department_id": "error.field.unknown"])
            }
            let record = CaseRecord()
            record.id = services.newID()
            record.type = input.type.rawValue
            record.channel = input.channel.rawValue
            record.status = CaseStatus.new.rawValue
            // ORD-02: a key account's case starts at high priority (重点对待).
            record.priority = rulebook.cases.priority(input.priority ?? .normal, customerTier: customer.tier).rawValue
            record.subject = input.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            record.description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
            record.customerID = customer.id!
            record.callAt = input.callAt ?? (input.channel == .phone ? now : nil)
            record.callerRegion = input.callerRegion?.nilIfBlank ?? customer.region
            record.contact = input.contact?.nilIfBlank
            record.relatedDepartmentID = input.relatedDepartmentID
            record.feedbackResult = input.feedbackResult?.nilIfBlank
            record.ownerID = staff.id
            record.teamID = staff.teamID
            record.departmentID = department
            record.escalationLevel = 0
            record.appointmentAt = input.appointmentAt
            record.createdAt = now
            record.updatedAt = now
            record.version = 1
            record.number = number
            try await CaseRepository(db: db).insert(record, searchText: CaseText.of(record, customer: customer, notes: []))
            try await CaseStats(db: db, services: services).opened(record)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "case.created", subjectType: "case",
                subjectID: record.id!, summary: "\(record.number) \(record.type) via \(record.channel)",
                rulebookVersion: rulebook.versionShort))
            try await CaseClocks(db: db, services: services).startAll(for: record)
            if let assignee = input.assigneeID {
                try await CaseActions(db: db, services: services).assign(record, to: assignee, by: staff, comment: nil)
            }
            if let complaint = input.complaint {
                try await Complaints(db: db, services: services).record(complaint, for: record)
            }
            if let service = input.service {
                do {
                    _ = try await ServiceJobs(db: db, services: services).register(caseRecord: record, order: service, by: staff)
                } catch DomainError.validation(let fields) {
                    // Named like the complaint's fields: the order's fields sit under `service`.
                    throw DomainError.validation(fields: Dictionary(uniqueKeysWithValues: fields.map { ("service.\($0.key)", $0.value) }))
                }
            }
            return record
        }
    }

    private func validate(_ input: Input) throws {
        var fields: [String: String] = [:]
        let subject = input.subject.trimmingCharacters(in: .whitespacesAndNewlines)
        if subject.isEmpty { fields["subject"] = "error.field.required" }
        if subject.count > Self.subjectLimit { fields["subject"] = "error.field.too_long" }
        if input.description.count > Self.descriptionLimit { fields["description"] = "error.field.too_long" }
        if input.descriptionRequired, input.description.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            fields["description"] = "error.field.required"
        }
        for (name, value, limit) in [("caller_region", input.callerRegion, 64), ("contact", input.contact, 64),
                                     ("feedback_result", input.feedbackResult, 2_000)] where (value?.count ?? 0) > limit {
            fields[name] = "error.field.too_long"
        }
        if input.customerID == nil, input.newCustomer == nil { fields["customer_id"] = "error.field.required" }
        if let appointment = input.appointmentAt, appointment <= services.now() { fields["appointment_at"] = "error.field.past" }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
    }

    /// The named customer, or the one the inline details describe: an existing customer with the same
    /// number is reused rather than duplicated.
    private func customer(for input: Input, by staff: StaffUser, db: any Database) async throws -> CustomerRecord {
        if let id = input.customerID {
            guard let customer = try await CustomerRepository(db: db).find(id) else {
                throw DomainError.validation(fields: ["customer_id": "error.field.unknown"])
            }
            return customer
        }
        let details = input.newCustomer!
        if let phone = PhoneNumber(details.phone), let existing = try await CustomerRepository(db: db).find(phone: phone.digits) {
            return existing
        }
        guard staff.has(.customersManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
        return try await RegisterCustomer(db: db, services: services).run(details, by: staff)
    }

    /// The next number of the type's prefix on the organization's local date.
    package func reserveNumber(for type: CaseType) async throws -> String {
        let rulebook = services.rulebook
        let now = services.now()
        let day = rulebook.calendar.localDate(of: now)
        guard let prefix = rulebook.numbering.prefix(forCaseType: type.rawValue) else { throw StoreError.corrupt("numbering") }
        let key = String(format: "%@-%04d%02d%02d", prefix, day.year, day.month, day.day)
        let sequence = try await CaseSearchIndex(db: db).nextSequence(key: key)
        guard let number = rulebook.numbering.number(caseType: type.rawValue, on: day, sequence: sequence) else {
            throw StoreError.corrupt("numbering")
        }
        return number
    }
}

extension Date {
    /// Cases keep millisecond times so that keyset cursors (microsecond text) round-trip exactly.
    package var roundedToMilliseconds: Date { Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded(.down) / 1000) }
}
