import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// API.md: `{"id","case_id","customer_id","state","due_at","attempts":[{"outcome","at","by"}],"version"}`;
/// `state` is due or overdue while the visit is open.
struct ReturnVisitResponse: Content {
    struct Attempt: Content { let outcome: String, at: Date, by: String, note: String? }

    let id: UUID, caseID: UUID, customerID: UUID, personID: UUID?, state: String, dueAt: Date, callFrom: Date, bookedAt: Date?
    let attempts: [Attempt], failedAttempts: Int, satisfaction: String?, resolved: Bool?, escalated: Bool?, note: String?
    let doneAt: Date?, version: Int

    enum CodingKeys: String, CodingKey {
        case id, state, attempts, satisfaction, resolved, escalated, note, version
        case caseID = "case_id", customerID = "customer_id", personID = "person_id", dueAt = "due_at", callFrom = "call_from"
        case bookedAt = "booked_at", failedAttempts = "failed_attempts", doneAt = "done_at"
    }

    init(_ r: ReturnVisitRecord, attempts: [ReturnVisitAttemptRecord], now: Date) {
        id = r.id!; caseID = r.caseID; customerID = r.customerID; personID = r.personID
        state = r.state == ReturnVisitState.open.rawValue ? (r.dueAt < now ? "overdue" : "due") : r.state
        dueAt = r.dueAt; callFrom = r.callFrom; bookedAt = r.bookedAt; failedAttempts = r.failedAttempts
        satisfaction = r.satisfaction; resolved = r.resolved; escalated = r.escalated; note = r.note; doneAt = r.doneAt; version = r.version
        self.attempts = attempts.map { Attempt(outcome: $0.outcome, at: $0.at, by: $0.byName, note: $0.note) }
    }
}

struct SurveyResponse: Content {
    let id: UUID, caseID: UUID, visitID: UUID?, personID: UUID?, source: String, scale: String
    let attitude: String, technical: String, arrivalTime: String, promise: String, comment: String?, serious: Bool
    let resultChannel: String?, resultText: String?, resultAt: Date?, createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, source, scale, attitude, technical, promise, comment, serious
        case caseID = "case_id", visitID = "visit_id", personID = "person_id", arrivalTime = "arrival_time"
        case resultChannel = "result_channel", resultText = "result_text", resultAt = "result_at", createdAt = "created_at"
    }

    init(_ s: SurveyRecord) {
        id = s.id!; caseID = s.caseID; visitID = s.visitID; personID = s.personID; source = s.source; scale = s.scale
        attitude = s.attitude; technical = s.technical; arrivalTime = s.arrivalTime; promise = s.promise; comment = s.comment
        serious = s.serious; resultChannel = s.resultChannel; resultText = s.resultText; resultAt = s.resultAt; createdAt = s.createdAt
    }
}
