import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/hospital/consultations`: the consultation register (网络和来电咨询总册, HOS-01/02, ORG-19) — the form
/// with the general and targeted fields, the list with its filters, and "arrived" (the caller came: a visit
/// opens at the gate, linked to the consultation, RPT-08). 404 unless hospital mode.
struct HospitalConsultationsWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let desk = Access.permission(.hospitalDesk)
        routes.on(.GET, "hospital", "consultations", access: desk, summary: "Consultation register: form and list", use: page)
        routes.on(.POST, "hospital", "consultations", access: desk, summary: "Register a consultation (form)", use: register)
        routes.on(.POST, "hospital", "consultations", ":id", "arrive", access: desk, summary: "The caller arrived: open the visit (form)", use: arrive)
        routes.on(.GET, "reports", "hospital", access: .permission(.reportsRead), summary: "Arrival rate by channel and media source (RPT-08)", use: report)
    }

    struct Form: Content {
        let channel: String?, media_source: String?, age: String?, sex: String?, course_of_disease: String?, history: String?
        let disease_type: String?, address: String?, phone: String?, visit_intention: String?, concerns: String?
        let health_consultation: String?, price_comparison: String?, consumption_habits: String?, economic_status: String?
        let person_type: String?, answer: String?, expert_referral: String?
        let appointment: String?, first_visit: String?
    }

    @Sendable func page(req: Request) async throws -> Response {
        try await render(req, draft: nil, error: nil)
    }

    func render(_ req: Request, draft: Form?, error: (message: String, status: HTTPResponseStatus)?) async throws -> Response {
        let page = try await HospitalConsultationsPage.build(req, draft: draft, error: error?.message)
        let response = try await req.view.render("hospital/consultations", page).encodeResponse(for: req)
        response.status = error?.status ?? .ok
        return response
    }

    @Sendable func register(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        let form = try req.content.decode(Form.self)
        do {
            var age: Int?
            if let text = form.age?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
                guard let value = Int(text) else { throw DomainError.validation(fields: ["age": "error.field.number"]) }
                age = value
            }
            _ = try await Consultations(db: req.db, services: req.services).register(.init(
                channel: form.channel, mediaSource: form.media_source, age: age, sex: form.sex, courseOfDisease: form.course_of_disease,
                history: form.history, diseaseType: form.disease_type, address: form.address, phone: form.phone,
                visitIntention: form.visit_intention, concerns: form.concerns, healthConsultation: form.health_consultation,
                priceComparison: form.price_comparison, consumptionHabits: form.consumption_habits, economicStatus: form.economic_status,
                personType: form.person_type, answer: form.answer, expertReferral: form.expert_referral), by: req.requireStaff())
            return req.redirect(to: "/hospital/consultations?flash=flash.hospital_registered")
        } catch let error as DomainError {
            return try await render(req, draft: form, error: req.refusal(error))
        }
    }

    @Sendable func arrive(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        guard let id = req.parameters.get("id", as: UUID.self) else { throw DomainError.notFound(subject: "hospital_consultation") }
        let form = try req.content.decode(Form.self)
        do {
            _ = try await HospitalVisits(db: req.db, services: req.services).gate(.init(
                appointment: form.appointment != nil, firstVisit: form.first_visit != nil, patientName: nil, consultationID: id), by: req.requireStaff())
            return req.redirect(to: "/hospital?flash=flash.hospital_arrived")
        } catch let error as DomainError {
            return try await render(req, draft: nil, error: req.refusal(error))
        }
    }

    @Sendable func report(req: Request) async throws -> Response {
        _ = try req.requireHospital()
        var error: String?
        var period: ReportPeriod
        do { period = try HospitalReportAPIController.period(req) } catch let refused as DomainError {
            error = req.refusal(refused).message
            let today = req.services.rulebook.calendar.localDate(of: req.services.now())
            period = try ReportPeriod(from: ReportPeriod.last(ReportFilter.defaultDays, endingOn: today).from, to: today, maxDays: .max)
        }
        let report = try await HospitalArrivals(db: req.db, services: req.services).run(period)
        return try await req.view.render("hospital/report", HospitalReportPage(req, report, error: error)).encodeResponse(for: req)
    }
}
