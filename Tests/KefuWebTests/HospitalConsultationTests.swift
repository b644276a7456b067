import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// The consultation register (HOS-01/02, ORG-19), the arrival rate (RPT-08), the patients' return visits
/// (RTV-14) and the desk's pages.
@Suite("Hospital consultations, arrival rate and return visits (HOS, RPT-08, RTV-14)")
struct HospitalConsultationTests {
    @Test("HOS-01 a consultation keeps the general fields; missing required ones are 400 listing each")
    func general() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let missing = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: ["channel": "phone", "age": 200])
            #expect(missing.status == .badRequest)
            let fields = try missing.error()["fields"] as? [String: Any] ?? [:]
            for field in ["media_source", "sex", "disease_type", "visit_intention", "age"] { #expect(fields[field] != nil, "\(field)") }
            let saved = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: HospitalFixture.consultation)
            #expect(saved.status == .created, "\(saved.body.string)")
            let c = try saved.object()
            #expect(c["age"] as? Int == 36 && c["sex"] as? String == "female" && c["course_of_disease"] as? String == "半年")
            #expect(c["history"] as? String == "无" && c["disease_type"] as? String == "慢性胃炎" && c["concerns"] as? String == "费用和疗程")
            #expect(c["phone"] as? String == "13912345678" && c["visit_intention"] as? String == "strong")
            #expect(c["answered_by"] as? String == h.agent.id.uuidString && c["arrived"] as? Bool == false)
        }
    }

    @Test("HOS-02 the targeted fields are kept; the desk (no PII access) sees the phone masked to the last 4")
    func targeted() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            _ = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: HospitalFixture.consultation)
            let seen = try #require(try await app.send(.GET, "api/v1/consultations", as: h.guide).items().first)
            #expect(seen["health_consultation"] as? String == "饮食建议" && seen["price_comparison"] as? String == "与公立医院比较")
            #expect(seen["consumption_habits"] as? String == "医保为主" && seen["economic_status"] as? String == "一般")
            #expect(seen["person_type"] as? String == "上班族" && seen["expert_referral"] as? String == "张建国主任")
            #expect(seen["phone"] as? String == "139****5678")
            #expect((seen["address"] as? String)?.contains("张江路") == false)
        }
    }

    @Test("ORG-19 channel and media source come from the rulebook: unknown ones are 400; lists filter by them")
    func channels() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            var body = HospitalFixture.consultation
            body["channel"] = "telegram"; body["media_source"] = "tiktok"
            let refused = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: body)
            let fields = try refused.error()["fields"] as? [String: Any] ?? [:]
            #expect(refused.status == .badRequest && fields["channel"] != nil && fields["media_source"] != nil)
            body = HospitalFixture.consultation; body["channel"] = "qq"; body["media_source"] = "referral"; body["phone"] = "12"
            #expect(try await app.send(.POST, "api/v1/consultations", as: h.agent, json: body).status == .badRequest)
            body["phone"] = nil
            #expect(try await app.send(.POST, "api/v1/consultations", as: h.agent, json: body).status == .created)
            _ = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: HospitalFixture.consultation)
            #expect(try await app.send(.GET, "api/v1/consultations?channel=qq", as: h.agent).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/consultations?media_source=search", as: h.agent).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/consultations?arrived=maybe", as: h.agent).status == .badRequest)
            let page = try await app.send(.GET, "api/v1/consultations?limit=1", as: h.agent).object()
            #expect(page["next_cursor"] is String)
        }
    }

    @Test("RPT-08 the arrival rate by channel and media source counts consultations whose caller came, once each")
    func arrivalRate() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let h = try await HospitalFixture.make(app)
            let director = try await app.staff("zhuren", roles: [.csDirector])
            var ids: [String] = []
            for (channel, source) in [("phone", "search"), ("phone", "referral"), ("qq", "search")] {
                var body = HospitalFixture.consultation
                body["channel"] = channel; body["media_source"] = source
                ids.append(try #require(try await app.send(.POST, "api/v1/consultations", as: h.agent, json: body).object()["id"] as? String))
            }
            _ = try await h.walk(app, to: .desk, consultation: ids[0])
            let twice = try await app.send(.POST, "api/v1/hospital-visits", as: h.guide, json: ["appointment": true, "first_visit": false, "consultation_id": ids[0]])
            #expect(twice.status == .conflict)
            _ = try await h.walk(app, to: .gate)
            let report = try await app.send(.GET, "api/v1/reports/hospital-arrivals?from=2026-11-23&to=2026-11-23", as: director)
            #expect(report.status == .ok, "\(report.body.string)")
            let r = try report.object()
            let total = try #require(r["total"] as? [String: Any])
            #expect(total["consultations"] as? Int == 3 && total["arrived"] as? Int == 1 && total["rate"] as? String == "33.3")
            let phone = (r["by_channel"] as? [[String: Any]])?.first { $0["code"] as? String == "phone" }
            #expect(phone?["consultations"] as? Int == 2 && phone?["rate"] as? String == "50")
            let search = (r["by_media_source"] as? [[String: Any]])?.first { $0["code"] as? String == "search" }
            #expect(search?["consultations"] as? Int == 2 && search?["arrived"] as? Int == 1)
            #expect(r["walk_ins"] as? Int == 1)
            let other = try await app.send(.GET, "api/v1/reports/hospital-arrivals?from=2026-11-24&to=2026-11-24", as: director).object()
            #expect((other["total"] as? [String: Any])?["consultations"] as? Int == 0)
            #expect(try await app.send(.GET, "api/v1/reports/hospital-arrivals?from=bad", as: director).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/reports/hospital-arrivals", as: h.guide).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/consultations?arrived=true", as: h.agent).items().count == 1)
        }
    }

    @Test("RTV-14 a patient handed over gets periodic phone return visits in the return-visit queue; the job is idempotent")
    func returnVisits() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .consultingRoom)
            let visit = try await app.send(.GET, "api/v1/hospital-visits/\(id)", as: h.guide).object()
            #expect(visit["next_return_visit_at"] as? String == "2026-11-30T02:00:00Z")
            let job = HospitalReturnVisits(db: app.db, services: app.services)
            #expect(try await job.run(now: clock.now) == 0)
            clock.now = Date.t0.addingTimeInterval(7 * 86_400 + 60)
            #expect(try await job.run(now: clock.now) == 1)
            #expect(try await job.run(now: clock.now) == 0)
            let queue = try await app.send(.GET, "api/v1/return-visits?state=due", as: h.visitor).items()
            #expect(queue.count == 1, "\(queue)")
            let after = try await app.send(.GET, "api/v1/hospital-visits/\(id)", as: h.guide).object()
            #expect(after["return_visits_made"] as? Int == 1 && after["case_id"] is String)
            // The first visit is still open a week later: it is not doubled, and the schedule moves on.
            clock.now = Date.t0.addingTimeInterval(14 * 86_400 + 120)
            #expect(try await job.run(now: clock.now) == 0)
            #expect(try await app.send(.GET, "api/v1/return-visits?state=due", as: h.visitor).items().count
                    + (try await app.send(.GET, "api/v1/return-visits?state=overdue", as: h.visitor).items().count) == 1)
            app.services.rulebook.hospital.enabled = false
            clock.now = Date.t0.addingTimeInterval(30 * 86_400)
            #expect(try await job.run(now: clock.now) == 0)
        }
    }

    @Test("HOS-03 the guide desk page shows each waiting patient under its next step with that step's button")
    func deskPage() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            var web = WebSession(app)
            try await web.logIn("daoyi", h.guide.password)
            #expect(try await web.get("/").body.string.contains("href=\"/hospital\""))
            #expect(try await web.get("/front-desk").body.string.contains("id=\"hospital-button\""))
            let arrived = try await web.post("/hospital/visits", ["appointment": "false", "first_visit": "true"])
            #expect(arrived.status == .seeOther)
            let page = try await web.get("/hospital")
            #expect(page.status == .ok)
            let visit = try #require(try await HospitalVisitRecord.query(on: app.db).first())
            #expect(page.body.string.contains("id=\"desk-\(visit.id!)\"") && page.body.string.contains("id=\"gate-true-true\""))
            let skipped = try await web.post("/hospital/visits/\(visit.id!)/registration", ["paid": "1"])
            #expect(skipped.status == .unprocessableEntity)
            let triaged = try await web.post("/hospital/visits/\(visit.id!)/desk", [
                "patient_name": "李<b>", "medical_record": "1", "main_complaint": "皮疹", "media_source": "outdoor", "department": "dermatology",
                "version": "\(visit.version)"])
            #expect(triaged.status == .seeOther)
            let after = try await web.get("/hospital").body.string
            #expect(after.contains("id=\"registration-\(visit.id!)\"") && after.contains("李&lt;b&gt;"))
        }
    }

    @Test("HOS-01 the consultation page registers with the form and re-renders a refusal with what was typed")
    func consultationPage() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            var web = WebSession(app)
            try await web.logIn("zixun", h.agent.password)
            #expect(try await web.get("/hospital/consultations").body.string.contains("id=\"consultation-form\""))
            let refused = try await web.post("/hospital/consultations", ["channel": "phone", "media_source": "search", "sex": "male",
                                                                         "disease_type": "湿疹", "visit_intention": "strong", "answer": "不知道呢"])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("湿疹"))
            let saved = try await web.post("/hospital/consultations", ["channel": "phone", "media_source": "search", "sex": "male", "age": "40",
                                                                       "disease_type": "湿疹", "visit_intention": "strong", "phone": "13700001111"])
            #expect(saved.status == .seeOther)
            let page = try await web.get("/hospital/consultations").body.string
            #expect(page.contains("湿疹") && page.contains("13700001111"))
            let record = try #require(try await HospitalConsultationRecord.query(on: app.db).first())
            #expect(try await web.post("/hospital/consultations/\(record.id!)/arrive", ["appointment": "1"]).status == .seeOther)
            #expect(try await HospitalConsultationRecord.find(record.id, on: app.db)?.arrivedAt != nil)
            var director = WebSession(app)
            _ = try await app.staff("zhuren", roles: [.csDirector])
            try await director.logIn("zhuren", "secret-pass-1")
            let report = try await director.get("/reports/hospital")
            #expect(report.status == .ok && report.body.string.contains("id=\"arrival-rate\""))
        }
    }
}
