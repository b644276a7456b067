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
/// What the openings refer to was checked before (`OpenCase.prepare`), so a batch only writes. If anything
/// fails in it (the complaint form or the service order of one opening), the batch is rolled back and each
/// opening is written again on its own, so that only the faulty one is refused.
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

        // What the batch reads (one connection runs the statements in turn; issued at once, their waits overlap):
        // the numbers (each type's sequence of the day advanced once for all its openings), the search rows, and
        // the new numbers — one registered since its opening was checked (by another batch, the customer page)
        // is reused, and two openings of this batch with the same new number share one registration.
        let day = rulebook.calendar.localDate(of: now)
        var counts: [String: Int] = [:]
        var keys: [Int: String] = [:]
        for (index, opening) in openings.enumerated() where opening.number == nil {
            let key = try OpenCase.numberKey(for: opening.input.type, on: day, rulebook: rulebook)
            keys[index] = key
            counts[key, default: 0] += 1
        }
        let newPhones = openings.compactMap { if case .new(_, let phone) = $0.customer { phone.digits } else { nil } }
        // The numbers first, alone: that write takes SQLite's write lock for the transaction, so none of the
        // statements issued at once below can wait on it — waiting statements would hold the connection
        // threads the lock's holder needs to finish (found at 1,000,000 cases: the server stood still).
        var next = try await CaseSearchIndex(db: db).nextSequences(counts)
        async let searchRowIDs = CaseSearchIndex(db: db).nextRowIDs(openings.count)
        var byPhone = try await CustomerRepository(db: db).customers(phones: newPhones)
        let rowIDs = try await searchRowIDs

        var accepted: [Accepted] = []
        var registrations: [(customer: CustomerRecord, phoneKeys: [String])] = []
        var audit: [AuditEntry] = []
        let register = RegisterCustomer(db: db, services: services)
        for (index, opening) in openings.enumerated() {
            switch opening.customer {
            case .existing(let customer):
                accepted.append(Accepted(index: index, opening: opening, customer: customer, department: opening.department))
            case .new(let customer, let phone):
                if let existing = byPhone[phone.digits] {
                    accepted.append(Accepted(index: index, opening: opening, customer: existing, department: opening.department))
                } else {
                    registrations.append((customer, phone.suffixKeys))
                    audit.append(register.registered(customer, phone: phone, by: opening.staff))
                    byPhone[phone.digits] = customer
                    accepted.append(Accepted(index: index, opening: opening, customer: customer, department: opening.department))
                }
            }
        }

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
            record.searchRowID = rowIDs?[item.index]
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

        // The writes, at once as well; only the cases wait for their new customers (they refer to them).
        let newCases = records, searchTexts = texts, newCustomers = registrations, entries = audit, events = stats
        let newClocks = clocks.flatMap { $0 }
        async let casesWritten: Void = {
            try await CustomerRepository(db: db).insert(newCustomers)
            try await CaseRepository(db: db).insert(newCases, searchTexts: searchTexts)
        }()
        async let counted: Void = CaseStatsRepository(db: db).bump(events)
        async let audited: Void = AuditRepository(db: db).append(entries)
        async let clocked: Void = DeadlineClockRepository(db: db).insert(newClocks)
        _ = try await (casesWritten, counted, audited, clocked)

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
