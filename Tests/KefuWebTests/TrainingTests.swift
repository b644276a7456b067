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

/// Training (TRN): the timetable, archived results and mentors of newcomers.
@Suite("Training (TRN)")
struct TrainingTests {
    struct People { let director: TestStaff, lina: TestStaff, wang: TestStaff, newbie: TestStaff }

    func people(_ app: Application) async throws -> People {
        People(director: try await app.staff("zhuren", roles: [.csDirector]), lina: try await app.staff("lina", roles: [.agent]),
               wang: try await app.staff("wang", roles: [.agent]), newbie: try await app.staff("xinren", roles: [.agent]))
    }

    func session(_ p: People, starts: String = "2026-11-24T06:00:00Z", ends: String = "2026-11-24T08:00:00Z") -> [String: Any] {
        ["title": "宽带新资费", "content": "12月宽带资费调整及答复口径", "trainer": "王芳", "kind": "business", "starts_at": starts, "ends_at": ends,
         "trainee_ids": [p.lina.id.uuidString, p.wang.id.uuidString]]
    }

    @Test("TRN-04 a session on the timetable has time, content and trainer; trainees are told and see only their own sessions")
    func timetable() async throws {
        try await withTestApp { app in
            // The list shows sessions from 30 days before now: the test's sessions are dated, so is its clock.
            app.services.now = { .t0 }
            let p = try await people(app)
            #expect(try await app.send(.POST, "api/v1/training-sessions", as: p.lina, json: session(p)).status == .forbidden)
            var bad = session(p)
            bad["ends_at"] = "2026-11-24T05:00:00Z"
            let refused = try await app.send(.POST, "api/v1/training-sessions", as: p.director, json: bad)
            #expect(refused.status == .badRequest && refused.body.string.contains("ends_at"))
            bad = session(p)
            bad["trainee_ids"] = [UUID().uuidString]
            #expect(try await app.send(.POST, "api/v1/training-sessions", as: p.director, json: bad).status == .badRequest)
            let created = try await app.send(.POST, "api/v1/training-sessions", as: p.director, json: session(p))
            #expect(created.status == .created, "\(created.body.string)")
            let id = try #require(try created.object()["id"] as? String)
            #expect(try await app.send(.GET, "api/v1/notifications", as: p.lina).items().contains { $0["kind"] as? String == "training.scheduled" })
            #expect(try await app.send(.GET, "api/v1/training-sessions", as: p.lina).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/training-sessions", as: p.newbie).items().isEmpty)
            #expect(try await app.send(.GET, "api/v1/training-sessions/\(id)", as: p.newbie).status == .notFound)
            let mine = try await app.send(.GET, "api/v1/training-sessions/\(id)", as: p.lina).object()
            #expect((mine["trainees"] as? [Any])?.count == 1)
        }
    }

    @Test("TRN-01 results are recorded after the session started and archived: a second record is refused")
    func results() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let p = try await people(app)
            let id = try #require(try await app.send(.POST, "api/v1/training-sessions", as: p.director, json: session(p)).object()["id"] as? String)
            let early = try await app.send(.POST, "api/v1/training-sessions/\(id)/results", as: p.director, json: ["user_id": p.lina.id.uuidString, "result": "passed"])
            #expect(early.status == .conflict)
            clock.now = Date.t0.addingTimeInterval(30 * 3_600)   // the next day, after the session started
            #expect(try await app.send(.POST, "api/v1/training-sessions/\(id)/results", as: p.director,
                                       json: ["user_id": p.newbie.id.uuidString, "result": "passed"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/training-sessions/\(id)/results", as: p.director,
                                       json: ["user_id": p.lina.id.uuidString, "result": "passed", "score": 101]).status == .badRequest)
            let recorded = try await app.send(.POST, "api/v1/training-sessions/\(id)/results", as: p.director,
                                              json: ["user_id": p.lina.id.uuidString, "result": "passed", "score": 92])
            #expect(recorded.status == .ok)
            #expect(try await app.send(.POST, "api/v1/training-sessions/\(id)/results", as: p.director,
                                       json: ["user_id": p.lina.id.uuidString, "result": "failed"]).status == .conflict)
            let archived = try await TrainingQueries(db: app.db).results(of: p.lina.id)
            #expect(archived.first?.result == "passed" && archived.first?.score == 92)
        }
    }

    @Test("TRN-03 a newcomer gets one mentor at a time from the experienced staff; one mentor may have several")
    func mentors() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let probationer = try await app.staff("shiyong", roles: [.agent])
            let record = try #require(try await UserRecord.find(probationer.id, on: app.db))
            record.grade = Grade.probation.rawValue
            try await record.save(on: app.db)
            #expect(try await app.send(.POST, "api/v1/mentorships", as: p.director,
                                       json: ["mentor_id": probationer.id.uuidString, "mentee_id": p.newbie.id.uuidString]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/mentorships", as: p.director,
                                       json: ["mentor_id": p.lina.id.uuidString, "mentee_id": p.lina.id.uuidString]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/mentorships", as: p.director,
                                       json: ["mentor_id": p.lina.id.uuidString, "mentee_id": p.newbie.id.uuidString]).status == .created)
            #expect(try await app.send(.POST, "api/v1/mentorships", as: p.director,
                                       json: ["mentor_id": p.wang.id.uuidString, "mentee_id": p.newbie.id.uuidString]).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/mentorships", as: p.director,
                                       json: ["mentor_id": p.lina.id.uuidString, "mentee_id": probationer.id.uuidString]).status == .created)
            #expect(try await app.send(.GET, "api/v1/mentorships", as: p.newbie).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/mentorships", as: p.lina).items().count == 2)
        }
    }

    @Test("TRN-02 the training page: a refused session form keeps what was typed; a session planned from a QA week lists its trainees")
    func pages() async throws {
        try await withTestApp { app in
            let p = try await people(app)
            let plan = QualityTrainingPlanRecord()
            plan.weekStart = "2026-11-16"; plan.target = "all"; plan.plan = "服务用语不规范：加强礼貌用语训练"; plan.authorID = p.director.id; plan.updatedAt = app.services.now()
            try await plan.create(on: app.db)
            var web = WebSession(app)
            try await web.logIn("zhuren", "secret-pass-1")
            try await web.get("/training")
            let refused = try await web.post("/training", ["title": "系统操作", "content": "新工单系统", "trainer": "李明", "kind": "system",
                                                           "starts_at": "2026-11-25T14:00", "ends_at": "2026-11-25T13:00", "trainee_ids[]": p.lina.id.uuidString])
            #expect(refused.status == .badRequest && refused.body.string.contains("新工单系统"))
            #expect(try await web.get("/training").body.string.contains("服务用语不规范"))
            let ok = try await web.post("/training", ["title": "系统操作", "content": "新工单系统", "trainer": "李明", "kind": "system",
                                                      "starts_at": "2026-11-25T14:00", "ends_at": "2026-11-25T16:00", "trainee_ids[]": p.lina.id.uuidString,
                                                      "qa_week": "2026-11-16"])
            #expect(ok.status == .seeOther)
            let location = try #require(ok.headers.first(name: .location))
            let page = try await web.get(String(location.split(separator: "?")[0]))
            #expect(page.body.string.contains("Lina") && page.body.string.contains("李明") && page.body.string.contains("2026-11-16"))
        }
    }
}
