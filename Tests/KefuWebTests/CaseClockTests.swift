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

@Suite("Case clocks: first response, dispatch, pause, breach, appointment")
struct CaseClockTests {
    func clocks(_ app: Application, _ id: String) async throws -> [String: DeadlineClock] {
        let all = try await DeadlineClockRepository(db: app.db).clocks(subjectType: "case", subjectID: UUID(uuidString: id)!)
        return Dictionary(all.map { ($0.kind, $0) }, uniquingKeysWith: { a, _ in a })
    }

    @Test("CHN-16 a chat case must get its first response within 60 seconds; other channels follow cases.first_response_within")
    func chatSixtySeconds() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let chat = try await app.openCase(as: lina, channel: "chat")
            let phone = try await app.openCase(as: lina, phone: "13900001111")
            let chatClock = try #require(try await clocks(app, chat["id"] as! String)["first_response"])
            #expect(chatClock.dueAt == Date.t0.addingTimeInterval(60))
            #expect(chatClock.ruleKey == "deadlines.chat_first_response_within")
            let phoneClock = try #require(try await clocks(app, phone["id"] as! String)["first_response"])
            #expect(phoneClock.ruleKey == "cases.first_response_within")
            #expect(phoneClock.dueAt == app.services.rulebook.calendar.deadline(from: .t0, adding: app.services.rulebook.cases.firstResponseWithin))
        }
    }

    @Test("CHN-13 the dispatch clock is met when the case is assigned; CMP-22 a complaint's is 60 minutes")
    func dispatch() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let opened = try await app.openCase(as: lina)
            let complaint = try await app.openCase(as: lina, type: "complaint", phone: "13900001111")
            let id = opened["id"] as! String
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            #expect(try await clocks(app, id)["dispatch"]?.state == .met)
            let complaintDispatch = try #require(try await clocks(app, complaint["id"] as! String)["dispatch"])
            #expect(complaintDispatch.dueAt == Date.t0.addingTimeInterval(3_600))
        }
    }

    @Test("CHN-19 a customer-facing reply meets the first-response clock; an internal note does not")
    func firstResponse() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina)["id"] as! String
            _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "内部备注"])
            #expect(try await clocks(app, id)["first_response"]?.state == .running)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "您好，已为您登记", "internal": false])
            #expect(try await clocks(app, id)["first_response"]?.state == .met)
        }
    }

    @Test("Waiting for the customer pauses the business clocks; resuming moves their due time by the pause")
    func pauseResume() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina)["id"] as! String
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            let before = try #require(try await clocks(app, id)["resolve"])
            let paused = try await app.send(.POST, "api/v1/cases/\(id)/pause", as: lina, json: ["reason": "等待客户提供发票照片"])
            #expect(try paused.object()["status"] as? String == "pending_customer")
            #expect(try await clocks(app, id)["resolve"]?.state == .paused)
            clock.now = Date.t0.addingTimeInterval(3_600)  // one business hour later (Monday 11:00)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/resume", as: lina)
            let after = try #require(try await clocks(app, id)["resolve"])
            #expect(after.state == .running)
            #expect(after.dueAt > before.dueAt)
            #expect(try await app.send(.POST, "api/v1/cases/\(id)/pause", as: lina, json: ["reason": ""]).status == .badRequest)
        }
    }

    @Test("A breached clock marks the case, tells the holder and the team leaders, and the breached filter finds it")
    func breach() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let leader = try await app.staff("leader", roles: [.teamLeader], departmentID: cs)
            let id = try await app.openCase(as: lina)["id"] as! String
            clock.now = Date.t0.addingTimeInterval(2 * 86_400)
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            let breached = try await app.send(.GET, "api/v1/cases?breached=true", as: lina)
            #expect(try breached.items().compactMap { $0["id"] as? String } == [id])
            let notices = try await NotificationRepository(db: app.db).inbox(userID: leader.id, unreadOnly: true, after: nil, limit: 20)
            #expect(notices.items.contains { $0.kind == "case.deadline_breach" })
            #expect(try await app.send(.GET, "api/v1/cases?breached=false", as: lina).items().isEmpty)
        }
    }

    @Test("CHN-21 an appointment reminds the assignee before it is due, at the rulebook's time")
    func appointment() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let lina = try await app.staff("lina", roles: [.agent])
            let at = Date.t0.addingTimeInterval(4 * 3_600)
            let formatter = ISO8601DateFormatter()
            let id = try await app.openCase(as: lina, extra: ["appointment_at": formatter.string(from: at)])["id"] as! String
            // Dispatched and answered at once, so only the appointment clock is left to reach its time.
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/notes", as: lina, json: ["body": "已约定下午回电", "internal": false])
            let reminder = try #require(try await clocks(app, id)["appointment"])
            #expect(reminder.warnAt == at.addingTimeInterval(-30 * 60))
            clock.now = at.addingTimeInterval(-29 * 60)
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            let notices = try await NotificationRepository(db: app.db).inbox(userID: lina.id, unreadOnly: true, after: nil, limit: 20)
            #expect(notices.items.contains { $0.titleKey == "notice.case_appointment_soon" })
            clock.now = at.addingTimeInterval(60)
            _ = try await ScanDeadlines(db: app.db, services: app.services).run(now: clock.now)
            #expect(try await CaseRecord.find(UUID(uuidString: id)!, on: app.db)?.breachedAt == nil, "an appointment reaching its time is a reminder, not a breach")
            let past = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "query", "channel": "phone", "subject": "回电", "customer_id": UUID().uuidString,
                "appointment_at": formatter.string(from: Date.t0.addingTimeInterval(-60))])
            #expect(past.status == .badRequest)
        }
    }

    @Test("CMP-30 a complaint is closed within 6 natural days of acceptance: the close clock runs from creation and is met by closing")
    func complaintClose() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let id = try await app.openCase(as: lina, type: "complaint")["id"] as! String
            let close = try #require(try await clocks(app, id)["close"])
            #expect(close.dueAt == Date.t0.addingTimeInterval(6 * 86_400))
            #expect(close.ruleKey == "complaints.close_within")
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "已按合同赔偿"])
            #expect(try await clocks(app, id)["close"]?.state == .running)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/close", as: lina)
            #expect(try await clocks(app, id)["close"]?.state == .met)
            #expect(try await clocks(app, try await app.openCase(as: lina, phone: "13900001111")["id"] as! String)["close"] == nil)
        }
    }
}
