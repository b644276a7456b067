import FluentKit
import Foundation
import KefuDomain

/// The return visits (回访) of cases and the customer surveys they lead to: what the case's use cases and
/// its page read of them (issue 22: the case core reads these tables through here).
public struct ReturnVisitRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// The case's newest return visit.
    public func latest(caseID: UUID) async throws -> ReturnVisitRecord? {
        try await ReturnVisitRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$createdAt, .descending).first()
    }

    /// Whether the case already has a visit waiting (one open visit per case).
    public func hasOpenVisit(caseID: UUID) async throws -> Bool {
        try await ReturnVisitRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$state == ReturnVisitState.open.rawValue).first() != nil
    }

    /// How many surveys the case's customer has answered.
    public func surveyCount(caseID: UUID) async throws -> Int {
        try await SurveyRecord.query(on: db).filter(\.$caseID == caseID).count()
    }

    /// A person's survey totals of one month (`yyyy-MM`).
    public func personMonth(personID: UUID, month: String) async throws -> SurveyPersonMonthRecord? {
        try await SurveyPersonMonthRecord.query(on: db).filter(\.$personID == personID).filter(\.$month == month).first()
    }

    /// The survey link stored under this hash.
    public func surveyToken(hash: String) async throws -> SurveyTokenRecord? {
        try await SurveyTokenRecord.query(on: db).filter(\.$tokenHash == hash).first()
    }

    // Writes: the use cases build the records; only this type stores them.
    public func insert(_ record: some ReturnVisitPart) async throws { try await record.create(on: db) }
    public func save(_ record: some ReturnVisitPart) async throws { try await record.save(on: db) }
    public func find<Part: ReturnVisitPart>(_ type: Part.Type, _ id: UUID) async throws -> Part? { try await Part.find(id, on: db) }
}

/// The records of return visits and surveys.
public protocol ReturnVisitPart: Model where IDValue == UUID {}
extension ReturnVisitRecord: ReturnVisitPart {}
extension ReturnVisitAttemptRecord: ReturnVisitPart {}
extension SurveyRecord: ReturnVisitPart {}
extension SurveyPersonMonthRecord: ReturnVisitPart {}
extension SurveyTokenRecord: ReturnVisitPart {}
