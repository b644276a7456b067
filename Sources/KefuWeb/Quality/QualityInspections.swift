import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The quality-inspection use cases (质检, REQUIREMENTS §7): scoring a case's call or chat on the
/// rulebook's scorecard (QA-03/04/11) with the on-the-spot correction note (QA-01), the agent's
/// acknowledgement and dispute, and the dispute's decision. Each runs in one transaction, keeps the
/// monthly aggregate (QA-04) in step, and is audited with the rule that decided it.
struct QualityInspections {
    let db: any Database
    let services: AppServices

    var rules: QualityRules { services.rulebook.quality }

    static let subjectType = "qa_inspection"
    static let textLimit = 4_000

    func create(_ input: CreateInspectionRequest, by staff: StaffUser) async throws -> QualityCard {
        var errors = FieldErrors()
        let caseID = errors.require(input.caseID, "case_id")
        let comments = errors.optional(input.comments, "comments", limit: Self.textLimit)
        let correction = errors.optional(input.correction, "correction", limit: Self.textLimit)
        if input.scores == nil { errors.add("scores", "error.field.required") }
        try errors.check()
        guard let serviceCase = try await CaseRepository(db: db).find(caseID!) else {
            throw DomainError.validation(fields: ["case_id": "error.field.invalid_value"])
        }
        // The agent who handled the case: its assignee, else its owner (首问负责人), unless named.
        let agentID = input.agentID ?? serviceCase.assigneeID ?? serviceCase.ownerID
        guard let agent = try await UserRepository(db: db).find(agentID) else {
            throw DomainError.validation(fields: ["agent_id": "error.field.unknown_user"])
        }
        if agent.id == staff.id { throw DomainError.validation(fields: ["agent_id": "error.qa.own_work"]) }
        let form = input.form ?? rules.form(forChannel: serviceCase.channel)
        let result = try QualityScorecard.score(input.scores!.domain, form: form, rules: rules)
        let now = services.now().roundedToMilliseconds
        let day = services.rulebook.calendar.localDate(of: now)
        let record = QualityInspectionRecord()
        record.id = services.newID()
        record.caseID = serviceCase.id!
        record.caseNumber = serviceCase.number
        record.channel = serviceCase.channel
        record.agentID = agentID
        record.inspectorID = staff.id
        record.form = form.rawValue
        record.total = result.total
        record.findingCount = result.findings.count
        record.findingCriteria = result.findings.map(\.criterion.code).joined(separator: ",")
        record.comments = comments
        record.correction = correction
        record.month = QualityPeriod.month(of: day)
        record.weekStart = QualityPeriod.weekStart(of: day).description
        record.inspectedAt = now
        record.disputeState = "none"
        record.rulebookVersion = services.rulebook.versionShort
        record.version = 1
        let id = record.id!
        try await db.transaction { db in
            let repository = QualityRepository(db: db)
            try await repository.insert(record, scores: Self.scoreRecords(result, inspectionID: id, at: now))
            try await repository.bumpMonthly(agentID: agentID, month: record.month, inspections: 1, total: result.total,
                                              findings: result.findings.count, at: now)
            try await repository.closeFlags(caseID: serviceCase.id!, inspectionID: id)
            try await audit(id, staff, "qa.inspected",
                            "\(serviceCase.number) \(form.rawValue) → \(agent.username): \(result.total), \(result.findings.count) finding(s)",
                            ruleKey: "quality.criteria", db: db)
            // QA-01: the agent hears of the result and of what to correct at once, and acknowledges it.
            try await Notifier(db: db, services: services).notify([agentID], Notifier.Notice(
                kind: "qa.inspected", titleKey: correction == nil ? "notice.qa_inspected" : "notice.qa_correction",
                titleArgument: serviceCase.number, link: "/qa/inspections/\(id)", subjectType: Self.subjectType, subjectID: id,
                dedupeKey: "qa.inspected.\(id)"))
        }
        return try await QualityCard.load(record, db: db)
    }

    enum Action: String, CaseIterable {
        case acknowledge, dispute, decide
    }

    func perform(_ action: Action, on id: UUID, _ body: InspectionActionRequest, by staff: StaffUser, expectedVersion: Int?) async throws -> QualityCard {
        try await db.transaction { db in
            let viewer = QualityViewer(staff: staff, rules: rules)
            let card = try await viewer.readable(id, db: db)
            let record = card.record
            let loaded = record.version
            if let expectedVersion, expectedVersion != loaded { throw DomainError.staleVersion(current: loaded) }
            let now = services.now().roundedToMilliseconds
            let repository = QualityRepository(db: db)
            let notifier = Notifier(db: db, services: services)
            switch action {
            case .acknowledge:
                // QA-01: the agent confirms they have read the correction.
                guard record.agentID == staff.id else { throw DomainError.forbidden(reason: "error.qa.agent_only") }
                guard record.acknowledgedAt == nil else { throw DomainError.invalidTransition(from: "acknowledged", to: "acknowledged") }
                record.acknowledgedAt = now
                try await repository.save(record, expectedVersion: loaded)
                try await audit(id, staff, "qa.acknowledged", "\(record.caseNumber) acknowledged", ruleKey: nil, db: db)
            case .dispute:
                guard record.agentID == staff.id else { throw DomainError.forbidden(reason: "error.qa.agent_only") }
                guard record.disputeState == "none" else { throw DomainError.invalidTransition(from: record.disputeState, to: "disputed") }
                var errors = FieldErrors()
                let reason = errors.text(body.reason, "reason", limit: Self.textLimit)
                try errors.check()
                record.disputeState = "disputed"
                record.disputeReason = reason
                record.disputedAt = now
                try await repository.save(record, expectedVersion: loaded)
                try await audit(id, staff, "qa.disputed", "\(record.caseNumber) disputed, to \(rules.disputeDecidedBy.rawValue)",
                                ruleKey: "quality.dispute_decided_by", db: db)
                try await notifier.notify(role: rules.disputeDecidedBy, departmentID: nil, Notifier.Notice(
                    kind: "qa.disputed", titleKey: "notice.qa_disputed", titleArgument: record.caseNumber, link: "/qa/inspections/\(id)",
                    subjectType: Self.subjectType, subjectID: id, dedupeKey: "qa.disputed.\(id)"))
            case .decide:
                guard viewer.isDecider, record.agentID != staff.id else { throw DomainError.forbidden(reason: "error.qa.decider_only") }
                guard record.disputeState == "disputed" else { throw DomainError.invalidTransition(from: record.disputeState, to: "decided") }
                var errors = FieldErrors()
                let outcome = errors.require(body.outcome, "outcome")
                let reason = errors.text(body.reason, "reason", limit: Self.textLimit)
                if outcome == .corrected, body.scores == nil { errors.add("scores", "error.field.required") }
                try errors.check()
                var summary = "disputed → \(outcome!.rawValue)"
                if outcome == .corrected {
                    let form = QualityRules.Form(rawValue: record.form) ?? .call
                    let result = try QualityScorecard.score(body.scores!.domain, form: form, rules: rules)
                    let oldTotal = record.total, oldFindings = record.findingCount
                    try await repository.replaceScores(of: id, with: Self.scoreRecords(result, inspectionID: id, at: record.inspectedAt))
                    // QA-04: the month's aggregate follows the corrected score.
                    try await repository.bumpMonthly(agentID: record.agentID, month: record.month, inspections: 0,
                                                      total: result.total - oldTotal, findings: result.findings.count - oldFindings, at: now)
                    record.originalTotal = oldTotal
                    record.total = result.total
                    record.findingCount = result.findings.count
                    record.findingCriteria = result.findings.map(\.criterion.code).joined(separator: ",")
                    summary += ": \(oldTotal) → \(result.total)"
                }
                record.disputeState = outcome!.rawValue
                record.decisionReason = reason
                record.decidedBy = staff.id
                record.decidedAt = now
                try await repository.save(record, expectedVersion: loaded)
                try await audit(id, staff, "qa.dispute_decided", "\(record.caseNumber) \(summary)", ruleKey: "quality.dispute_decided_by", db: db)
                try await notifier.notify([record.agentID], Notifier.Notice(
                    kind: "qa.dispute_decided", titleKey: "notice.qa_dispute_decided", titleArgument: record.caseNumber,
                    link: "/qa/inspections/\(id)", subjectType: Self.subjectType, subjectID: id, dedupeKey: "qa.dispute_decided.\(id)"))
            }
            return try await QualityCard.load(record, db: db)
        }
    }

    static func scoreRecords(_ result: QualityScorecard.Result, inspectionID: UUID, at: Date) -> [QualityScoreRecord] {
        result.items.map {
            QualityScoreRecord(inspectionID: inspectionID, criterion: $0.criterion.code, score: $0.score, maxScore: $0.criterion.maxScore,
                               weight: $0.criterion.weight, isFinding: $0.isFinding, note: $0.note, at: at)
        }
    }

    func audit(_ id: UUID, _ staff: StaffUser?, _ action: String, _ summary: String, ruleKey: String?, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff?.id, actorName: staff?.username ?? "system", action: action, subjectType: Self.subjectType,
            subjectID: id, summary: summary, ruleKey: ruleKey, rulebookVersion: services.rulebook.versionShort))
    }
}
