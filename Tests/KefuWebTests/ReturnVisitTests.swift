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

/// The return-visit station: visits opened on resolution, attempts, unreachable closure, follow-up of
/// unresolved and escalating outcomes, the customer file, and the weekly analysis.
@Suite("Return visits (回访): opening, attempts, closure, follow-up, weekly analysis")
struct ReturnVisitTests {
    struct Desk { let lina: TestStaff; let visitor: TestStaff; let director: TestStaff }

    func desk(_ app: Application) async throws -> Desk {
        Desk(lina: try await app.staff("lina", roles: [.agent]), visitor: try await app.staff("wuxia", roles: [.returnVisitor]),
             director: try await app.staff("wangfang", roles: [.csDirector]))
    }

    /// A case opened, taken and resolved by `staff`; returns its id.
    func resolved(_ app: Application, _ staff: TestStaff, phone: String = "13800138000", member: Bool = false) async throws -> String {
        let opened = try await app.openCase(as: staff, phone: phone)
        let id = try #require(opened["id"] as? String)
        if member, let customer = try await CustomerRecord.find(UUID(uuidString: (opened["customer"] as? [String: Any])?["id"] as? String ?? ""), on: app.db) {
            customer.isMember = true
            try await customer.save(on: app.db)
        }
        _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: staff, json: ["assignee_id": staff.id.uuidString])
        #expect(try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: staff, json: ["resolution": "已重启光猫"]).status == .ok)
        return id
    }

    func visit(_ app: Application, caseID: String, as staff: TestStaff, state: String = "due") async throws -> [String: Any] {
        let items = try await app.send(.GET, "api/v1/return-visits?state=\(state)", as: staff).items()
        return try #require(items.first { $0["case_id"] as? String == caseID })
    }

    @Test("RTV-01 resolving a case opens its return visit, due within 72 natural hours")
    func opensOnResolve() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visit = try await visit(app, caseID: id, as: desk.visitor)
            #expect(visit["due_at"] as? String == "2026-11-26T02:00:00Z")
            #expect(visit["state"] as? String == "due")
            #expect(try await app.send(.GET, "api/v1/return-visits", as: desk.lina).status == .forbidden)
            clock.now = Date.t0.addingTimeInterval(73 * 3_600)
            #expect(try await app.send(.GET, "api/v1/return-visits?state=overdue", as: desk.visitor).items().count == 1)
            #expect(try await app.send(.GET, "api/v1/return-visits?state=later", as: desk.visitor).status == .badRequest)
        }
    }

    @Test("RTV-08 RTV-11 with coverage members_only, member customers are still always visited; others are not")
    func membersAlways() async throws {
        try await withTestApp { app in
            app.services.rulebook.returnVisits.coverage = .membersOnly
            let desk = try await desk(app)
            let plain = try await resolved(app, desk.lina, phone: "13800138001")
            let member = try await resolved(app, desk.lina, phone: "13800138002", member: true)
            let cases = Set(try await app.send(.GET, "api/v1/return-visits", as: desk.visitor).items().compactMap { $0["case_id"] as? String })
            #expect(cases == [member])
            #expect(!cases.contains(plain))
        }
    }

    @Test("RTV-07 a case resolved at night is called after the rest time; an attempt posted at night is still recorded")
    func doNotCall() async throws {
        try await withTestApp { app in
            let clock = TestClock(Date.t0.addingTimeInterval(12 * 3_600))   // 22:00 Shanghai
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visit = try await visit(app, caseID: id, as: desk.visitor)
            #expect(visit["call_from"] as? String == "2026-11-24T00:00:00Z")   // 08:00 the next morning
            let attempt = try await app.send(.POST, "api/v1/return-visits/\(visit["id"] as! String)/attempts", as: desk.visitor, json: ["outcome": "no_answer"])
            #expect(attempt.status == .ok)
            #expect((try attempt.object()["attempts"] as? [[String: Any]])?.count == 1)
            let clocks = try await DeadlineClockRepository(db: app.db).clocks(subjectType: "return_visit", subjectID: UUID(uuidString: visit["id"] as! String)!)
            let warn = try #require(clocks.first?.warnAt)
            let minutes = Int(warn.timeIntervalSince(app.services.rulebook.calendar.startOfDay(app.services.rulebook.calendar.localDate(of: warn))) / 60)
            #expect(!app.services.rulebook.returnVisits.isDoNotCall(LocalTime(hour: minutes / 60, minute: minutes % 60)))
        }
    }

    @Test("RTV-03 a visit is closed as unreachable only after 3 failed attempts or a wrong number; earlier is 422 with the rule key")
    func unreachable() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            for _ in 0..<2 { _ = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: ["outcome": "no_answer"]) }
            let early = try await app.send(.POST, "api/v1/return-visits/\(visitID)/close", as: desk.visitor, json: ["as": "unreachable"])
            #expect(early.status == .unprocessableEntity)
            #expect((try early.object()["error"] as? [String: Any])?["rule"] as? String == "return_visits.max_attempts")
            _ = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: ["outcome": "busy"])
            let closed = try await app.send(.POST, "api/v1/return-visits/\(visitID)/close", as: desk.visitor, json: ["as": "unreachable"])
            #expect(closed.status == .ok)
            #expect(try closed.object()["state"] as? String == "unreachable")
            #expect(try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: ["outcome": "reached", "satisfaction": "satisfied"]).status == .conflict)
            // A wrong number may be closed at once.
            let other = try await resolved(app, desk.lina, phone: "13900139000")
            let otherID = try await visit(app, caseID: other, as: desk.visitor)["id"] as! String
            _ = try await app.send(.POST, "api/v1/return-visits/\(otherID)/attempts", as: desk.visitor, json: ["outcome": "wrong_number"])
            #expect(try await app.send(.POST, "api/v1/return-visits/\(otherID)/close", as: desk.visitor, json: ["as": "unreachable"]).status == .ok)
        }
    }

    @Test("RTV-03 up to 5 attempts may be configured: with 5, three failures are not enough")
    func configuredAttempts() async throws {
        try await withTestApp { app in
            app.services.rulebook.returnVisits.maxAttempts = 5
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            for _ in 0..<3 { _ = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: ["outcome": "no_answer"]) }
            #expect(try await app.send(.POST, "api/v1/return-visits/\(visitID)/close", as: desk.visitor, json: ["as": "unreachable"]).status == .unprocessableEntity)
        }
    }

    @Test("RTV-12 RTV-13 a reached customer's satisfaction is recorded with the survey, and the customer file keeps what they said")
    func reached() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            let path = "api/v1/return-visits/\(visitID)/attempts"
            #expect(try await app.send(.POST, path, as: desk.visitor, json: ["outcome": "reached"]).status == .badRequest)
            #expect(try await app.send(.POST, path, as: desk.visitor, json: ["outcome": "reached", "survey": [
                "attitude": "great", "technical": "satisfied", "arrival_time": "satisfied", "promise": "satisfied"]]).status == .badRequest)
            let done = try await app.send(.POST, path, as: desk.visitor, json: ["outcome": "reached", "resolved": true, "note": "希望上门更快一些", "survey": [
                "attitude": "very_satisfied", "technical": "satisfied", "arrival_time": "average", "promise": "satisfied"]])
            #expect(done.status == .ok, "\(done.body.string)")
            #expect(try done.object()["state"] as? String == "done")
            #expect(try done.object()["satisfaction"] as? String == "average")
            #expect(try await SurveyRecord.query(on: app.db).count() == 1)
            let notes = try await CustomerNoteRecord.query(on: app.db).all().map(\.body)
            #expect(notes.contains { $0.contains("希望上门更快一些") })
        }
    }

    @Test("RTV-04 an unresolved outcome reopens the case, an escalation opens a complaint; both send written feedback to the CS director")
    func feedback() async throws {
        try await withTestApp { app in
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            _ = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: [
                "outcome": "reached", "satisfaction": "unsatisfied", "resolved": false, "note": "还是上不了网"])
            #expect(try await app.send(.GET, "api/v1/cases/\(id)", as: desk.lina).object()["status"] as? String == "in_progress")
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: desk.director.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "return_visit.feedback" })
            let other = try await resolved(app, desk.lina, phone: "13900139001")
            let otherVisit = try await visit(app, caseID: other, as: desk.visitor)["id"] as! String
            _ = try await app.send(.POST, "api/v1/return-visits/\(otherVisit)/attempts", as: desk.visitor, json: [
                "outcome": "reached", "satisfaction": "unsatisfied", "resolved": true, "escalate": true, "note": "投诉维修人员态度"])
            let complaints = try await CaseRecord.query(on: app.db).filter(\.$type == "complaint").all()
            #expect(complaints.count == 1)
            #expect(try await CaseLinkRecord.query(on: app.db).filter(\.$kind == "escalated_from").count() == 1)
        }
    }

    @Test("RTV-10 a busy customer books another time; the visit shows under rescheduled")
    func rescheduled() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let desk = try await desk(app)
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            #expect(try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: [
                "outcome": "busy", "book_at": "2026-11-22T10:00:00+08:00"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: [
                "outcome": "busy", "book_at": "2026-11-24T15:00:00+08:00"]).status == .ok)
            let booked = try await app.send(.GET, "api/v1/return-visits?state=rescheduled", as: desk.visitor).items()
            #expect(booked.first?["booked_at"] as? String == "2026-11-24T07:00:00Z")
        }
    }

    @Test("RTV-06 RTV-02 the weekly analysis is delivered once to the CS director and counts the week's visits and rate")
    func weekly() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)   // Monday 2026-11-23
            app.services.now = { clock.now }
            let desk = try await desk(app)
            clock.now = Date.t0.addingTimeInterval(-3 * 86_400)   // Friday of last week
            let id = try await resolved(app, desk.lina)
            let visitID = try await visit(app, caseID: id, as: desk.visitor)["id"] as! String
            _ = try await app.send(.POST, "api/v1/return-visits/\(visitID)/attempts", as: desk.visitor, json: ["outcome": "reached", "satisfaction": "satisfied"])
            clock.now = .t0
            #expect(try await ReturnVisitWeeks(db: app.db, services: app.services).openDue(now: clock.now) == "2026-11-16")
            #expect(try await ReturnVisitWeeks(db: app.db, services: app.services).openDue(now: clock.now) == nil)
            let inbox = try await NotificationRepository(db: app.db).inbox(userID: desk.director.id, unreadOnly: true, after: nil, limit: 20)
            #expect(inbox.items.contains { $0.kind == "return_visit.weekly" })
            let stats = try await app.send(.GET, "api/v1/return-visits/weekly?week=2026-11-18", as: desk.director).object()
            #expect(stats["week_start"] as? String == "2026-11-16")
            #expect(stats["opened"] as? Int == 1)
            #expect(stats["done"] as? Int == 1)
            #expect(stats["satisfied"] as? Int == 1)
            #expect(stats["rate_percent"] as? Int == 100)
            #expect(stats["target_percent"] as? Int == 100)
        }
    }
}
