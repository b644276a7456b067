import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import SQLKit

/// RPT-08 report: consultations and arrivals of a period by channel and by media source (one grouped query,
/// on the `created_at` index), with RTV-14's return visits of visited patients opened and done in the period.
struct HospitalArrivals {
    let db: any Database
    let services: AppServices

    struct Row: Sendable { var code: String, rate: ArrivalRate }

    struct Report: Sendable {
        var period: ReportPeriod
        var total: ArrivalRate
        var byChannel: [Row]
        var byMediaSource: [Row]
        var walkIns: Int
        var returnVisitsOpened: Int
        var returnVisitsDone: Int
    }

    func run(_ period: ReportPeriod) async throws -> Report {
        guard let sql = db as? any SQLDatabase else { throw StoreError.corrupt("hospital_consultations") }
        let calendar = services.rulebook.calendar
        let start = calendar.startOfDay(period.from), end = calendar.startOfDay(QualityPeriod.adding(1, to: period.to))
        let rows = try await sql.raw("""
            SELECT channel, media_source, COUNT(*) AS total, COUNT(arrived_at) AS arrived FROM hospital_consultations
            WHERE created_at >= \(bind: start) AND created_at < \(bind: end) GROUP BY channel, media_source
            """).all()
        var channels: [String: ArrivalRate] = [:], sources: [String: ArrivalRate] = [:]
        var total = ArrivalRate()
        for row in rows {
            let rate = ArrivalRate(consultations: try row.decode(column: "total", as: Int.self), arrived: try row.decode(column: "arrived", as: Int.self))
            let channel = try row.decode(column: "channel", as: String.self), source = try row.decode(column: "media_source", as: String.self)
            channels[channel, default: ArrivalRate()] = channels[channel, default: ArrivalRate()] + rate
            sources[source, default: ArrivalRate()] = sources[source, default: ArrivalRate()] + rate
            total = total + rate
        }
        let rules = services.rulebook.hospital
        // Rulebook order first (with zero rows), then any code the rulebook no longer lists.
        func ordered(_ map: [String: ArrivalRate], _ codes: [String]) -> [Row] {
            (codes + map.keys.filter { !codes.contains($0) }.sorted()).map { Row(code: $0, rate: map[$0] ?? ArrivalRate()) }
        }
        let walkIns = try await HospitalVisitRecord.query(on: db).filter(\.$createdAt >= start).filter(\.$createdAt < end)
            .filter(\.$consultationID == nil).count()
        let visits = try await sql.raw("""
            SELECT COUNT(*) AS opened, COUNT(rv.done_at) AS done FROM return_visits rv JOIN hospital_visits hv ON hv.case_id = rv.case_id
            WHERE rv.created_at >= \(bind: start) AND rv.created_at < \(bind: end)
            """).first()
        return Report(period: period, total: total, byChannel: ordered(channels, rules.channels.map(\.code)),
                      byMediaSource: ordered(sources, rules.mediaSources.map(\.code)), walkIns: walkIns,
                      returnVisitsOpened: try visits?.decode(column: "opened", as: Int.self) ?? 0,
                      returnVisitsDone: try visits?.decode(column: "done", as: Int.self) ?? 0)
    }
}
