import Crypto
import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The knowledge-base use cases (知识库 / 采编, REQUIREMENTS §8): registering an entry from a business notice,
/// editing its unified wording, the editing flow (KB-07: read → submit → confirmed by the issuing department
/// → publish, KB-05), withdrawing, each in one transaction under optimistic locking and audited with the
/// rule that decided it.
struct KBEntries {
    let db: any Database
    let services: AppServices

    static let subjectType = "kb_entry"
    /// The approval that asks the issuing department to confirm the wording (KB-05).
    static let confirmationSubject = "kb_confirmation"
    static let textLimit = 8_000

    var rules: KnowledgeBaseRules { services.rulebook.knowledgeBase }

    func create(_ input: KBEntryRequest, by staff: StaffUser) async throws -> KBEntryRecord {
        guard staff.has(.kbEdit) else { throw DomainError.forbidden(reason: "error.forbidden") }
        var errors = FieldErrors()
        let catalog = errors.require(input.catalog, "catalog")
        if let catalog, !rules.catalogs.contains(catalog) { errors.add("catalog", "error.field.choice") }
        let title = errors.text(input.title, "title", limit: 200)
        let question = errors.text(input.question, "question", limit: Self.textLimit)
        let answer = errors.text(input.answer, "answer", limit: Self.textLimit)
        let noticeRef = errors.optional(input.noticeRef, "notice_ref", limit: 100)
        let noticeSummary = errors.optional(input.noticeSummary, "notice_summary", limit: Self.textLimit)
        try errors.check()
        try KBPolicy.checkPeriod(from: input.effectiveFrom, to: input.effectiveTo)
        try await checkDepartment(input.issuingDepartmentID)
        let now = services.now().roundedToMilliseconds
        let day = services.rulebook.calendar.localDate(of: now)
        let key = String(format: "KB-%04d%02d%02d", day.year, day.month, day.day)
        let record = KBEntryRecord()
        record.id = services.newID()
        record.catalog = catalog!.rawValue
        record.title = title; record.question = question; record.answer = answer
        record.state = KBEntryState.received.rawValue
        record.issuingDepartmentID = input.issuingDepartmentID
        record.noticeRef = noticeRef; record.noticeSummary = noticeSummary
        record.effectiveFrom = input.effectiveFrom; record.effectiveTo = input.effectiveTo
        record.createdBy = staff.id; record.createdAt = now; record.updatedAt = now; record.version = 1
        try await db.transaction { db in
            record.number = key + String(format: "-%04d", try await CaseSearchIndex(db: db).nextSequence(key: key))
            try await KBRepository(db: db).insert(record)
            try await audit(record.id!, staff, "kb.received", "\(record.number) \(record.catalog)", ruleKey: nil, db: db)
        }
        return record
    }

    /// A change of the wording. A confirmed, published or withdrawn entry goes back to drafting, so the
    /// change is confirmed again (KB-05) and published as a new version; the version in force stays live.
    func update(_ id: UUID, _ input: KBEntryRequest, by staff: StaffUser, expectedVersion: Int?) async throws -> KBEntryRecord {
        guard staff.has(.kbEdit) else { throw DomainError.forbidden(reason: "error.forbidden") }
        var errors = FieldErrors()
        if let catalog = input.catalog, !rules.catalogs.contains(catalog) { errors.add("catalog", "error.field.choice") }
        let title = input.title.map { errors.text($0, "title", limit: 200) }
        let question = input.question.map { errors.text($0, "question", limit: Self.textLimit) }
        let answer = input.answer.map { errors.text($0, "answer", limit: Self.textLimit) }
        let noticeRef = errors.optional(input.noticeRef, "notice_ref", limit: 100)
        let noticeSummary = errors.optional(input.noticeSummary, "notice_summary", limit: Self.textLimit)
        try errors.check()
        try await checkDepartment(input.issuingDepartmentID)
        return try await db.transaction { db in
            let repository = KBRepository(db: db)
            let record = try await load(id, db: db)
            let loaded = record.version
            if let expectedVersion, expectedVersion != loaded { throw DomainError.staleVersion(current: loaded) }
            let state = KBEntryState(rawValue: record.state) ?? .received
            if state == .confirming { throw DomainError.invalidTransition(from: state.rawValue, to: "edit") }
            if let catalog = input.catalog { record.catalog = catalog.rawValue }
            if let title { record.title = title }
            if let question { record.question = question }
            if let answer { record.answer = answer }
            if let department = input.issuingDepartmentID { record.issuingDepartmentID = department }
            if let noticeRef { record.noticeRef = noticeRef }
            if let noticeSummary { record.noticeSummary = noticeSummary }
            if let from = input.effectiveFrom { record.effectiveFrom = from }
            if let to = input.effectiveTo { record.effectiveTo = to } else if input.clearEffectiveTo == true { record.effectiveTo = nil }
            try KBPolicy.checkPeriod(from: record.effectiveFrom, to: record.effectiveTo)
            if [.confirmed, .published, .withdrawn].contains(state) {
                record.state = KBEntryState.drafting.rawValue
                record.approvalState = nil
            }
            record.updatedAt = services.now()
            try await repository.save(record, expectedVersion: loaded)
            try await audit(id, staff, "kb.edited", "\(state.rawValue) → \(record.state)", ruleKey: nil, db: db)
            return record
        }
    }

    func perform(_ action: KBAction, on id: UUID, by staff: StaffUser, expectedVersion: Int?) async throws -> KBEntryRecord {
        switch action {
        case .read:
            // KB-07: 报中心主任阅 — the rulebook's notice reader (or an administrator).
            guard staff.roles.contains(rules.noticeReader) || staff.roles.contains(.admin) else {
                throw DomainError.forbidden(reason: "error.kb.reader_only")
            }
        case .submit, .publish, .withdraw:
            guard staff.has(.kbEdit) else { throw DomainError.forbidden(reason: "error.forbidden") }
        }
        return try await db.transaction { db in
            let repository = KBRepository(db: db)
            let record = try await load(id, db: db)
            let loaded = record.version
            if let expectedVersion, expectedVersion != loaded { throw DomainError.staleVersion(current: loaded) }
            let state = KBEntryState(rawValue: record.state) ?? .received
            let next = try KBPolicy.next(after: action, from: state, hasLiveVersion: record.liveRevision != nil)
            let now = services.now().roundedToMilliseconds
            var rule: String?
            switch action {
            case .read:
                record.readBy = staff.id; record.readAt = now
                rule = KBPolicy.readRule
            case .submit:
                guard let department = record.issuingDepartmentID else {
                    throw DomainError.validation(fields: ["issuing_department_id": "error.field.required"])
                }
                let chain = ApprovalChain(steps: [ApprovalStepSpec(role: rules.confirmBy, departmentID: department)], ruleKey: KBPolicy.confirmRule)
                let approval = try await ApprovalEngine(db: db, services: services).start(
                    chain: chain, subjectType: Self.confirmationSubject, subjectID: id, requestedBy: staff.id, requesterName: staff.username)
                record.approvalID = approval.id; record.approvalState = approval.state.rawValue
                rule = KBPolicy.confirmRule
            case .publish:
                try await publish(record, by: staff, at: now, db: db)
                rule = KBPolicy.confirmRule
            case .withdraw:
                if let revision = record.liveRevision { try await repository.endVersion(of: id, revision: revision, at: now) }
                record.liveRevision = nil; record.liveTitle = nil; record.liveFrom = nil; record.liveTo = nil
                record.withdrawnAt = now
            }
            record.state = next.rawValue
            record.updatedAt = now
            try await repository.save(record, expectedVersion: loaded)
            try await audit(id, staff, "kb.\(action.rawValue)", "\(state.rawValue) → \(next.rawValue)", ruleKey: rule, db: db)
            return record
        }
    }

    /// KB-06 / KB-08: the confirmed wording becomes the version in force; the previous one ends now.
    private func publish(_ record: KBEntryRecord, by staff: StaffUser, at now: Date, db: any Database) async throws {
        try KBPolicy.checkPeriod(from: record.effectiveFrom, to: record.effectiveTo)
        let repository = KBRepository(db: db)
        let last = try await repository.versions(of: record.id!, limit: 1).first?.revision ?? 0
        if let live = record.liveRevision { try await repository.endVersion(of: record.id!, revision: live, at: now) }
        let version = KBEntryVersionRecord()
        version.id = services.newID(); version.entryID = record.id!; version.revision = last + 1
        version.catalog = record.catalog; version.title = record.title; version.question = record.question; version.answer = record.answer
        version.effectiveFrom = record.effectiveFrom; version.effectiveTo = record.effectiveTo; version.approvalID = record.approvalID
        version.publishedBy = staff.id; version.publishedAt = now
        try await repository.addVersion(version)
        record.liveRevision = version.revision; record.liveTitle = record.title
        record.liveFrom = record.effectiveFrom; record.liveTo = record.effectiveTo
        record.publishedAt = now; record.withdrawnAt = nil
        try await KBSearchIndex(db: db).write(record, text: [record.title, record.question, record.answer].joined(separator: "\n"))
    }

    /// KB-12 / KB-13: the reader has read the version in force.
    func acknowledge(_ id: UUID, by staff: StaffUser) async throws -> KBEntryRecord {
        try await db.transaction { db in
            let record = try await load(id, db: db)
            guard let revision = record.liveRevision else { throw DomainError.invalidTransition(from: record.state, to: "acknowledge") }
            try await KBRepository(db: db).markRead(entryID: id, userID: staff.id, revision: revision, at: services.now())
            try await audit(id, staff, "kb.acknowledged", "revision \(revision)", ruleKey: nil, db: db)
            return record
        }
    }

    /// KB-09: the original document (信息原件), within the rulebook's attachment limit.
    func attach(_ id: UUID, filename: String, contentType: String, data: Data, by staff: StaffUser) async throws -> KBDocumentRecord {
        guard staff.has(.kbEdit) else { throw DomainError.forbidden(reason: "error.forbidden") }
        let name = filename.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "/", with: "_")
        if name.isEmpty || name.count > 200 { throw DomainError.validation(fields: ["filename": "error.field.filename"]) }
        if data.isEmpty { throw DomainError.validation(fields: ["file": "error.field.required"]) }
        if data.count > services.rulebook.cases.attachmentMaxBytes {
            throw Failure(status: .payloadTooLarge, code: "payload_too_large", messageKey: "error.payload_too_large")
        }
        return try await db.transaction { db in
            _ = try await load(id, db: db)
            let document = KBDocumentRecord()
            document.id = services.newID(); document.entryID = id; document.filename = name; document.contentType = String(contentType.prefix(100))
            document.size = data.count; document.sha256 = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
            document.createdBy = staff.id; document.createdAt = services.now()
            try await KBRepository(db: db).addDocument(document, data: data)
            try await audit(id, staff, "kb.document_added", "\(name) \(data.count) bytes", ruleKey: nil, db: db)
            return document
        }
    }

    /// KB-06: the agent answered the case with this entry (its version in force now).
    func recordUse(caseID: UUID, entryID: UUID, by staff: StaffUser) async throws -> (KBUseRecord, KBEntryRecord) {
        try await db.transaction { db in
            let scope = try await CaseScope.of(staff, db: db)
            let record = try await scope.readable(caseID, db: db)
            guard CaseAccess.canAct(scope.viewer, record.parties) else { throw DomainError.forbidden(reason: "error.case.not_yours") }
            guard let entry = try await KBRepository(db: db).find(entryID) else {
                throw DomainError.validation(fields: ["entry_id": "error.field.invalid_value"])
            }
            let now = services.now()
            guard let revision = entry.liveRevision, KBPolicy.isInForce(from: entry.liveFrom, to: entry.liveTo, at: now) else {
                throw DomainError.conflict(reason: "error.kb.not_in_force")
            }
            let use = KBUseRecord()
            use.id = services.newID(); use.caseID = caseID; use.entryID = entryID; use.revision = revision; use.usedBy = staff.id; use.usedAt = now
            try await KBRepository(db: db).addUse(use)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "case.kb_used", subjectType: "case", subjectID: caseID,
                summary: "\(entry.number) r\(revision)", rulebookVersion: services.rulebook.versionShort))
            return (use, entry)
        }
    }

    private func checkDepartment(_ id: UUID?) async throws {
        guard let id else { return }
        if try await DepartmentRecord.find(id, on: db) == nil {
            throw DomainError.validation(fields: ["issuing_department_id": "error.field.invalid_value"])
        }
    }

    func load(_ id: UUID, db: any Database) async throws -> KBEntryRecord {
        guard let record = try await KBRepository(db: db).find(id) else { throw DomainError.notFound(subject: "kb_entry") }
        return record
    }

    func audit(_ id: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: Self.subjectType,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
