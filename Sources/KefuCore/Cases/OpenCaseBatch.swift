import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Writes case openings (受理) together — one or many, the same steps either way: finds or registers each
/// customer (an existing customer with the same number is reused rather than duplicated), gives each case the
/// next human number of its type and day (CMP-02 pattern), fixes the first-contact owner (CHN-12), starts its
/// clocks, indexes its text, audits it, counts it in the daily aggregate, and stores what the case brings
/// with it (a complaint's form, a service request's job). One transaction for the batch and one statement per
/// table for all of it (issue 22): the cost of a creation is shared by the openings that arrived together.
///
/// An opening refused by what the database holds (an unknown customer or department, a new customer the
/// staff member may not register) refuses only itself. If anything fails after the rows are written (the
/// complaint form or the service order of one opening), the batch is rolled back and each opening is
/// written again on its own, so that only the faulty one is refused.
package struct OpenCaseBatch {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    /// The outcome of each opening, in order. Database faults (busy, lost connection) fail every opening
    /// of the batch; nothing of a failed batch is stored.
    package func write(_ openings: [OpenCase.Pending]) async -> [Result<OpenCase.Opened, any Error>] {
        do {
            if db.inTransaction { return try await written(openings, db: db) }
            return try await WriteContention.retrying(services) { try await db.transaction { try await written(openings, db: $0) } }
        } catch where openings.count > 1 && !db.inTransaction && !services.isWriteContention(error) {
            var results: [Result<OpenCase.Opened, any Error>] = []
            for opening in openings { results.append(await write([opening])[0]) }
            return results
        } catch {
            return openings.map { _ in .failure(error) }
        }
    }

    private struct Accepted {
        let index: Int
        let opening: OpenCase.Pending
        let customer: CustomerRecord
        let department: UUID?
    }

    private func written(_ openings: [OpenCase.Pending], db: any Database) async throws -> [Result<OpenCase.Opened, any Error>] {
        let now = services.now().roundedToMilliseconds
        let rulebook = services.rulebook
        var results = [Result<OpenCase.Opened, any Error>?](repeating: nil, count: openings.count)

        // What the openings refer to, read at once.
        let customers = CustomerRepository(db: db)
        let named = Dictionary(try await customers.find(ids: openings.compactMap(\.input.customerID)).map { ($0.id!, $0) },
                               uniquingKeysWith: { a, _ in a })
        let phones = openings.compactMap { $0.input.customerID == nil ? $0.input.newCustomer.flatMap { PhoneNumber($0.phone)?.digits } : nil }
        var byPhone = try await customers.find(phones: phones)
        let departments = try await OrganizationRepository(db: db).existingDepartments(
            Set(openings.compactMap { $0.input.departmentID ?? $0.staff.departmentID }))

        var accepted: [Accepted] = []
        var registrations: [(customer: CustomerRecord, phoneKeys: [String])] = []
        var audit: [AuditEntry] = []
        for (index, opening) in openings.enumerated() {
            do {
                let customer: CustomerRecord
                if let id = opening.input.customerID {
                    guard let found = named[id] else { throw DomainError.validation(fields: ["customer_id": "error.field.unknown"]) }
                    customer = found
                } else if let digits = PhoneNumber(opening.input.newCustomer!.phone)?.digits, let existing = byPhone[digits] {
                    customer = existing
                } else {
                    guard opening.staff.has(.customersManage) else { throw DomainError.forbidden(reason: "error.forbidden") }
                    let register = RegisterCustomer(db: db, services: services)
                    let (new, phone) = try register.validated(opening.input.newCustomer!, by: opening.staff)
                    registrations.append((new, phone.suffixKeys))
                    audit.append(register.registered(new, phone: phone, by: opening.staff))
                    byPhone[phone.digits] = new  // a second opening for the same new number in this batch reuses it
                    customer = new
                }
                let department = opening.input.departmentID ?? opening.staff.departmentID
                if let department, !departments.contains(department) {
                    throw DomainError.validation(fields: ["department_id": "error.field.unknown"])
                }
                accepted.append(Accepted(index: index, opening: opening, customer: customer, department: department))
            } catch {
                results[index] = .failure(error)
            }
        }
        // A refused opening's registration is not kept (its customer is not referred to by any case).
        let kept = Set(accepted.map { ObjectIdentifier($0.customer) })
        let keptRegistrations = registrations.filter { kept.contains(ObjectIdentifier($0.customer)) }
        let keptCustomerIDs = Set(keptRegistrations.map { $0.customer.id! })
        audit.removeAll { $0.subjectType == "customer" && !keptCustomerIDs.contains($0.subjectID) }

        // Numbers: each type's sequence of the day advanced once for all its openings.
        let day = rulebook.calendar.localDate(of: now)
        var counts: [String: Int] = [:]
        var keys: [Int: String] = [:]
        for item in accepted where item.opening.number == nil {
            let key = try OpenCase.numberKey(for: item.opening.input.type, on: day, rulebook: rulebook)
            keys[item.index] = key
            counts[key, default: 0] += 1
        }
        var next = try await CaseSearchIndex(db: db).nextSequences(counts)

        var records: [CaseRecord] = []
        var texts: [String] = []
        var stats: [(key: CaseStatsRepository.Key, tally: CaseTally)] = []
        var clocks: [[DeadlineClock]] = []
        let caseStats = CaseStats(db: db, services: services)
        let caseClocks = CaseClocks(db: db, services: services)
        for item in accepted {
            let input = item.opening.input, staff = item.opening.staff
            let record = CaseRecord()
            record.id = services.newID()
            record.type = input.type.rawValue
            record.channel = input.channel.rawValue
            record.status = CaseStatus.new.rawValue
            // ORD-02: a key account's case starts at high priority (重点对待).
            record.priority = rulebook.cases.priority(input.priority ?? .normal, customerTier: item.customer.tier).rawValue
            record.subject = input.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            record.description = input.description.trimmingCharacters(in: .whitespacesAndNewlines)
            record.customerID = item.customer.id!
            record.callAt = input.callAt ?? (input.channel == .phone ? now : nil)
            record.callerRegion = input.callerRegion?.nilIfBlank ?? item.customer.region
            record.contact = input.contact?.nilIfBlank
            record.relatedDepartmentID = input.relatedDepartmentID
            record.feedbackResult = input.feedbackResult?.nilIfBlank
            record.ownerID = staff.id
            record.teamID = staff.teamID
            record.departmentID = item.department
            record.escalationLevel = 0
            record.appointmentAt = input.appointmentAt
            record.createdAt = now
            record.updatedAt = now
            record.version = 1
            if let reserved = item.opening.number {
                record.number = reserved
            } else {
                let key = keys[item.index]!
                record.number = try OpenCase.number(for: input.type, on: day, sequence: next[key]!, rulebook: rulebook)
                next[key]! += 1
            }
            records.append(record)
            texts.append(CaseText.of(record, customer: item.customer, notes: []))
            stats.append(caseStats.openedEvent(record))
            audit.append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "case.created", subjectType: "case",
                subjectID: record.id!, summary: "\(record.number) \(record.type) via \(record.channel)",
                rulebookVersion: rulebook.versionShort))
            clocks.append(caseClocks.planned(for: record))
        }

        try await CustomerRepository(db: db).insert(keptRegistrations)
        try await CaseRepository(db: db).insert(records, searchTexts: texts)
        try await CaseStatsRepository(db: db).bump(stats)
        try await AuditRepository(db: db).append(audit)
        try await DeadlineClockRepository(db: db).insert(clocks.flatMap { $0 })

        // What an opening brings with it, through the features' own steps, in the same transaction.
        for (n, item) in accepted.enumerated() {
            let input = item.opening.input, staff = item.opening.staff, record = records[n]
            var followedUp = false
            if let assignee = input.assigneeID {
                try await CaseActions(db: db, services: services).assign(record, to: assignee, by: staff, comment: nil)
                followedUp = true
            }
            if let complaint = input.complaint {
                try await Complaints(db: db, services: services).record(complaint, for: record)
                followedUp = true
            }
            if let service = input.service {
                do {
                    _ = try await ServiceJobs(db: db, services: services).register(caseRecord: record, order: service, by: staff)
                } catch DomainError.validation(let fields) {
                    // Named like the complaint's fields: the order's fields sit under `service`.
                    throw DomainError.validation(fields: Dictionary(uniqueKeysWithValues: fields.map { ("service.\($0.key)", $0.value) }))
                }
                followedUp = true
            }
            results[item.index] = .success(OpenCase.Opened(record: record, customer: item.customer, clocks: followedUp ? nil : clocks[n]))
        }
        return results.map { $0! }
    }
}
