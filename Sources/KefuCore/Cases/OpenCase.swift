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

    package struct Input: Sendable {
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

    /// A case just opened, with what its answer shows: its customer, and its clocks when nothing changed them
    /// after the opening (an assignment in the same step meets the dispatch clock: then nil, read them again).
    package struct Opened: Sendable {
        package let record: CaseRecord
        package let customer: CustomerRecord
        package let clocks: [DeadlineClock]?
    }

    /// An opening waiting for its write: the checked input, who opens it, its customer (found, or to be
    /// registered), its department, and the number reserved beforehand when the caller wraps this in a
    /// larger transaction.
    package struct Pending: Sendable {
        package let input: Input
        package let staff: StaffUser
        let customer: Customer
        let department: UUID?
        package let number: String?
    }

    enum Customer: Sendable {
        case existing(CustomerRecord)
        /// Registered with the case unless a customer with this number exists by the time it is written.
        case new(CustomerRecord, PhoneNumber)
    }

    package func run(_ input: Input, by staff: StaffUser, number reserved: String? = nil) async throws -> CaseRecord {
        try await open(input, by: staff, number: reserved).record
    }

    /// Checks the input and what it refers to, then writes the case: on a server, together with the
    /// openings waiting at that moment (group commit, `OpenCaseQueue`: one transaction, a statement per table
    /// for all of them, each caller answered after the commit); in place when the caller already holds the
    /// write gate or a transaction of its own, or has no queue (a command, a test without one).
    package func open(_ input: Input, by staff: StaffUser, number reserved: String? = nil) async throws -> Opened {
        let pending = try await prepare(input, by: staff, number: reserved)
        if let queue = services.openCaseQueue, !AsyncGate.isHeld, !db.inTransaction {
            return try await queue.submit(pending, db: db, services: services)
        }
        return try await OpenCaseBatch(db: db, services: services).write([pending])[0].get()
    }

    /// The opening checked against the input rules and the database (its customer and department), read
    /// before the write so that a batch's transaction only writes. Customers and departments are not
    /// deleted while cases refer to them; a number registered meanwhile by someone else is caught when the
    /// batch writes (`OpenCaseBatch`).
    package func prepare(_ input: Input, by staff: StaffUser, number reserved: String? = nil) async throws -> Pending {
        try validate(input)
        let customer: Customer
        if let id = input.customerID {
            guard let found = try await CustomerRepository(db: db).customer(id: id) else {
                throw DomainError.validation(fields: ["customer_id": "error.field.unknown"])
            }
            customer = .existing(found)
        } else if let phone = PhoneNumber(input.newCustomer!.phone),
                  let existing = try await CustomerRepository(db: db).customers(phones: [phone.digits])[phone.digits] {
            // An existing customer with the same number is reused rather than duplicated.
            customer = .existing(existing)
        } else {
            guard staff.has(.customersManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
            let (record, phone) = try RegisterCustomer(db: db, services: services).validated(input.newCustomer!, by: staff)
            customer = .new(record, phone)
        }
        let department = input.departmentID ?? staff.departmentID
        if let department, try await OrganizationRepository(db: db).existingDepartments([department]).isEmpty {
            throw DomainError.validation(fields: ["department_id": "error.field.unknown"])
        }
        return Pending(input: input, staff: staff, customer: customer, department: department, number: reserved)
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

    /// The next number of the type's prefix on the organization's local date.
    package func reserveNumber(for type: CaseType) async throws -> String {
        let day = services.rulebook.calendar.localDate(of: services.now())
        let key = try Self.numberKey(for: type, on: day, rulebook: services.rulebook)
        return try Self.number(for: type, on: day, sequence: try await CaseSearchIndex(db: db).nextSequence(key: key), rulebook: services.rulebook)
    }

    /// The sequence the numbers of `type` on `day` are drawn from: the type's prefix and the date.
    static func numberKey(for type: CaseType, on day: LocalDate, rulebook: Rulebook) throws -> String {
        guard let prefix = rulebook.numbering.prefix(forCaseType: type.rawValue) else { throw StoreError.corrupt("numbering") }
        return String(format: "%@-%04d%02d%02d", prefix, day.year, day.month, day.day)
    }

    static func number(for type: CaseType, on day: LocalDate, sequence: Int, rulebook: Rulebook) throws -> String {
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
