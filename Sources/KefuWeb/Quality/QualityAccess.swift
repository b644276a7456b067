import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// An inspection with its scores, as one unit of reading and acting.
struct QualityCard {
    let record: QualityInspectionRecord
    let scores: [QualityScoreRecord]

    static func load(_ record: QualityInspectionRecord, db: any Database) async throws -> QualityCard {
        QualityCard(record: record, scores: try await QualityRepository(db: db).scores(of: [record.id!]))
    }

    /// A page of inspections with their scores in one more query (no N+1).
    static func load(_ records: [QualityInspectionRecord], db: any Database) async throws -> [QualityCard] {
        let scores = Dictionary(grouping: try await QualityRepository(db: db).scores(of: records.compactMap(\.id)), by: \.inspectionID)
        return records.map { QualityCard(record: $0, scores: scores[$0.id!] ?? []) }
    }
}

/// Who may see and do what in quality inspection (REQUIREMENTS §7, §25): holders of `qa.inspect` (质检员,
/// the directors) see every scorecard; the rulebook's `quality.dispute_decided_by` role sees them to decide
/// disputes; an agent sees their own. Any other scorecard is "not found", so its existence is not revealed.
struct QualityViewer {
    let staff: StaffUser
    let rules: QualityRules

    var isInspector: Bool { staff.has(.qaInspect) }
    var isDecider: Bool { staff.roles.contains(rules.disputeDecidedBy) }
    var seesAll: Bool { isInspector || isDecider }

    func canRead(_ record: QualityInspectionRecord) -> Bool { seesAll || record.agentID == staff.id }

    func readable(_ id: UUID, db: any Database) async throws -> QualityCard {
        guard let record = try await QualityRepository(db: db).find(id), canRead(record) else {
            throw DomainError.notFound(subject: "qa_inspection")
        }
        return try await QualityCard.load(record, db: db)
    }
}
