import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `GET /api/v1/reports/hospital-arrivals?from=&to=` (RPT-08, RTV-14): the consultation-to-visit arrival
/// rate by channel and media source, and the visited patients' return visits. 404 unless hospital mode.
struct HospitalReportAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "api", "v1", "reports", "hospital-arrivals", access: .permission(.reportsRead),
                  summary: "Consultation-to-visit arrival rate by channel and media source (RPT-08)", use: arrivals)
    }

    struct RateJSON: Content {
        let code: String?, consultations: Int, arrived: Int, rate: String?
        init(_ code: String?, _ rate: ArrivalRate) {
            self.code = code; consultations = rate.consultations; arrived = rate.arrived; self.rate = rate.percent.map { "\($0)" }
        }
    }

    struct ReportJSON: Content {
        let from: String, to: String, total: RateJSON, byChannel: [RateJSON], byMediaSource: [RateJSON]
        let walkIns: Int, returnVisitsOpened: Int, returnVisitsDone: Int
        enum CodingKeys: String, CodingKey {
            case from, to, total
            case byChannel = "by_channel", byMediaSource = "by_media_source", walkIns = "walk_ins"
            case returnVisitsOpened = "return_visits_opened", returnVisitsDone = "return_visits_done"
        }
    }

    @Sendable func arrivals(req: Request) async throws -> ReportJSON {
        _ = try req.requireHospital()
        let report = try await HospitalArrivals(db: req.db, services: req.services).run(try Self.period(req))
        return ReportJSON(from: report.period.from.description, to: report.period.to.description, total: RateJSON(nil, report.total),
                          byChannel: report.byChannel.map { RateJSON($0.code, $0.rate) },
                          byMediaSource: report.byMediaSource.map { RateJSON($0.code, $0.rate) }, walkIns: report.walkIns,
                          returnVisitsOpened: report.returnVisitsOpened, returnVisitsDone: report.returnVisitsDone)
    }

    /// `from`/`to` (default: the last 30 days), at most `reports.max_range_days` long.
    static func period(_ req: Request) throws -> ReportPeriod {
        let today = req.services.rulebook.calendar.localDate(of: req.services.now())
        var fields: [String: String] = [:]
        func date(_ name: String) -> LocalDate? {
            guard let text = req.query[String.self, at: name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            guard let value = LocalDate(text) else { fields[name] = "error.report.date"; return nil }
            return value
        }
        let to = date("to") ?? today
        let from = date("from") ?? ReportPeriod.last(ReportFilter.defaultDays, endingOn: to).from
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        return try ReportPeriod(from: from, to: to, maxDays: req.services.rulebook.reports.maxRangeDays)
    }
}
