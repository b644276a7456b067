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

/// Satisfaction surveys: the 4 × 4 form, its scale, the routing of opinions, the per-person aggregate and
/// the customer's one-time link.
@Suite("Satisfaction surveys (SAT): scale, routing, aggregate, one-time customer link")
struct SurveyTests {
    func resolvedCase(_ app: Application, _ staff: TestStaff) async throws -> String {
        let id = try #require(try await app.openCase(as: staff)["id"] as? String)
        _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: staff, json: ["assignee_id": staff.id.uuidString])
        _ = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: staff, json: ["resolution": "已处理"])
        return id
    }

    let good: [String: Any] = ["attitude": "very_satisfied", "technical": "satisfied", "arrival_time": "satisfied", "promise": "very_satisfied"]

    @Test("SAT-05 SAT-06 the survey rates attitude, technique, arrival time and promised matters on 4 levels; off the scale is 400")
    func fourByFour() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let open = try #require(try await app.openCase(as: lina, phone: "13900000001")["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/cases/\(open)/survey", as: lina, json: good).status == .conflict)
            let id = try await resolvedCase(app, lina)
            var missing = good
            missing["promise"] = nil
            let refused = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: missing)
            #expect(refused.status == .badRequest)
            #expect(((try refused.object()["error"] as? [String: Any])?["fields"] as? [String: Any])?["promise"] != nil)
            var off = good
            off["attitude"] = "excellent"
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: off).status == .badRequest)
            let created = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: good)
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try created.object()["arrival_time"] as? String == "satisfied")
            #expect(try await app.send(.GET, "api/v1/cases/\(id)/surveys", as: lina).items().count == 1)
        }
    }

    @Test("SAT-11 with the 3-outcome scale, very_satisfied is off the scale and unsatisfied is its worst level")
    func threeLevel() async throws {
        try await withTestApp { app in
            app.services.rulebook.surveys.scale = .threeLevel
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await resolvedCase(app, lina)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: good).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: [
                "attitude": "unsatisfied", "technical": "average", "arrival_time": "satisfied", "promise": "satisfied"]).status == .created)
        }
    }

    @Test("SAT-07 SAT-08 an especially serious opinion goes to the VP at once, a general one to the CS department; the result goes back to the customer")
    func routing() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let vp = try await app.staff("heyong", roles: [.vp])
            let director = try await app.staff("wangfang", roles: [.csDirector])
            let id = try await resolvedCase(app, lina)
            var serious = good
            serious["comment"] = "维修人员索要好处费"
            serious["serious"] = true
            let created = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: serious).object()
            #expect(try await NotificationRepository(db: app.db).inbox(userID: vp.id, unreadOnly: true, after: nil, limit: 10).items.contains { $0.kind == "survey.serious" })
            var general = good
            general["comment"] = "希望周末也能上门"
            _ = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: general)
            #expect(try await NotificationRepository(db: app.db).inbox(userID: director.id, unreadOnly: true, after: nil, limit: 10).items.contains { $0.kind == "survey.opinion" })
            let result = "api/v1/surveys/\(created["id"] as! String)/result"
            let sent = try await app.send(.POST, result, as: lina, json: ["channel": "letter", "content": "已查实并处理该维修人员，特此函告。"])
            #expect(sent.status == .ok, "\(sent.body.string)")
            #expect(try sent.object()["result_channel"] as? String == "letter")
            #expect(try await app.send(.POST, result, as: lina, json: ["channel": "phone", "content": "again"]).status == .conflict)
        }
    }

    @Test("SAT-03 every survey adds to the service person's monthly aggregate")
    func aggregate() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let director = try await app.staff("wangfang", roles: [.csDirector])
            let id = try await resolvedCase(app, lina)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: good)   // 4+3+3+4 of 16
            _ = try await app.send(.POST, "api/v1/cases/\(id)/survey", as: lina, json: [
                "attitude": "poor", "technical": "poor", "arrival_time": "poor", "promise": "poor"])   // 4 of 16
            let months = try await app.send(.GET, "api/v1/surveys/person-months?month=2026-11", as: director).items()
            let row = try #require(months.first { $0["person_id"] as? String == lina.id.uuidString })
            #expect(row["surveys"] as? Int == 2)
            #expect(row["score_percent"] as? Int == 56)   // 18 of 32
            #expect(row["poor"] as? Int == 1)
            // The poor survey is proposed to quality inspection.
            #expect(try await QualityFlagRecord.query(on: app.db).filter(\.$reason == "poor_survey").count() == 1)
            #expect(try await app.send(.GET, "api/v1/surveys/person-months?month=November", as: director).status == .badRequest)
        }
    }

    @Test("SAT-04 the customer answers once through a link that expires; a reused or expired link is refused")
    func customerLink() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await resolvedCase(app, lina)
            let link = try await app.send(.POST, "api/v1/cases/\(id)/survey-links", as: lina).object()
            let url = try #require(link["url"] as? String)
            #expect(link["expires_at"] as? String == "2026-11-30T02:00:00Z")
            let page = try await app.sendRequest(.GET, url)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("survey-form"))
            let cookie = try #require(page.headers.setCookie?["kefu_csrf"]?.string)
            func post(_ form: String) async throws -> TestingHTTPResponse {
                try await app.sendRequest(.POST, url, headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "kefu_csrf=\(cookie)"],
                                          body: ByteBuffer(string: "csrf_token=\(cookie)&" + form))
            }
            let bad = try await post("attitude=great&technical=satisfied&arrival_time=satisfied&promise=satisfied")
            #expect(bad.status == .badRequest)
            let answered = try await post("attitude=satisfied&technical=satisfied&arrival_time=average&promise=satisfied&comment=%E5%BE%88%E5%A5%BD")
            #expect(answered.status == .ok)
            let survey = try #require(try await SurveyRecord.query(on: app.db).first())
            #expect(survey.source == "customer")
            #expect(survey.comment == "很好")
            #expect(try await post("attitude=satisfied&technical=satisfied&arrival_time=average&promise=satisfied").status == .gone)
            #expect(try await app.sendRequest(.GET, url).status == .gone)
            let second = try await app.send(.POST, "api/v1/cases/\(id)/survey-links", as: lina).object()["url"] as! String
            clock.now = Date.t0.addingTimeInterval(8 * 86_400)
            #expect(try await app.sendRequest(.GET, second).status == .gone)
            #expect(try await app.sendRequest(.GET, "/survey/not-a-token").status == .notFound)
        }
    }

    @Test("The customer's survey page is rate-limited per address")
    func rateLimited() async throws {
        try await withTestApp { app in
            var statuses: [HTTPStatus] = []
            for _ in 0..<32 { statuses.append(try await app.sendRequest(.GET, "/survey/unknown-token").status) }
            #expect(statuses.prefix(30).allSatisfy { $0 == .notFound })
            #expect(statuses.last == .tooManyRequests)
        }
    }
}
