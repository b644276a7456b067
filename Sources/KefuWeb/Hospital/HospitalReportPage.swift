import Foundation
import KefuCore
import KefuDomain
import Vapor

/// `/reports/hospital` (RPT-08, RTV-14): the arrival rate overall, by channel and by media source, with the
/// walk-ins and the visited patients' return visits of the period.
struct HospitalReportPage: Encodable {
    struct Line: Encodable { let name: String, consultations: Int, arrived: Int, rate: String }
    let shell: PageShell
    let from: String, to: String
    let total: Line, byChannel: [Line], byMediaSource: [Line]
    let walkIns: Int, returnVisitsOpened: Int, returnVisitsDone: Int

    init(_ req: Request, _ report: HospitalArrivals.Report, error: String?) {
        let rules = req.services.rulebook.hospital
        func line(_ name: String, _ rate: ArrivalRate) -> Line {
            Line(name: name, consultations: rate.consultations, arrived: rate.arrived, rate: rate.percent.map { "\($0)%" } ?? "—")
        }
        shell = PageShell(req, title: req.t("hospital.report"), flashError: error)
        from = report.period.from.description; to = report.period.to.description
        total = line(req.t("hospital.report_total"), report.total)
        byChannel = report.byChannel.map { line(req.hospitalName(rules.channel($0.code)).nilIfBlank ?? $0.code, $0.rate) }
        byMediaSource = report.byMediaSource.map { line(req.hospitalName(rules.mediaSource($0.code)).nilIfBlank ?? $0.code, $0.rate) }
        walkIns = report.walkIns; returnVisitsOpened = report.returnVisitsOpened; returnVisitsDone = report.returnVisitsDone
    }
}
