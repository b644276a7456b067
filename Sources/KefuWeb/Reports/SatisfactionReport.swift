import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Satisfaction by dimension (SAT-05/06), the return-visit rate against its target (RTV-02, 100 %) and
/// the QA scores (QA-04) of a range: grouped counts over the indexed `created_at` / `done_at` ranges
/// and the maintained monthly QA aggregate.
struct SatisfactionReport: Content {
    struct Dimension: Content {
        let item: String, label: String
        /// Per level (best first): how many answers.
        let counts: [Int]
        /// The share of the two best levels (or the best of a three-level scale), in percent.
        let satisfiedPercent: Int?
        enum CodingKeys: String, CodingKey { case item, label, counts, satisfiedPercent = "satisfied_percent" }
    }
    struct Agent: Content {
        let agentID: String, name: String, inspections: Int, average: Double, findings: Int
        enum CodingKeys: String, CodingKey { case name, inspections, average, findings, agentID = "agent_id" }
    }

    let from: String, to: String
    let levels: [String], levelLabels: [String]
    let surveys: Int
    let dimensions: [Dimension]
    let visitsOpened: Int, visitsDone: Int, visitsUnreachable: Int, visitRatePercent: Int, visitTargetPercent: Int
    let qaInspections: Int, qaAverage: Double?
    let qaAgents: [Agent]

    enum CodingKeys: String, CodingKey {
        case from, to, levels, surveys, dimensions
        case levelLabels = "level_labels", visitsOpened = "visits_opened", visitsDone = "visits_done", visitsUnreachable = "visits_unreachable"
        case visitRatePercent = "visit_rate_percent", visitTargetPercent = "visit_target_percent"
        case qaInspections = "qa_inspections", qaAverage = "qa_average", qaAgents = "qa_agents"
    }

    static func build(_ filter: ReportFilter, req: Request) async throws -> SatisfactionReport {
        let calendar = req.services.rulebook.calendar
        let start = calendar.startOfDay(filter.period.from), end = calendar.startOfDay(QualityPeriod.adding(1, to: filter.period.to))
        let sql = req.db as! any SQLDatabase
        let levels = req.services.rulebook.surveys.scale.levels
        var dimensions: [Dimension] = []
        var surveys = 0
        for item in SurveyAnswers.items {
            // `item` is one of four fixed column names, never user input.
            let rows = try await sql.raw("""
                SELECT \(unsafeRaw: item) AS level, CAST(COUNT(*) AS BIGINT) AS n FROM surveys
                WHERE created_at >= \(bind: start) AND created_at < \(bind: end) GROUP BY \(unsafeRaw: item)
                """).all()
            var counts = Dictionary(uniqueKeysWithValues: levels.map { ($0, 0) })
            for row in rows { counts[try row.decode(column: "level", as: String.self), default: 0] += try row.decode(column: "n", as: Int.self) }
            let answered = counts.values.reduce(0, +)
            surveys = max(surveys, answered)
            let good = levels.prefix(levels.count >= 4 ? 2 : 1).reduce(0) { $0 + (counts[$1] ?? 0) }
            dimensions.append(Dimension(item: item, label: req.t("survey.item.\(item)"), counts: levels.map { counts[$0] ?? 0 },
                                        satisfiedPercent: answered == 0 ? nil : good * 100 / answered))
        }
        let opened = try await ReturnVisitRecord.query(on: req.db).filter(\.$createdAt >= start).filter(\.$createdAt < end).count()
        func finished(_ state: ReturnVisitState) async throws -> Int {
            try await ReturnVisitRecord.query(on: req.db).filter(\.$doneAt >= start).filter(\.$doneAt < end).filter(\.$state == state.rawValue).count()
        }
        let done = try await finished(.done), unreachable = try await finished(.unreachable)
        let months = (QualityPeriod.month(of: filter.period.from), QualityPeriod.month(of: filter.period.to))
        var perAgent: [UUID: (sum: Double, count: Int, findings: Int)] = [:]
        for row in try await QualityMonthlyRecord.query(on: req.db).filter(\.$month >= months.0).filter(\.$month <= months.1).limit(20_000).all() {
            let old = perAgent[row.agentID] ?? (0, 0, 0)
            perAgent[row.agentID] = (old.sum + row.totalSum, old.count + row.inspections, old.findings + row.findings)
        }
        let top = perAgent.sorted { $0.value.count > $1.value.count }.prefix(CaseReport.agentLimit)
        let names = Dictionary(try await UserRepository(db: req.db).find(ids: top.map(\.key)).map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
        let agents = top.map { Agent(agentID: $0.key.uuidString, name: names[$0.key] ?? "—", inspections: $0.value.count,
                                     average: $0.value.count == 0 ? 0 : ($0.value.sum / Double($0.value.count) * 10).rounded() / 10, findings: $0.value.findings) }
            .sorted { $0.average > $1.average }
        let qaCount = perAgent.values.reduce(0) { $0 + $1.count }, qaSum = perAgent.values.reduce(0) { $0 + $1.sum }
        return SatisfactionReport(from: filter.period.from.description, to: filter.period.to.description, levels: levels,
                                  levelLabels: levels.map { req.t("survey.level.\($0)") }, surveys: surveys, dimensions: dimensions,
                                  visitsOpened: opened, visitsDone: done, visitsUnreachable: unreachable,
                                  visitRatePercent: opened == 0 ? 100 : min(100, (done + unreachable) * 100 / opened),
                                  visitTargetPercent: req.services.rulebook.returnVisits.targetRatePercent,
                                  qaInspections: qaCount, qaAverage: qaCount == 0 ? nil : (qaSum / Double(qaCount) * 10).rounded() / 10, qaAgents: agents)
    }
}
