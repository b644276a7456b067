import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The case workload report (RPT-02 / RPT-04 and per-agent performance): totals, a series by day, week
/// or month, the split by type, channel and workload kind, and one row per agent — all summed from the
/// daily aggregate over a bounded range, plus the monthly survey (SAT-03) and QA (QA-04) aggregates.
struct CaseReport: Content {
    struct Row: Content {
        let key: String, label: String, tally: CaseTally
    }
    struct AgentRow: Content {
        let agentID: String, name: String, tally: CaseTally, averageResolveHours: Double?
        /// SAT-03: survey points in percent of the maximum, over the months the range touches.
        let satisfactionPercent: Int?
        /// QA-04: mean scorecard total over those months.
        let qaAverage: Double?
        enum CodingKeys: String, CodingKey {
            case name, tally
            case agentID = "agent_id", averageResolveHours = "average_resolve_hours", satisfactionPercent = "satisfaction_percent", qaAverage = "qa_average"
        }
    }

    let from: String, to: String, bucket: String
    let totals: CaseTally
    let averageResolveHours: Double?
    let series: [Row]
    let byType: [Row], byChannel: [Row], byWorkload: [Row]
    let agents: [AgentRow]

    enum CodingKeys: String, CodingKey {
        case from, to, bucket, totals, series, agents
        case averageResolveHours = "average_resolve_hours", byType = "by_type", byChannel = "by_channel", byWorkload = "by_workload"
    }

    /// At most this many agent rows (the busiest first), so names are fetched with a bounded `IN`.
    static let agentLimit = 200

    static func build(_ filter: ReportFilter, req: Request) async throws -> CaseReport {
        let repository = CaseStatsRepository(db: req.db)
        let slice = filter.slice
        let days = Dictionary(try await repository.sums(slice, by: .day).map { ($0.key, $0.tally) }, uniquingKeysWith: +)
        var buckets: [String: CaseTally] = [:]
        for (day, tally) in days {
            guard let date = LocalDate(day) else { continue }
            buckets[filter.period.bucketKey(of: date), default: CaseTally()] = buckets[filter.period.bucketKey(of: date), default: CaseTally()] + tally
        }
        let series = filter.period.bucketKeys.map { Row(key: $0, label: $0, tally: buckets[$0] ?? CaseTally()) }
        let totals = days.values.reduce(CaseTally(), +)
        let types = try await repository.sums(slice, by: .type)
        let byType = types.sorted { $0.tally.opened > $1.tally.opened }.map { Row(key: $0.key, label: req.t("case.type.\($0.key)"), tally: $0.tally) }
        let byChannel = try await repository.sums(slice, by: .channel).sorted { $0.tally.opened > $1.tally.opened }
            .map { Row(key: $0.key, label: req.t("case.channel.\($0.key)"), tally: $0.tally) }
        var workload: [WorkloadKind: CaseTally] = [:]
        for (type, tally) in types { if let caseType = CaseType(rawValue: type) { workload[WorkloadKind(caseType), default: CaseTally()] = workload[WorkloadKind(caseType), default: CaseTally()] + tally } }
        let byWorkload = WorkloadKind.allCases.map { Row(key: $0.rawValue, label: req.t("report.workload.\($0.rawValue)"), tally: workload[$0] ?? CaseTally()) }
        return CaseReport(from: filter.period.from.description, to: filter.period.to.description, bucket: filter.period.bucket.rawValue,
                          totals: totals, averageResolveHours: totals.averageResolveHours, series: series, byType: byType,
                          byChannel: byChannel, byWorkload: byWorkload, agents: try await agentRows(filter, req: req))
    }

    private static func agentRows(_ filter: ReportFilter, req: Request) async throws -> [AgentRow] {
        let sums = try await CaseStatsRepository(db: req.db).sums(filter.slice, by: .agent)
            .sorted { ($0.tally.opened + $0.tally.resolved, $0.key) > ($1.tally.opened + $1.tally.resolved, $1.key) }.prefix(agentLimit)
        let ids = sums.compactMap { UUID(uuidString: $0.key) }
        let names = Dictionary(try await UserRepository(db: req.db).find(ids: ids).map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let months = (QualityPeriod.month(of: filter.period.from), QualityPeriod.month(of: filter.period.to))
        var satisfaction: [UUID: (points: Int, max: Int)] = [:]
        for row in try await SurveyPersonMonthRecord.query(on: req.db).filter(\.$month >= months.0).filter(\.$month <= months.1).limit(20_000).all() {
            let old = satisfaction[row.personID] ?? (0, 0)
            satisfaction[row.personID] = (old.points + row.points, old.max + row.maxPoints)
        }
        var quality: [UUID: (sum: Double, count: Int)] = [:]
        for row in try await QualityMonthlyRecord.query(on: req.db).filter(\.$month >= months.0).filter(\.$month <= months.1).limit(20_000).all() {
            let old = quality[row.agentID] ?? (0, 0)
            quality[row.agentID] = (old.sum + row.totalSum, old.count + row.inspections)
        }
        return sums.compactMap { entry in
            guard let id = UUID(uuidString: entry.key) else { return nil }
            let survey = satisfaction[id], qa = quality[id]
            return AgentRow(agentID: entry.key, name: names[id] ?? "—", tally: entry.tally, averageResolveHours: entry.tally.averageResolveHours,
                            satisfactionPercent: survey.flatMap { $0.max == 0 ? nil : $0.points * 100 / $0.max },
                            qaAverage: qa.flatMap { $0.count == 0 ? nil : ($0.sum / Double($0.count) * 10).rounded() / 10 })
        }
    }
}
