import FluentKit
import SQLKit
import Foundation
import KefuDomain

/// The complaint aggregate's tables (the form, its departments' tasks, its slips, the monthly review and its
/// items): the only code that reads them for the complaint pages, the API and the use cases (issue 22).
public struct ComplaintRepository: Sendable {
    let db: any Database

    public init(db: any Database) { self.db = db }

    /// What the closing conditions (CMP-24 / CMP-25) look at; nil when the case carries no complaint form.
    /// The customer counts as answered when the latest reply was the conclusion: a progress reply always sets
    /// the next reply time (CMP-24) and the conclusion clears it.
    public func closingFacts(caseID: UUID) async throws -> ComplaintClosingFacts? {
        guard let form = try await ComplaintRecord.find(caseID: caseID, on: db) else { return nil }
        let open = try await openTaskCount(caseID: caseID)
        return ComplaintClosingFacts(openTasks: open, answeredAt: form.nextReplyAt == nil ? form.repliedAt : nil)
    }

    /// The active departments with their kinds, for the default department of a task
    /// (`ComplaintTaskKind.defaultDepartment`).
    public func departmentsForRouting() async throws -> [(id: UUID, kind: DepartmentKind)] {
        try await DepartmentRecord.query(on: db).filter(\.$active == true).limit(500).all().compactMap { record in
            DepartmentKind(rawValue: record.kind).map { (record.id!, $0) }
        }
    }

    /// The forms with these ids (an approval's subjects), by id.
    public func forms(ids: [UUID]) async throws -> [UUID: ComplaintRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ComplaintRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// How many of the case's department tasks are still open (CMP-24/25).
    public func openTaskCount(caseID: UUID) async throws -> Int {
        try await ComplaintTaskRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$state == "open").count()
    }

    /// Whether a department has a task on the case (it may then read the complaint, CMP-13).
    public func hasTask(caseID: UUID, departmentID: UUID) async throws -> Bool {
        try await ComplaintTaskRecord.query(on: db).filter(\.$caseID == caseID).filter(\.$ownerDepartmentID == departmentID).first() != nil
    }

    /// The case's discount and return slips (CMP-36/37), by kind.
    public func slips(caseID: UUID) async throws -> [ComplaintSlipRecord] {
        try await ComplaintSlipRecord.query(on: db).filter(\.$caseID == caseID).sort(\.$kind).all()
    }

    /// The slips with these ids (an approval's subjects), by id.
    public func slips(ids: [UUID]) async throws -> [UUID: ComplaintSlipRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ComplaintSlipRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The monthly reviews (CMP-40), newest first: three years.
    public func reviews(limit: Int = 36) async throws -> [ComplaintReviewRecord] {
        try await ComplaintReviewRecord.query(on: db).sort(\.$month, .descending).limit(limit).all()
    }

    public func review(month: String) async throws -> ComplaintReviewRecord? {
        try await ComplaintReviewRecord.query(on: db).filter(\.$month == month).first()
    }

    /// A review's items, optionally in one state or with one outcome; a review holds a month's complaints.
    public func reviewItems(reviewID: UUID, state: String? = nil, outcome: String? = nil, limit: Int = 1_000) async throws -> [ComplaintReviewItemRecord] {
        var query = ComplaintReviewItemRecord.query(on: db).filter(\.$reviewID == reviewID)
        if let state { query = query.filter(\.$state == state) }
        if let outcome { query = query.filter(\.$outcome == outcome) }
        return try await query.limit(limit).all()
    }

    /// The review items with these ids (an approval's subjects), by id.
    public func reviewItems(ids: [UUID]) async throws -> [UUID: ComplaintReviewItemRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await ComplaintReviewItemRecord.query(on: db).filter(\.$id ~~ Array(Set(ids))).all()
        return Dictionary(rows.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The review item an approval decides (CMP-42's 奖罚通知单).
    public func reviewItem(approvalID: UUID) async throws -> ComplaintReviewItemRecord? {
        try await ComplaintReviewItemRecord.query(on: db).filter(\.$approvalID == approvalID).first()
    }

    /// One page of a month's closed complaint cases, in (closed_at, id) order after `after`.
    public func closedComplaintCases(from: Date, to: Date, after: (Date, UUID)?, limit: Int) async throws -> [CaseRecord] {
        var query = CaseRecord.query(on: db).filter(\.$type == CaseType.complaint.rawValue)
            .filter(\.$closedAt >= from).filter(\.$closedAt < to)
        if let (at, id) = after {
            query = query.group(.or) { $0.filter(\.$closedAt > at).group(.and) { $0.filter(\.$closedAt == at).filter(\.$id > id) } }
        }
        return try await query.sort(\.$closedAt).sort(\.$id).limit(limit).all()
    }

    /// The case's complaint form.
    public func form(caseID: UUID) async throws -> ComplaintRecord? {
        try await db.sqlKit.listed(ComplaintRecord.self, "SELECT \(unsafeRaw: ComplaintRecord.selectList("f")) FROM complaints f WHERE f.case_id = \(bind: caseID) LIMIT 1").first
    }
    /// The form whose settlement (CMP-32) or petition (CMP-38) an approval decides.
    public func form(approvalID: UUID) async throws -> ComplaintRecord? { try await ComplaintRecord.find(approvalID: approvalID, on: db) }
    public func form(petitionApprovalID: UUID) async throws -> ComplaintRecord? { try await ComplaintRecord.find(petitionApprovalID: petitionApprovalID, on: db) }
    /// The slip an approval decides, or the case's slip of one kind (CMP-36/37).
    public func slip(approvalID: UUID) async throws -> ComplaintSlipRecord? { try await ComplaintSlipRecord.find(approvalID: approvalID, on: db) }
    public func slip(caseID: UUID, kind: String) async throws -> ComplaintSlipRecord? { try await ComplaintSlipRecord.find(caseID: caseID, kind: kind, on: db) }

    // Writes: the use cases build the aggregate's records; only this type stores them.
    public func insert(_ record: some ComplaintPart) async throws { try await record.create(on: db) }
    public func save(_ record: some ComplaintPart) async throws { try await record.save(on: db) }
    public func find<Part: ComplaintPart>(_ type: Part.Type, _ id: UUID) async throws -> Part? { try await Part.find(id, on: db) }
}

/// The records of the complaint aggregate (the form, tasks, slips, the monthly review and its items).
public protocol ComplaintPart: Model where IDValue == UUID {}
extension ComplaintRecord: ComplaintPart {}
extension ComplaintTaskRecord: ComplaintPart {}
extension ComplaintSlipRecord: ComplaintPart {}
extension ComplaintReviewRecord: ComplaintPart {}
extension ComplaintReviewItemRecord: ComplaintPart {}
