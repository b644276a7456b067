import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The visitor register (FDV, FDA-03..05). Registration checks the blocklist, tells the host at once
/// (FDV-02) and issues the first free temporary card (FDA-03); when the host is out the visitor may leave
/// a message instead (FDV-04). Checkout recovers the card and records the time (FDA-04); a card not
/// returned is charged (FDA-05) and stays out of the pool until found.
struct Visitors {
    let db: any Database
    let services: AppServices

    struct Input: Sendable {
        var name = "", organization: String?, phone = "", purpose = "", hostID: UUID?, hostIn = true, message: String?, expectedAt: Date?
        var area = VisitArea.reception.rawValue
    }

    /// The approval subject of an entry to a restricted area (FDV-08/09, FDA-06).
    static let areaSubject = "visitor_area"

    /// The desk registers a visitor who is here now (`expected == false`), or a host's expected visitor.
    func register(_ input: Input, expected: Bool = false, by staff: StaffUser) async throws -> VisitorRecord {
        var fields: [String: String] = [:]
        func text(_ value: String, _ field: String, limit: Int) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { fields[field] = "error.field.required" } else if trimmed.count > limit { fields[field] = "error.field.too_long" }
            return trimmed
        }
        let name = text(input.name, "name", limit: 100), phone = text(input.phone, "phone", limit: 40), purpose = text(input.purpose, "purpose", limit: 500)
        let message = input.message?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !expected, !input.hostIn, (message ?? "").isEmpty { fields["message"] = "error.visitor.message_or_wait" }
        if expected, input.expectedAt == nil { fields["expected_at"] = "error.field.required" }
        let area = VisitArea(rawValue: input.area)
        if area == nil { fields["area"] = "error.field.choice" }
        guard fields.isEmpty, let area else { throw DomainError.validation(fields: fields) }
        // FDV-08/09, FDA-06: a restricted area is approved in advance, so only a pre-registered visit may go there.
        if !expected, let key = area.approverKey {
            throw DomainError.ruleViolation(rule: key, reason: "error.visitor.area_needs_prior_approval")
        }
        guard let hostID = input.hostID, let host = try await UserRepository(db: db).find(hostID), host.active else {
            throw DomainError.validation(fields: ["host_user_id": "error.field.unknown"])
        }
        if try await VisitorBlockRecord.query(on: db).filter(\.$phone == phone).first() != nil {
            throw DomainError.forbidden(reason: "error.visitor.blocked")
        }
        let now = services.now()
        let record = VisitorRecord()
        record.name = name; record.organization = input.organization?.trimmingCharacters(in: .whitespaces).nilIfBlank; record.phone = phone
        record.purpose = purpose; record.hostID = hostID; record.hostName = host.displayName; record.hostDepartmentID = host.departmentID
        record.cardOut = false; record.badgeLost = false; record.registeredBy = staff.id; record.createdAt = now; record.version = 1
        record.area = area.rawValue
        if expected {
            record.state = VisitState.expected.rawValue
            record.expectedAt = input.expectedAt
            try await save(record, action: "visitor.expected", by: staff, notice: nil) { db in
                guard let role = area.approver(services.rulebook.frontDesk), let key = area.approverKey else { return }
                // The machine room's "superior" is the host's department's; leadership approves company-wide.
                let department = role == .deptManager ? host.departmentID : nil
                let approval = try await ApprovalEngine(db: db, services: services).start(
                    chain: ApprovalChain(steps: [ApprovalStepSpec(role: role, departmentID: department)], ruleKey: key),
                    subjectType: Self.areaSubject, subjectID: record.id!, requestedBy: staff.id, requesterName: staff.username)
                record.areaApprovalID = approval.id
                try await record.save(on: db)
            }
        } else if input.hostIn {
            record.state = VisitState.inside.rawValue
            record.arrivedAt = now
            try await issueCard(record, by: staff, action: "visitor.registered")
        } else {
            record.state = VisitState.messageLeft.rawValue
            record.arrivedAt = now; record.leftAt = now; record.message = message
            try await save(record, action: "visitor.message_left", by: staff, notice: ("notice.visitor_message", "\(name): \(message ?? "")"))
        }
        return record
    }

    /// An expected visitor arrives: the card is issued and the host told.
    func arrive(_ id: UUID, by staff: StaffUser) async throws -> VisitorRecord {
        let record = try await find(id)
        guard record.state == VisitState.expected.rawValue else { throw DomainError.conflict(reason: "error.visitor.not_expected") }
        if let area = VisitArea(rawValue: record.area), let key = area.approverKey, record.areaApproved != true {
            throw DomainError.ruleViolation(rule: key, reason: record.areaApproved == false ? "error.visitor.area_refused" : "error.visitor.area_not_approved")
        }
        if try await VisitorBlockRecord.query(on: db).filter(\.$phone == record.phone).first() != nil { throw DomainError.forbidden(reason: "error.visitor.blocked") }
        record.state = VisitState.inside.rawValue
        record.arrivedAt = services.now()
        try await issueCard(record, by: staff, action: "visitor.arrived")
        return record
    }

    /// Takes the first free card (FDA-03); the unique index over the cards that are out decides a race,
    /// and the loser takes the next card. An empty pool → 422 naming `front_desk.badge_pool`.
    private func issueCard(_ record: VisitorRecord, by staff: StaffUser, action: String) async throws {
        let loaded = record.version
        for _ in 0..<5 {
            let out = Set(try await VisitorRecord.query(on: db).filter(\.$cardOut == true).limit(10_000).all().compactMap(\.badgeNo))
            guard let card = BadgePool.next(services.rulebook.frontDesk.badgePool, out: out) else {
                throw DomainError.ruleViolation(rule: "front_desk.badge_pool", reason: "error.visitor.no_badge")
            }
            record.badgeNo = card
            record.cardOut = true
            do {
                try await save(record, loaded: loaded, action: action, by: staff,
                               notice: ("notice.visitor_arrived", "\(record.name)\(record.organization.map { "（\($0)）" } ?? "") · \(card)"))
                return
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue   // another desk took this card at the same moment: take the next one
            }
        }
        throw DomainError.conflict(reason: "error.visitor.card_race")
    }

    /// FDA-04/05: the visitor leaves; a card not returned is charged and stays out of the pool.
    func checkout(_ id: UUID, cardReturned: Bool, by staff: StaffUser) async throws -> VisitorRecord {
        let record = try await find(id)
        let loaded = record.version
        guard record.state == VisitState.inside.rawValue else { throw DomainError.conflict(reason: "error.visitor.not_in") }
        record.state = VisitState.left.rawValue
        record.leftAt = services.now()
        if cardReturned {
            record.cardOut = false
        } else {
            record.badgeLost = true
            record.compensation = "\(services.rulebook.frontDesk.lostBadgeCompensation)"
        }
        try await save(record, loaded: loaded, action: cardReturned ? "visitor.left" : "visitor.left_card_lost", by: staff, notice: nil,
                       ruleKey: cardReturned ? nil : "front_desk.lost_badge_compensation")
        return record
    }

    /// A lost card turns up: it goes back to the pool. A card that is not out → 409.
    func cardFound(_ id: UUID, by staff: StaffUser) async throws -> VisitorRecord {
        let record = try await find(id)
        let loaded = record.version
        guard record.badgeLost, record.cardOut else { throw DomainError.conflict(reason: "error.visitor.card_not_out") }
        record.cardOut = false
        try await save(record, loaded: loaded, action: "visitor.card_found", by: staff, notice: nil)
        return record
    }

    func find(_ id: UUID) async throws -> VisitorRecord {
        guard let record = try await VisitorRecord.find(id, on: db) else { throw DomainError.notFound(subject: "visitor") }
        return record
    }

    /// Saves in one transaction with the audit entry and the host's notice. An existing row must still be at
    /// `loaded` (a double click, or two desks at once → 409), so a step never happens twice.
    private func save(_ record: VisitorRecord, loaded: Int? = nil, action: String, by staff: StaffUser, notice: (key: String, argument: String)?,
                      ruleKey: String? = nil, also: (@Sendable (any Database) async throws -> Void)? = nil) async throws {
        try await db.transaction { db in
            if record.$id.exists, let loaded {
                try await VersionGuard.claim(db, table: VisitorRecord.schema, id: record.id!, expected: loaded)
                record.version = loaded + 1
            }
            try await record.save(on: db)
            try await also?(db)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "visitor", subjectID: record.id!,
                summary: "\(record.state)\(record.badgeNo.map { " \($0)" } ?? "")", ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
            if let notice {
                try await Notifier(db: db, services: services).notify([record.hostID], Notifier.Notice(
                    kind: action, titleKey: notice.key, titleArgument: notice.argument, link: nil, subjectType: "visitor", subjectID: record.id!,
                    dedupeKey: "\(action):\(record.id!):\(record.version)"))
            }
        }
    }
}
