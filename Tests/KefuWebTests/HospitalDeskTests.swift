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

/// The hospital guide desk (HOS-03..10): the visit through the guidance flow, mode off, roles, referrals.
@Suite("Hospital guide desk (HOS)")
struct HospitalDeskTests {
    @Test("HOS-03 with hospital mode off every hospital route and page answers 404, and no link shows")
    func modeOff() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app, enabled: false)
            #expect(try await app.send(.POST, "api/v1/hospital-visits", as: h.guide, json: ["appointment": true, "first_visit": true]).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/consultations", as: h.agent).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/consultations", as: h.agent, json: HospitalFixture.consultation).status == .notFound)
            #expect(try await app.send(.GET, "api/v1/reports/hospital-arrivals", as: h.guide).status != .ok)
            var web = WebSession(app)
            try await web.logIn("daoyi", h.guide.password)
            #expect(try await web.get("/hospital").status == .notFound)
            #expect(try await web.get("/hospital/consultations").status == .notFound)
            #expect(!(try await web.get("/").body.string.contains("href=\"/hospital\"")))
            #expect(!(try await web.get("/front-desk").body.string.contains("id=\"hospital-button\"")))
        }
    }

    @Test("HOS-03 a role without hospital.desk is refused 403 (the department's doctor may still send a request)")
    func wrongRole() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            #expect(try await app.send(.POST, "api/v1/hospital-visits", as: h.finance, json: ["appointment": true, "first_visit": true]).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/consultations", as: h.finance).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/consultations", as: h.doctor, json: HospitalFixture.consultation).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/hospital-requests", as: h.doctor, json: ["content": "请安排导医"]).status == .created)
        }
    }

    @Test("HOS-05 the gate records appointment and first visit (both required) and who opened the visit when")
    func gate() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let h = try await HospitalFixture.make(app)
            let missing = try await app.send(.POST, "api/v1/hospital-visits", as: h.guide, json: ["appointment": true])
            #expect(missing.status == .badRequest && missing.body.string.contains("first_visit"))
            let opened = try await app.send(.POST, "api/v1/hospital-visits", as: h.guide, json: ["appointment": false, "first_visit": true])
            #expect(opened.status == .created)
            let visit = try opened.object()
            #expect(visit["state"] as? String == "gate" && visit["next_step"] as? String == "desk")
            #expect(visit["appointment"] as? Bool == false && visit["first_visit"] as? Bool == true)
            let gateStep = try #require((visit["steps"] as? [String: Any])?["gate"] as? [String: Any])
            #expect(gateStep["by"] as? String == h.guide.id.uuidString && gateStep["at"] as? String == "2026-11-23T02:00:00Z")
        }
    }

    @Test("HOS-06 the desk records the medical record, main complaint, media source and triage; unknown values are 400")
    func desk() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .gate)
            var body = HospitalFixture.desk
            body["media_source"] = "tiktok"; body["department"] = "cardiology"; body["medical_record"] = false
            let refused = try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: body)
            #expect(refused.status == .badRequest)
            let fields = try refused.error()["fields"] as? [String: Any] ?? [:]
            #expect(fields["media_source"] != nil && fields["department"] != nil && fields["medical_record"] != nil)
            body = HospitalFixture.desk; body["expert"] = "不存在的专家"
            #expect(try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: body).status == .badRequest)
            let done = try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: HospitalFixture.desk)
            #expect(done.status == .ok)
            let visit = try done.object()
            #expect(visit["main_complaint"] as? String == "胃痛三个月" && visit["media_source"] as? String == "search")
            #expect(visit["department"] as? String == "internal" && visit["expert"] as? String == "张建国主任")
            #expect(visit["medical_record"] as? Bool == true && visit["next_step"] as? String == "registration")
        }
    }

    @Test("HOS-03 a skipped or repeated step is 422 naming hospital.flow, and nothing changes")
    func skipped() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .gate)
            let skipped = try await app.send(.POST, "api/v1/hospital-visits/\(id)/registration", as: h.guide, json: ["paid": true])
            #expect(skipped.status == .unprocessableEntity)
            #expect(try skipped.error()["rule"] as? String == "hospital.flow")
            let room = try await app.send(.POST, "api/v1/hospital-visits/\(id)/consulting-room", as: h.guide, json: ["handed_to": "director", "handed_to_name": "张"])
            #expect(room.status == .unprocessableEntity)
            #expect(try await app.send(.GET, "api/v1/hospital-visits/\(id)", as: h.guide).object()["state"] as? String == "gate")
            _ = try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: HospitalFixture.desk)
            #expect(try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: HospitalFixture.desk).status == .unprocessableEntity)
            #expect(try await app.send(.POST, "api/v1/hospital-visits/\(UUID())/desk", as: h.guide, json: HospitalFixture.desk).status == .notFound)
        }
    }

    @Test("HOS-07 registration needs the payment, records the experts' introduction and who did it")
    func registration() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .desk)
            let unpaid = try await app.send(.POST, "api/v1/hospital-visits/\(id)/registration", as: h.guide, json: ["paid": false])
            #expect(unpaid.status == .badRequest)
            let paid = try await app.send(.POST, "api/v1/hospital-visits/\(id)/registration", as: h.agent, json: ["paid": true, "experts_introduced": true])
            #expect(paid.status == .ok)
            let visit = try paid.object()
            #expect(visit["paid"] as? Bool == true && visit["experts_introduced"] as? Bool == true && visit["next_step"] as? String == "consulting_room")
            #expect(((visit["steps"] as? [String: Any])?["registration"] as? [String: Any])?["by"] as? String == h.agent.id.uuidString)
        }
    }

    @Test("HOS-08 the hand-over names the 主任 or 医助; then the flow is over and the guide is back at the post")
    func handOver() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .registration)
            let unknown = try await app.send(.POST, "api/v1/hospital-visits/\(id)/consulting-room", as: h.guide, json: ["handed_to": "nurse", "handed_to_name": "小王"])
            #expect(unknown.status == .badRequest)
            let done = try await app.send(.POST, "api/v1/hospital-visits/\(id)/consulting-room", as: h.guide, json: ["handed_to": "assistant", "handed_to_name": "医助小王"])
            #expect(done.status == .ok)
            let visit = try done.object()
            #expect(visit["state"] as? String == "consulting_room")
            #expect(visit["next_step"] == nil || visit["next_step"] is NSNull)
            #expect(visit["handed_to"] as? String == "assistant" && visit["handed_to_name"] as? String == "医助小王")
            let leave = try await app.send(.POST, "api/v1/hospital-visits/\(id)/leave", as: h.guide, json: ["reason": "x"])
            #expect(try leave.status == .unprocessableEntity && (leave.error()["rule"] as? String) == "hospital.flow")
        }
    }

    @Test("HOS-03 of two guides pressing the same step at once exactly one wins")
    func concurrent() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let id = try await h.walk(app, to: .desk)
            async let first = app.send(.POST, "api/v1/hospital-visits/\(id)/registration", as: h.guide, json: ["paid": true, "version": 2])
            async let second = app.send(.POST, "api/v1/hospital-visits/\(id)/registration", as: h.agent, json: ["paid": true, "version": 2])
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.allSatisfy { [.ok, .conflict, .unprocessableEntity].contains($0) })
        }
    }

    @Test("HOS-09 an answer saying 不知道 is refused; the question is referred to a department that is told")
    func referral() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            var body = HospitalFixture.consultation
            body["answer"] = "这个我不知道"
            let refused = try await app.send(.POST, "api/v1/consultations", as: h.agent, json: body)
            #expect(try refused.status == .unprocessableEntity && (refused.error()["rule"] as? String) == "hospital.forbidden_phrases")
            #expect(try await app.send(.POST, "api/v1/hospital-referrals", as: h.guide, json: ["content": "医保比例？"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/hospital-referrals", as: h.guide, json: ["content": "医保比例？", "department_id": UUID().uuidString]).status == .badRequest)
            let referred = try await app.send(.POST, "api/v1/hospital-referrals", as: h.guide, json: ["content": "异地医保结算比例是多少？", "department_id": h.clinical.uuidString])
            #expect(referred.status == .created)
            #expect(try referred.object()["department_name"] as? String == "门诊内科")
            let inbox = try await app.send(.GET, "api/v1/notifications", as: h.doctor).items()
            #expect(inbox.contains { $0["kind"] as? String == "hospital.referral" })
            #expect(try await app.send(.GET, "api/v1/hospital-referrals", as: h.guide).items().count == 1)
        }
    }

    @Test("HOS-10 a clinical department's request reaches the desk, which accepts it (once) and the requester is told")
    func clinicalRequest() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            #expect(try await app.send(.POST, "api/v1/hospital-requests", as: h.doctor, json: ["content": " "]).status == .badRequest)
            let made = try await app.send(.POST, "api/v1/hospital-requests", as: h.doctor, json: ["content": "明早专家会诊，请引导三位复诊患者"])
            #expect(made.status == .created)
            let id = try #require(try made.object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/notifications", as: h.guide).items().contains { $0["kind"] as? String == "hospital.clinical_request" })
            #expect(try await app.send(.GET, "api/v1/hospital-requests?state=open", as: h.guide).items().count == 1)
            #expect(try await app.send(.POST, "api/v1/hospital-requests/\(id)/accept", as: h.doctor).status == .forbidden)
            let accepted = try await app.send(.POST, "api/v1/hospital-requests/\(id)/accept", as: h.guide)
            #expect(try accepted.status == .ok && (accepted.object()["state"] as? String) == "accepted")
            #expect(try await app.send(.POST, "api/v1/hospital-requests/\(id)/accept", as: h.guide).status == .conflict)
            #expect(try await app.send(.GET, "api/v1/notifications", as: h.doctor).items().contains { $0["kind"] as? String == "hospital.request_accepted" })
        }
    }

    @Test("HOS-10 a clinical department sends its request from its own page and sees the desk accept it")
    func requestPage() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            var doctor = WebSession(app)
            try await doctor.logIn("yisheng", h.doctor.password)
            #expect(try await doctor.get("/").body.string.contains("href=\"/hospital/requests\""))
            #expect(try await doctor.get("/hospital").status == .forbidden)
            #expect(try await doctor.post("/hospital/requests", ["content": " "]).status == .badRequest)
            #expect(try await doctor.post("/hospital/requests", ["content": "请导医台协助引导体检人员"]).status == .seeOther)
            let request = try #require(try await HospitalRequestRecord.query(on: app.db).first())
            var desk = WebSession(app)
            try await desk.logIn("daoyi", h.guide.password)
            #expect(try await desk.get("/hospital").body.string.contains("id=\"accept-\(request.id!)\""))
            #expect(try await desk.post("/hospital/requests/\(request.id!)/accept", [:]).status == .seeOther)
            #expect(try await doctor.get("/hospital/requests").body.string.contains("Daoyi"))
        }
    }

    @Test("HOS-06 a phone left empty at the desk keeps the one the consultation brought")
    func keepsConsultationPhone() async throws {
        try await withTestApp { app in
            let h = try await HospitalFixture.make(app)
            let consultation = try #require(try await app.send(.POST, "api/v1/consultations", as: h.agent, json: HospitalFixture.consultation).object()["id"] as? String)
            let id = try await h.walk(app, to: .gate, consultation: consultation)
            var body = HospitalFixture.desk
            body["phone"] = nil
            #expect(try await app.send(.POST, "api/v1/hospital-visits/\(id)/desk", as: h.guide, json: body).status == .ok)
            #expect(try await HospitalVisitRecord.find(UUID(uuidString: id), on: app.db)?.phone == "13912345678")
        }
    }
}
