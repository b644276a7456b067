import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The 4 × 4 satisfaction survey (客户意见调查表, SAT-05/06/11): filled by an agent during a return visit or
/// afterwards, or by the customer through a one-time link. An especially serious opinion goes to the VP at
/// once (SAT-07), a general one to the CS department (SAT-08); the result is sent back to the customer; the
/// ratings feed the service person's monthly aggregate (SAT-03).
package struct Surveys {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    /// The reason a poor survey gives when it flags its case for quality inspection.
    package static let qaFlag = "poor_survey"

    /// Stores a survey (in the caller's transaction), routes its opinion and updates the monthly aggregate.
    package func store(_ answers: SurveyAnswers, comment: String?, serious: Bool, caseRecord: CaseRecord, visitID: UUID?, source: String,
               by staff: StaffUser?) async throws -> SurveyRecord {
        let now = services.now()
        let scale = services.rulebook.surveys.scale
        let survey = SurveyRecord()
        survey.id = services.newID()
        survey.caseID = caseRecord.id!
        survey.visitID = visitID
        survey.personID = caseRecord.assigneeID ?? caseRecord.ownerID
        survey.source = source
        survey.scale = scale.rawValue
        survey.attitude = answers.ratings["attitude"]!
        survey.technical = answers.ratings["technical"]!
        survey.arrivalTime = answers.ratings["arrival_time"]!
        survey.promise = answers.ratings["promise"]!
        survey.comment = comment
        survey.serious = serious
        survey.createdAt = now
        survey.createdBy = staff?.displayName
        try await ReturnVisitRepository(db: db).insert(survey)
        if let person = survey.personID { try await aggregate(person: person, answers: answers, scale: scale, at: now) }
        // QA: every poor survey is proposed for inspection (the qa_flags seam of the QA sampler).
        if answers.isPoor { try await QualityRepository(db: db).flag(caseID: caseRecord.id!, reason: Self.qaFlag, note: comment, at: now) }
        // SAT-07 / SAT-08: an opinion in words goes to whoever handles it; the poor ratings too.
        if comment != nil || serious || answers.isPoor {
            let rules = services.rulebook.surveys
            let role = serious ? rules.seriousTo : rules.generalTo
            try await Notifier(db: db, services: services).notify(role: role, departmentID: nil, Notifier.Notice(
                kind: serious ? "survey.serious" : "survey.opinion", titleKey: serious ? "notice.survey_serious" : "notice.survey_opinion",
                titleArgument: caseRecord.number, link: "/cases/\(caseRecord.id!)", subjectType: "case", subjectID: caseRecord.id!,
                dedupeKey: "survey:\(survey.id!)"))
        }
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: staff?.id, actorName: staff?.username ?? "customer", action: "survey.recorded", subjectType: "case",
            subjectID: caseRecord.id!, summary: "\(source): \(SurveyAnswers.items.map { answers.ratings[$0]! }.joined(separator: "/"))\(serious ? " serious" : "")",
            ruleKey: serious ? "surveys.serious_to" : "surveys.scale", rulebookVersion: services.rulebook.versionShort))
        return survey
    }

    /// SAT-03: the person's month, maintained as each survey arrives (one row per person and month).
    private func aggregate(person: UUID, answers: SurveyAnswers, scale: SurveyRules.Scale, at now: Date) async throws {
        let calendar = services.rulebook.calendar
        let day = calendar.localDate(of: now)
        let month = String(format: "%04d-%02d", day.year, day.month)
        let points = answers.ratings.values.reduce(0) { $0 + SurveyAnswers.points($1, scale: scale) }
        let maximum = SurveyAnswers.items.count * scale.levels.count
        if let row = try await ReturnVisitRepository(db: db).personMonth(personID: person, month: month) {
            row.surveys += 1
            row.points += points
            row.maxPoints += maximum
            row.poor += answers.isPoor ? 1 : 0
            try await ReturnVisitRepository(db: db).save(row)
        } else {
            let row = SurveyPersonMonthRecord()
            row.personID = person
            row.month = month
            row.surveys = 1
            row.points = points
            row.maxPoints = maximum
            row.poor = answers.isPoor ? 1 : 0
            try await ReturnVisitRepository(db: db).insert(row)
        }
    }

    /// `POST /cases/{id}/survey`: an agent fills the survey for a resolved (or closed) case.
    package func fill(caseID: UUID, _ request: SurveyRequest, by staff: StaffUser) async throws -> SurveyRecord {
        let answers = try SurveyAnswers(request.ratings, scale: services.rulebook.surveys.scale)
        let comment = try Self.comment(request.comment)
        return try await db.transaction { db in
            let record = try await CaseScope.of(staff, db: db).readable(caseID, db: db)
            guard let status = CaseStatus(rawValue: record.status), status == .resolved || status == .closed else {
                throw DomainError.invalidTransition(from: record.status, to: "survey")
            }
            return try await Surveys(db: db, services: services).store(answers, comment: comment, serious: request.serious ?? false,
                                                                       caseRecord: record, visitID: nil, source: "agent", by: staff)
        }
    }

    /// A one-time link for the customer (SAT-04); the token is returned once and only its hash is kept.
    package func link(caseID: UUID, by staff: StaffUser) async throws -> (token: String, expiresAt: Date) {
        try await db.transaction { db in
            let record = try await CaseScope.of(staff, db: db).readable(caseID, db: db)
            guard let status = CaseStatus(rawValue: record.status), status == .resolved || status == .closed else {
                throw DomainError.invalidTransition(from: record.status, to: "survey_link")
            }
            let token = TokenSecret.make()
            let now = services.now()
            let row = SurveyTokenRecord()
            row.tokenHash = TokenSecret.hash(token)
            row.caseID = caseID
            row.createdAt = now
            row.createdBy = staff.id
            row.expiresAt = services.rulebook.calendar.deadline(from: now, adding: services.rulebook.surveys.linkValidFor)
            try await ReturnVisitRepository(db: db).insert(row)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "survey.link_created", subjectType: "case", subjectID: caseID,
                summary: "expires \(ISO8601DateFormatter().string(from: row.expiresAt))", ruleKey: "surveys.link_valid_for",
                rulebookVersion: services.rulebook.versionShort))
            return (token, row.expiresAt)
        }
    }

    /// The customer's link: valid, unused, unexpired (410 otherwise), then the case it is for.
    package func caseFor(token: String, db: any Database) async throws -> (SurveyTokenRecord, CaseRecord) {
        guard let row = try await ReturnVisitRepository(db: db).surveyToken(hash: TokenSecret.hash(token)),
              let record = try await CaseRepository(db: db).find(row.caseID) else { throw DomainError.notFound(subject: "survey") }
        guard row.usedAt == nil else { throw DomainError.conflict(reason: "survey.link_used") }
        guard row.expiresAt > services.now() else { throw DomainError.conflict(reason: "survey.link_expired") }
        return (row, record)
    }

    /// The customer answers through the link: once only — the token is spent in the same transaction.
    package func answer(token: String, _ request: SurveyRequest) async throws -> SurveyRecord {
        let answers = try SurveyAnswers(request.ratings, scale: services.rulebook.surveys.scale)
        let comment = try Self.comment(request.comment)
        return try await db.transaction { db in
            let (row, record) = try await caseFor(token: token, db: db)
            row.usedAt = services.now()
            try await ReturnVisitRepository(db: db).save(row)
            return try await Surveys(db: db, services: services).store(answers, comment: comment, serious: false, caseRecord: record,
                                                                       visitID: nil, source: "customer", by: nil)
        }
    }

    /// SAT-07 / SAT-08: the handling result sent back to the customer (letter or phone record).
    package func result(surveyID: UUID, channel: ComplaintReplyChannel, content: String, by staff: StaffUser) async throws -> SurveyRecord {
        let content = try CaseActions.required(content, field: "content", limit: 2_000)
        return try await db.transaction { db in
            guard let survey = try await ReturnVisitRepository(db: db).find(SurveyRecord.self, surveyID) else { throw DomainError.notFound(subject: "survey") }
            _ = try await CaseScope.of(staff, db: db).readable(survey.caseID, db: db)
            guard survey.resultAt == nil else { throw DomainError.conflict(reason: "survey.result_sent") }
            survey.resultChannel = channel.rawValue
            survey.resultText = content
            survey.resultAt = services.now()
            try await ReturnVisitRepository(db: db).save(survey)
            try await AuditRepository(db: db).append(AuditEntry(
                at: services.now(), actorID: staff.id, actorName: staff.username, action: "survey.result_sent", subjectType: "case",
                subjectID: survey.caseID, summary: channel.rawValue, ruleKey: survey.serious ? "surveys.serious_to" : "surveys.general_to",
                rulebookVersion: services.rulebook.versionShort))
            return survey
        }
    }

    package static func comment(_ text: String?) throws -> String? {
        let comment = text?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfBlank
        if (comment?.count ?? 0) > 2_000 { throw DomainError.validation(fields: ["comment": "error.field.too_long"]) }
        return comment
    }
}

/// API.md: `{"attitude","technical","arrival_time","promise"}` each a level of the scale, plus `comment`.
package struct SurveyRequest: Decodable, Sendable {
    package let attitude: String?, technical: String?, arrivalTime: String?, promise: String?
    package var comment: String? = nil
    package var serious: Bool? = nil

    package init(attitude: String?, technical: String?, arrivalTime: String?, promise: String?, comment: String? = nil, serious: Bool? = nil) {
        self.attitude = attitude
        self.technical = technical
        self.arrivalTime = arrivalTime
        self.promise = promise
        self.comment = comment
        self.serious = serious
    }

    package enum CodingKeys: String, CodingKey { case attitude, technical, promise, comment, serious, arrivalTime = "arrival_time" }

    package var ratings: [String: String?] { ["attitude": attitude, "technical": technical, "arrival_time": arrivalTime, "promise": promise] }
}
