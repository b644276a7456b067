import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The front desk's monthly assessment (PRM-19..21): work results are the month's counted workload
/// (RPT-15, kept as assessed), attitude and service quality are scored by the assessor (PRM-20, SAT-09),
/// and the grade's consequence follows (PRM-21). Once per person and month; the person sees their own
/// assessment (PRM-24, transparency).
struct FrontDeskAssessments {
    let db: any Database
    let services: AppServices

    struct Input: Sendable { var userID: UUID?, month = "", attitude: Int?, quality: Int?, grade = "", comment = "" }

    /// `[start, end)` of a `YYYY-MM` month in the organization's time zone, or nil when malformed.
    func range(ofMonth month: String) -> (start: Date, end: Date)? {
        guard let first = QualityPeriod.firstDay(ofMonth: month) else { return nil }
        let calendar = services.rulebook.calendar
        return (calendar.startOfDay(first), calendar.startOfDay(QualityPeriod.nextMonth(first)))
    }

    func assess(_ input: Input, by staff: StaffUser) async throws -> FrontDeskAssessmentRecord {
        var fields: [String: String] = [:]
        let range = range(ofMonth: input.month)
        if range == nil { fields["month"] = "error.field.invalid_value" }
        if let range, range.start > services.now() { fields["month"] = "error.assessment.future_month" }
        if !AssessmentScore.range.contains(input.attitude ?? 0) { fields["attitude"] = "error.assessment.score" }
        if !AssessmentScore.range.contains(input.quality ?? 0) { fields["quality"] = "error.assessment.score" }
        let grade = FrontDeskGrade(rawValue: input.grade)
        if grade == nil { fields["grade"] = "error.field.choice" }
        let comment = input.comment.trimmingCharacters(in: .whitespacesAndNewlines)
        // PRM-21/22: a failing grade states its facts and reasons.
        if grade == .fail, comment.isEmpty { fields["comment"] = "error.assessment.fail_needs_reason" }
        if comment.count > 2_000 { fields["comment"] = "error.field.too_long" }
        if input.userID == nil { fields["user_id"] = "error.field.required" }
        guard fields.isEmpty, let grade, let range, let userID = input.userID else { throw DomainError.validation(fields: fields) }
        guard userID != staff.id else { throw DomainError.forbidden(reason: "error.assessment.self") }
        guard let person = try await UserRepository(db: db).find(userID), person.roles.contains(.frontDesk) else {
            throw DomainError.validation(fields: ["user_id": "error.assessment.not_front_desk"])
        }
        let counts = try await FrontDeskWorkload(db: db).counts(from: range.start, to: range.end).byPerson[userID] ?? .init()
        let record = FrontDeskAssessmentRecord()
        record.userID = userID; record.userName = person.displayName; record.month = input.month
        record.visitors = counts.visitors; record.messages = counts.messages; record.parcels = counts.parcels; record.supplies = counts.supplies
        record.attitude = input.attitude!; record.quality = input.quality!; record.grade = grade.rawValue; record.comment = comment
        record.assessorID = staff.id; record.assessorName = staff.displayName; record.assessedAt = services.now()
        do {
            try await db.transaction { db in
                try await record.create(on: db)
                try await AuditRepository(db: db).append(AuditEntry(
                    at: services.now(), actorID: staff.id, actorName: staff.username, action: "front_desk.assessed", subjectType: "front_desk_assessment",
                    subjectID: record.id!, summary: "\(person.username) \(input.month): \(grade.rawValue)", rulebookVersion: services.rulebook.versionShort))
                try await Notifier(db: db, services: services).notify([userID], .init(
                    kind: "front_desk.assessed", titleKey: "notice.front_desk_assessed", titleArgument: "\(input.month) · \(services.localization.text("assessment.grade.\(grade.rawValue)", .zhHans, []))",
                    link: "/reports/front-desk?month=\(input.month)", subjectType: "front_desk_assessment", subjectID: record.id!,
                    dedupeKey: "front_desk_assessment:\(record.id!)"))
                if let consequence = grade.consequence {
                    // PRM-21: HR prepares the commendation and reward, or the admonishment talk, with the person's manager.
                    try await Notifier(db: db, services: services).notify(role: .hr, departmentID: nil, .init(
                        kind: "front_desk.\(consequence.rawValue)", titleKey: "notice.front_desk_\(consequence.rawValue)",
                        titleArgument: "\(person.displayName) · \(input.month)", link: "/reports/front-desk?month=\(input.month)",
                        subjectType: "front_desk_assessment", subjectID: record.id!, dedupeKey: "front_desk_assessment:\(record.id!):\(consequence.rawValue)"))
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw DomainError.conflict(reason: "error.assessment.already")
        }
        return record
    }

    func list(month: String, userID: UUID? = nil) async throws -> [FrontDeskAssessmentRecord] {
        var query = FrontDeskAssessmentRecord.query(on: db).filter(\.$month == month)
        if let userID { query = query.filter(\.$userID == userID) }
        return try await query.sort(\.$userName).limit(500).all()
    }
}
