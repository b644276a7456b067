import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/front-desk/register?date=`: the day's visitor register (访客登记本, FDV-03/FDA-04) as a printable page —
/// visit time, name, organization, contact, purpose, host, leaving time and card — one indexed range query.
struct FrontDeskRegisterWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "front-desk", "register", access: .permission(.frontDeskWork), summary: "Printable visitor register of a day", use: register)
    }

    struct Row: Encodable {
        let arrived: String, name: String, organization: String, phone: String, purpose: String, host: String, left: String, badge: String, state: String
    }
    struct Page: Encodable { let shell: PageShell, date: String, previous: String, next: String, rows: [Row] }

    @Sendable func register(req: Request) async throws -> View {
        let calendar = req.services.rulebook.calendar
        let today = calendar.localDate(of: req.services.now())
        let text = req.query[String.self, at: "date"]
        guard let day = text.map({ LocalDate($0) }) ?? today else { throw DomainError.validation(fields: ["date": "error.field.invalid_value"]) }
        let start = calendar.startOfDay(day), end = calendar.startOfDay(QualityPeriod.adding(1, to: day))
        let visits = try await VisitorRecord.query(on: req.db).filter(\.$createdAt >= start).filter(\.$createdAt < end)
            .sort(\.$createdAt).limit(2_000).all()
        let time = { (date: Date?) in date.map { DisplayTime.format($0, req) } ?? "" }
        return try await req.view.render("frontdesk/register", Page(
            shell: PageShell(req, title: req.t("frontdesk.register_book")), date: day.description,
            previous: QualityPeriod.adding(-1, to: day).description, next: QualityPeriod.adding(1, to: day).description,
            rows: visits.map { v in
                Row(arrived: time(v.arrivedAt ?? v.expectedAt), name: v.name, organization: v.organization ?? "", phone: v.phone, purpose: v.purpose,
                    host: v.hostName, left: time(v.leftAt), badge: v.badgeNo ?? "", state: req.t("frontdesk.state.\(v.state)"))
            }))
    }
}
