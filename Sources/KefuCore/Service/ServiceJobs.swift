import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// After-sales service on a case (REQUIREMENTS §3 SRV): register the job (SRV-02), the off-site
/// application through the approvals engine (SRV-11), dispatch by the rulebook's dispatcher role
/// (SRV-03), the voucher with the customer's signature and the fee path (SRV-05..08), the manager's
/// countersignature (SRV-09), costs (SRV-12) and filing. Each step audits on the case's timeline.
package struct ServiceJobs {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package static let subjectType = "service_job"

    /// Who may see and work a job: the dispatcher role (they run the dispatch queue across cases), the
    /// dispatched service person, or anyone who may read the case.
    package func load(caseID: UUID, by staff: StaffUser, db: any Database) async throws -> (ServiceJobRecord, ServiceJob) {
        guard let record = try await ServiceJobRepository(db: db).find(caseID: caseID) else { throw DomainError.notFound(subject: "service_job") }
        if !staff.roles.contains(services.rulebook.service.dispatcher), record.assigneeID != staff.id {
            _ = try await CaseScope.of(staff, db: db).readable(caseID, db: db)
        }
        return (record, try record.toDomain())
    }

    /// Registers the job of a service-request case; an off-site job starts its approval at once.
    /// SRV-02: registers the job of a service request, from the new-case form, the API's case creation, the
    /// case page's service panel or `POST /cases/:id/service` alike.
    package func register(caseRecord: CaseRecord, order: ServiceOrder, by staff: StaffUser) async throws -> ServiceJobRecord {
        guard caseRecord.type == CaseType.serviceRequest.rawValue else {
            throw DomainError.validation(fields: ["type": "error.service.case_type"])
        }
        let category = order.category, offsite = order.offsite
        return try await db.transaction { db in
            let entry = order.entry(customer: try await CustomerRepository(db: db).find(caseRecord.customerID))
            if try await ServiceJobRepository(db: db).find(caseID: caseRecord.id!) != nil { throw DomainError.conflict(reason: "error.service.exists") }
            let job: ServiceJob
            do {
                job = try ServiceJob.register(id: services.newID(), caseID: caseRecord.id!, category: category, entry: entry, isOffsite: offsite,
                                              at: services.now(), timeZone: services.rulebook.calendar.timeZone)
            } catch DomainError.validation(let fields) { throw DomainError.validation(fields: Self.snakeCased(fields)) }
            var approvalID: UUID?
            if offsite {
                let chain = ApprovalChain(steps: [ApprovalStepSpec(role: services.rulebook.service.offsiteApprover)], ruleKey: "service.offsite_approver")
                approvalID = try await ApprovalEngine(db: db, services: services).start(
                    chain: chain, subjectType: Self.subjectType, subjectID: job.id, requestedBy: staff.id, requesterName: staff.username).id
            }
            let record = try ServiceJobRecord(job, approvalID: approvalID)
            try await ServiceJobRepository(db: db).insert(record)
            try await audit(caseRecord.id!, staff, "service.registered", "\(category.letter) \(category.rawValue)\(offsite ? ", off-site" : "")",
                            ruleKey: offsite ? "service.offsite_approver" : nil, db: db)
            return record
        }
    }

    /// A step on the job of case `caseID`; `action` names it on the timeline.
    package func change(caseID: UUID, by staff: StaffUser, expectedVersion: Int?, action: String, ruleKey: String? = nil,
                _ body: @escaping @Sendable (inout ServiceJob, ServiceJobRecord) throws -> String) async throws -> ServiceJobRecord {
        try await db.transaction { db in
            let (record, loaded) = try await load(caseID: caseID, by: staff, db: db)
            if let expectedVersion, expectedVersion != record.version { throw DomainError.staleVersion(current: record.version) }
            var job = loaded
            let summary: String
            do { summary = try body(&job, record) } catch DomainError.validation(let fields) {
                throw DomainError.validation(fields: Self.snakeCased(fields))
            }
            try await ServiceJobRepository(db: db).save(record, job: job, expectedVersion: record.version)
            try await audit(caseID, staff, action, "\(loaded.status.rawValue) → \(job.status.rawValue)\(summary.isEmpty ? "" : "; " + summary)",
                            ruleKey: ruleKey, db: db)
            return record
        }
    }

    package func dispatch(caseID: UUID, to personID: UUID, by staff: StaffUser, expectedVersion: Int?) async throws -> ServiceJobRecord {
        guard let person = try await UserRepository(db: db).find(personID), person.active else {
            throw DomainError.validation(fields: ["assignee_id": "error.case.assignee_inactive"])
        }
        let isDispatcher = staff.roles.contains(services.rulebook.service.dispatcher)
        let now = services.now()
        return try await db.transaction { db in
            let jobs = ServiceJobs(db: db, services: services)
            let record = try await jobs.change(caseID: caseID, by: staff, expectedVersion: expectedVersion, action: "service.dispatched",
                                               ruleKey: "service.dispatcher") { job, _ in
                try job.dispatch(to: personID, by: staff.id, isDepartmentManager: isDispatcher, at: now)
                return "to \(person.username)"
            }
            let number = try await CaseRepository(db: db).find(caseID)?.number ?? ""
            try await Notifier(db: db, services: services).notify([personID], .init(
                kind: "service.dispatched", titleKey: "notice.service_dispatched", titleArgument: number,
                link: "/cases/\(caseID)", subjectType: "case", subjectID: caseID, dedupeKey: "service:\(record.id!):dispatched"))
            return record
        }
    }

    package func audit(_ caseID: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: "case",
            subjectID: caseID, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }

    /// The domain names fields in camelCase; the API and forms use snake_case.
    package static func snakeCased(_ fields: [String: String]) -> [String: String] {
        Dictionary(fields.map { key, value in
            (key.reduce(into: "") { result, character in
                if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
            }, value)
        }, uniquingKeysWith: { a, _ in a })
    }
}
