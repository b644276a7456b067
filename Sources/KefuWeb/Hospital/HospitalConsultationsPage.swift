import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The consultation register page: filters, the newest consultations, and the registration form.
struct HospitalConsultationsPage: Encodable {
    struct Row: Encodable {
        let id: UUID, at: String, channel: String, source: String, sex: String, age: String, disease: String, intention: String
        let phone: String?, agent: String, answer: String?, arrived: Bool, referral: String?
    }
    struct Draft: Encodable {
        var channel = "", mediaSource = "", age = "", sex = "", courseOfDisease = "", history = "", diseaseType = "", address = ""
        var phone = "", visitIntention = "", concerns = "", healthConsultation = "", priceComparison = "", consumptionHabits = ""
        var economicStatus = "", personType = "", answer = "", expertReferral = ""
    }
    let shell: PageShell
    let rows: [Row], nextURL: String?
    let channels: [SelectOption], mediaSources: [SelectOption], sexes: [SelectOption], intentions: [SelectOption], experts: [SelectOption]
    let filterChannel: String, filterSource: String, filterArrived: String
    let draft: Draft

    static func build(_ req: Request, draft form: HospitalConsultationsWebController.Form?, error: String?) async throws -> HospitalConsultationsPage {
        let rules = try req.requireHospital()
        let staff = try req.requireStaff()
        let channel = req.query[String.self, at: "channel"] ?? "", source = req.query[String.self, at: "media_source"] ?? ""
        let arrived = req.query[String.self, at: "arrived"] ?? ""
        let (cursor, _) = error == nil ? try req.pagination() : (nil, 50)
        let page = try await Consultations(db: req.db, services: req.services).list(
            .init(channel: channel.isEmpty ? nil : channel, mediaSource: source.isEmpty ? nil : source, arrived: Bool(arrived)), after: cursor, limit: 30)
        var draft = Draft()
        if let f = form {
            draft = Draft(channel: f.channel ?? "", mediaSource: f.media_source ?? "", age: f.age ?? "", sex: f.sex ?? "",
                          courseOfDisease: f.course_of_disease ?? "", history: f.history ?? "", diseaseType: f.disease_type ?? "",
                          address: f.address ?? "", phone: f.phone ?? "", visitIntention: f.visit_intention ?? "", concerns: f.concerns ?? "",
                          healthConsultation: f.health_consultation ?? "", priceComparison: f.price_comparison ?? "",
                          consumptionHabits: f.consumption_habits ?? "", economicStatus: f.economic_status ?? "", personType: f.person_type ?? "",
                          answer: f.answer ?? "", expertReferral: f.expert_referral ?? "")
        }
        let rows = page.items.map { r in
            Row(id: r.id!, at: DisplayTime.format(r.createdAt, req), channel: req.hospitalName(rules.channel(r.channel)).nilIfBlank ?? r.channel,
                source: req.hospitalName(rules.mediaSource(r.mediaSource)).nilIfBlank ?? r.mediaSource, sex: req.t("hospital.sex.\(r.sex)"),
                age: r.age.map { "\($0)" } ?? "", disease: r.diseaseType, intention: req.t("hospital.intention.\(r.visitIntention)"),
                phone: HospitalPhone.shown(r.phone, for: staff, own: r.answeredBy == staff.id), agent: r.answeredByName, answer: r.answer,
                arrived: r.arrivedAt != nil, referral: r.expertReferral)
        }
        var query = [String]()
        if !channel.isEmpty { query.append("channel=\(channel)") }
        if !source.isEmpty { query.append("media_source=\(source)") }
        if !arrived.isEmpty { query.append("arrived=\(arrived)") }
        return HospitalConsultationsPage(
            shell: PageShell(req, title: req.t("hospital.consultations"), flashError: error), rows: rows,
            nextURL: page.nextCursor.map { "/hospital/consultations?\((query + ["cursor=\($0)"]).joined(separator: "&"))" },
            channels: rules.channels.map { SelectOption(value: $0.code, label: req.hospitalName($0), selected: $0.code == draft.channel) },
            mediaSources: rules.mediaSources.map { SelectOption(value: $0.code, label: req.hospitalName($0), selected: $0.code == draft.mediaSource) },
            sexes: PatientSex.allCases.map { SelectOption(value: $0.rawValue, label: req.t("hospital.sex.\($0.rawValue)"), selected: $0.rawValue == draft.sex) },
            intentions: VisitIntention.allCases.map {
                SelectOption(value: $0.rawValue, label: req.t("hospital.intention.\($0.rawValue)"), selected: $0.rawValue == draft.visitIntention)
            },
            experts: rules.departments.flatMap { d in d.experts.map { SelectOption(value: $0, label: "\(req.hospitalName(d)) · \($0)", selected: $0 == draft.expertReferral) } },
            filterChannel: channel, filterSource: source, filterArrived: arrived, draft: draft)
    }
}

