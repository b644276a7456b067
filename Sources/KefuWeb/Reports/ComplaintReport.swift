import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit
import Vapor

/// Complaint statistics (RPT, CMP-33): complaints received in the range by category and severity, how
/// many kept every deadline (no clock breached, the 60-minute dispatch, 3-day report and 6-day closure),
/// and the amounts claimed and decided. One grouped query over the `cases_type` index (type, created_at).
struct ComplaintReport: Content {
    struct Row: Content {
        let key: String, label: String
        var count = 0, slaMet = 0, claimed = 0.0, decided = 0.0
        /// Kept every deadline, in percent of the count (100 when there were none).
        var slaPercent = 100
        enum CodingKeys: String, CodingKey { case key, label, count, claimed, decided, slaMet = "sla_met", slaPercent = "sla_percent" }

        mutating func add(count: Int, met: Int, claimed: Double, decided: Double) {
            self.count += count; slaMet += met; self.claimed += claimed; self.decided += decided
            slaPercent = self.count == 0 ? 100 : slaMet * 100 / self.count
        }
    }

    let from: String, to: String
    let total: Row
    let byCategory: [Row], bySeverity: [Row]

    enum CodingKeys: String, CodingKey { case from, to, total, byCategory = "by_category", bySeverity = "by_severity" }

    static func build(_ filter: ReportFilter, req: Request) async throws -> ComplaintReport {
        let calendar = req.services.rulebook.calendar
        let start = calendar.startOfDay(filter.period.from), end = calendar.startOfDay(QualityPeriod.adding(1, to: filter.period.to))
        var query: SQLQueryString = """
            SELECT p.category AS category, p.severity AS severity, CAST(COUNT(*) AS BIGINT) AS n,
              CAST(SUM(CASE WHEN c.breached_at IS NULL THEN 1 ELSE 0 END) AS BIGINT) AS met,
              CAST(SUM(CAST(p.claim_amount AS NUMERIC)) AS DOUBLE PRECISION) AS claimed,
              CAST(SUM(CAST(p.decision_amount AS NUMERIC)) AS DOUBLE PRECISION) AS decided
            FROM cases c JOIN complaints p ON p.case_id = c.id
            WHERE c.type = 'complaint' AND c.created_at >= \(bind: start) AND c.created_at < \(bind: end)
            """
        if let teamID = filter.teamID { query.appendInterpolation(unsafeRaw: " AND c.team_id = "); query.appendInterpolation(bind: teamID) }
        if let agentID = filter.agentID { query.appendInterpolation(unsafeRaw: " AND c.owner_id = "); query.appendInterpolation(bind: agentID) }
        if let channel = filter.channel { query.appendInterpolation(unsafeRaw: " AND c.channel = "); query.appendInterpolation(bind: channel.rawValue) }
        query.appendInterpolation(unsafeRaw: " GROUP BY p.category, p.severity")
        let rows = try await (req.db as! any SQLDatabase).raw(query).all()
        var total = Row(key: "total", label: req.t("report.total"))
        var categories: [String: Row] = [:], severities: [String: Row] = [:]
        for row in rows {
            let category = try row.decode(column: "category", as: String.self), severity = try row.decode(column: "severity", as: String.self)
            let count = try row.decode(column: "n", as: Int.self), met = try row.decode(column: "met", as: Int.self)
            let claimed = try row.decode(column: "claimed", as: Double?.self) ?? 0, decided = try row.decode(column: "decided", as: Double?.self) ?? 0
            total.add(count: count, met: met, claimed: claimed, decided: decided)
            categories[category, default: Row(key: category, label: req.t("complaint.category.\(category)"))].add(count: count, met: met, claimed: claimed, decided: decided)
            severities[severity, default: Row(key: severity, label: req.t("complaint.severity.\(severity)"))].add(count: count, met: met, claimed: claimed, decided: decided)
        }
        return ComplaintReport(from: filter.period.from.description, to: filter.period.to.description, total: total,
                               byCategory: categories.values.sorted { $0.count > $1.count }, bySeverity: severities.values.sorted { $0.count > $1.count })
    }
}
