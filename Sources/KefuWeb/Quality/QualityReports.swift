import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The read side of quality inspection: the monthly quota board (QA-02), the sampler's proposals
/// (QA-02), the weekly summary with its training plans (QA-05), the monthly aggregate (QA-04) and the
/// common problems for the roll call (QA-06). Every read is bounded: the agent list, one month's
/// aggregate rows, one week's inspections, a window of the last days.
struct QualityReports {
    let db: any Database
    let services: AppServices
    let language: UILanguage

    var rules: QualityRules { services.rulebook.quality }
    var calendar: BusinessCalendar { services.rulebook.calendar }

    static let agentLimit = 500
    static let sampledAgentLimit = 50

    var today: LocalDate { calendar.localDate(of: services.now()) }

    /// `YYYY-MM` (default this month); malformed → 400.
    func month(_ text: String?) throws -> String {
        guard let text else { return QualityPeriod.month(of: today) }
        guard QualityPeriod.firstDay(ofMonth: text) != nil else { throw DomainError.validation(fields: ["month": "error.field.invalid_value"]) }
        return text
    }

    /// The Monday of the week of `YYYY-MM-DD` (default this week); malformed → 400.
    func weekStart(_ text: String?) throws -> LocalDate {
        guard let text else { return QualityPeriod.weekStart(of: today) }
        guard let date = LocalDate(text) else { throw DomainError.validation(fields: ["week": "error.field.date"]) }
        return QualityPeriod.weekStart(of: date)
    }

    func agents() async throws -> [UserRecord] {
        try await UserRepository(db: db).active(withRole: .agent, limit: Self.agentLimit)
    }

    // MARK: QA-02

    func quota(month: String) async throws -> QuotaResponse {
        let rows = Dictionary(try await QualityRepository(db: db).monthly(month: month).map { ($0.agentID, $0) }, uniquingKeysWith: { a, _ in a })
        let items = try await agents().map { agent -> QuotaResponse.Item in
            let row = rows[agent.id!]
            let quota = QualityQuota(done: row?.inspections ?? 0, quota: rules.monthlyQuota)
            return QuotaResponse.Item(agentID: agent.id!, agentName: agent.displayName, inspections: quota.done, quota: quota.quota,
                                      remaining: quota.remaining, below: quota.isBelow, average: row.map(\.average))
        }.sorted { ($0.below ? 0 : 1, $0.inspections, $0.agentName) < ($1.below ? 0 : 1, $1.inspections, $1.agentName) }
        return QuotaResponse(month: month, quota: rules.monthlyQuota, items: items)
    }

    /// Proposals: random resolved/closed cases of each agent below the quota (or of `agentID`), every
    /// complaint and every flagged case (`qa_flags`) not yet inspected.
    func samples(agentID: UUID?) async throws -> [SampleResponse] {
        let repository = QualityRepository(db: db)
        let month = QualityPeriod.month(of: today)
        let since = calendar.startOfDay(QualityPeriod.adding(-rules.sampleWindowDays, to: today))
        var proposals: [(caseID: UUID, agentID: UUID?, reason: String, flag: String?)] = []
        let agentIDs: [UUID]
        if let agentID {
            agentIDs = [agentID]
        } else {
            agentIDs = try await quota(month: month).items.filter(\.below).prefix(Self.sampledAgentLimit).map(\.agentID)
        }
        for agent in agentIDs {
            let handled = try await repository.handledCaseIDs(agentID: agent, since: since, limit: 200)
            let inspected = try await repository.inspectedCaseIDs(among: handled)
            let picked = QualitySampler.pick(handled.filter { !inspected.contains($0) }, count: rules.samplesPerAgent,
                                             seed: "\(agent.uuidString)|\(month)")
            proposals += picked.map { ($0, agent, "random", nil) }
        }
        if agentID == nil {
            let complaints = try await repository.complaintCases(since: since, limit: 50).compactMap(\.id)
            let inspected = try await repository.inspectedCaseIDs(among: complaints)
            proposals += complaints.filter { !inspected.contains($0) }.map { ($0, nil, "complaint", nil) }
            proposals += try await repository.openFlags(limit: 50).map { ($0.caseID, nil, "flagged", $0.reason) }
        }
        var seen = Set<UUID>()
        proposals = proposals.filter { seen.insert($0.caseID).inserted }
        let cases = Dictionary(try await repository.cases(proposals.map(\.caseID)).map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let agentOf: (CaseRecord) -> UUID = { $0.assigneeID ?? $0.ownerID }
        let names = try await CasePeople.names(of: cases.values.map(agentOf) + proposals.compactMap(\.agentID), db: db)
        return proposals.compactMap { proposal in
            guard let c = cases[proposal.caseID] else { return nil }
            let agent = proposal.agentID ?? agentOf(c)
            return SampleResponse(caseID: c.id!, caseNumber: c.number, subject: c.subject, type: c.type, channel: c.channel, agentID: agent,
                                  agentName: names[agent], reason: proposal.reason, flagReason: proposal.flag)
        }
    }

    // MARK: QA-05

    func weekly(weekStart: LocalDate) async throws -> WeeklyResponse {
        let repository = QualityRepository(db: db)
        let inspections = try await repository.inspections(weekStart: weekStart.description)
        let plans = try await repository.plans(weekStart: weekStart.description)
        let planAgents = plans.compactMap { UUID(uuidString: $0.target) }
        let names = try await CasePeople.names(of: inspections.map(\.agentID) + planAgents, db: db)
        func findings(_ records: [QualityInspectionRecord]) -> [WeeklyResponse.Finding] {
            var counts: [String: Int] = [:]
            for record in records { for code in record.findingCriteria.split(separator: ",") { counts[String(code), default: 0] += 1 } }
            return counts.map { WeeklyResponse.Finding(criterion: $0.key, label: label($0.key), count: $0.value) }
                .sorted { ($1.count, $0.criterion) < ($0.count, $1.criterion) }
        }
        let agents = Dictionary(grouping: inspections, by: \.agentID).map { agent, records in
            WeeklyResponse.Agent(agentID: agent, agentName: names[agent], inspections: records.count,
                                 average: Self.average(records.map(\.total)), findings: findings(records),
                                 corrections: records.compactMap(\.correction))
        }.sorted { ($0.average, $0.agentName ?? "") < ($1.average, $1.agentName ?? "") }
        let planItems = plans.map { plan in
            let agent = UUID(uuidString: plan.target)
            return WeeklyResponse.Plan(target: agent == nil ? "all" : "agent", agentID: agent, agentName: agent.flatMap { names[$0] },
                                       plan: plan.plan, authorID: plan.authorID, updatedAt: plan.updatedAt)
        }.sorted { ($0.agentID == nil ? 0 : 1, $0.agentName ?? "") < ($1.agentID == nil ? 0 : 1, $1.agentName ?? "") }
        return WeeklyResponse(weekStart: weekStart.description, weekEnd: QualityPeriod.adding(6, to: weekStart).description,
                              inspections: inspections.count, agents: agents, findings: findings(inspections), trainingPlans: planItems)
    }

    /// Saves the week's training plan for all staff or one agent and submits it to the 客服部主任 (QA-05).
    /// Returns whether it was new.
    func savePlan(_ input: TrainingPlanRequest, by staff: StaffUser) async throws -> Bool {
        var errors = FieldErrors()
        let plan = errors.text(input.plan, "plan", limit: QualityInspections.textLimit)
        let week: LocalDate? = input.week.flatMap(LocalDate.init)
        if input.week != nil, week == nil { errors.add("week", "error.field.date") }
        try errors.check()
        if let agent = input.agentID, try await UserRepository(db: db).find(agent) == nil {
            throw DomainError.validation(fields: ["agent_id": "error.field.unknown_user"])
        }
        let start = QualityPeriod.weekStart(of: week ?? today).description
        let target = input.agentID?.uuidString ?? "all"
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            let repository = QualityRepository(db: db)
            let record = try await repository.plan(weekStart: start, target: target) ?? QualityTrainingPlanRecord()
            let isNew = record.id == nil
            if isNew { record.id = services.newID(); record.weekStart = start; record.target = target }
            record.plan = plan
            record.authorID = staff.id
            record.updatedAt = now
            try await record.save(on: db)
            try await QualityInspections(db: db, services: services).audit(
                record.id!, staff, "qa.training_plan", "week \(start), \(target)", ruleKey: nil, db: db)
            try await Notifier(db: db, services: services).notify(role: .csDirector, departmentID: nil, Notifier.Notice(
                kind: "qa.training_plan", titleKey: "notice.qa_training_plan", titleArgument: start, link: "/qa/weekly?week=\(start)",
                subjectType: "qa_training_plan", subjectID: record.id, dedupeKey: "qa.training_plan.\(start).\(target).\(Int(now.timeIntervalSince1970))"))
            return isNew
        }
    }

    // MARK: QA-04

    func monthly(month: String) async throws -> MonthlyResponse {
        let rows = try await QualityRepository(db: db).monthly(month: month)
        let names = try await CasePeople.names(of: rows.map(\.agentID), db: db)
        let items = rows.map {
            MonthlyResponse.Item(agentID: $0.agentID, agentName: names[$0.agentID], inspections: $0.inspections, average: $0.average,
                                 findings: $0.findings, quotaMet: $0.inspections >= rules.monthlyQuota)
        }.sorted { ($1.average, $0.agentName ?? "") < ($0.average, $1.agentName ?? "") }
        return MonthlyResponse(month: month, quota: rules.monthlyQuota, items: items)
    }

    // MARK: QA-06

    func commonProblems(days text: String?) async throws -> CommonProblemsResponse {
        var days = rules.commonProblemsDays
        if let text {
            guard let value = Int(text), (1...92).contains(value) else { throw DomainError.validation(fields: ["days": "error.field.invalid_value"]) }
            days = value
        }
        let since = calendar.startOfDay(QualityPeriod.adding(-(days - 1), to: today))
        let repository = QualityRepository(db: db)
        let counts = try await repository.findingCounts(since: since)
        let notes = try await repository.findingNotes(since: since)
        let numbers = Dictionary(try await QualityInspectionRecord.query(on: db).filter(\.$id ~~ Array(Set(notes.map(\.inspectionID)))).all()
            .map { ($0.id!, $0.caseNumber) }, uniquingKeysWith: { a, _ in a })
        return CommonProblemsResponse(
            since: since, days: days,
            criteria: counts.map { WeeklyResponse.Finding(criterion: $0.criterion, label: label($0.criterion), count: $0.count) },
            notes: notes.map {
                CommonProblemsResponse.Note(inspectionID: $0.inspectionID, caseNumber: numbers[$0.inspectionID], criterion: $0.criterion,
                                            label: label($0.criterion), score: $0.score, maxScore: $0.maxScore, note: $0.note, at: $0.inspectedAt)
            })
    }

    func label(_ code: String) -> String { QualityLabels.criterion(code, rules: rules, language: language) }

    static func average(_ totals: [Double]) -> Double {
        totals.isEmpty ? 0 : (totals.reduce(0, +) / Double(totals.count) * 10).rounded() / 10
    }
}
