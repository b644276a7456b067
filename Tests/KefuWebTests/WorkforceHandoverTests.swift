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

@Suite("Workforce: handovers (交接日志, SHF-04/05/06)")
struct WorkforceHandoverTests {
    func handover(_ app: Application, _ cast: ShiftCast, template: String, extra: [String: Any] = [:]) async throws -> [String: Any] {
        var body: [String: Any] = ["shift_date": "2026-11-23", "shift_template_id": template, "incoming_user_id": cast.li.id.uuidString,
                                   "notes": ["equipment": "3号机耳麦有杂音", "difficult_problems": "客户张某反复来电", "superiors_instructions": "主任：周末加强回访"]]
        body.merge(extra) { _, new in new }
        let response = try await app.send(.POST, "api/v1/handovers", as: cast.wang, json: body)
        #expect(response.status == .created, "\(response.body.string)")
        return try response.object()
    }

    @Test("SHF-04 only the incoming person acknowledges (anyone else 403 naming the rule); the outgoing person closes only after it")
    func acknowledgeThenClose() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let created = try await handover(app, cast, template: shift)
            let id = try #require(created["id"] as? String)
            #expect(created["state"] as? String == "open")
            let early = try await app.send(.POST, "api/v1/handovers/\(id)/close", as: cast.wang)
            #expect(early.status == .unprocessableEntity)
            #expect(try early.error()["rule"] as? String == "attendance.handover_override_by")
            let stranger = try await app.staff("zhaoliu", roles: [.agent])
            for someone in [stranger, cast.wang, cast.leader] {
                let refused = try await app.send(.POST, "api/v1/handovers/\(id)/acknowledge", as: someone)
                #expect(refused.status == .forbidden)
                #expect(try refused.error()["rule"] as? String == "SHF-04")
            }
            let acknowledged = try await app.send(.POST, "api/v1/handovers/\(id)/acknowledge", as: cast.li)
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.object()["state"] as? String == "acknowledged")
            #expect(try await app.send(.POST, "api/v1/handovers/\(id)/acknowledge", as: cast.li).status == .conflict)
            let closed = try await app.send(.POST, "api/v1/handovers/\(id)/close", as: cast.wang)
            #expect(try closed.object()["state"] as? String == "closed")
            #expect(try await app.send(.GET, "api/v1/handovers/\(id)", as: stranger).status == .notFound)
            let notices = try await NotificationRecord.query(on: app.db).filter(\.$userID == cast.li.id).count()
            #expect(notices == 1)
        }
    }

    @Test("SHF-04 the leader closes an unacknowledged shift only with a reason, and it is recorded")
    func leaderOverride() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let id = try #require(try await handover(app, cast, template: shift)["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/handovers/\(id)/close", as: cast.leader).status == .badRequest)
            let closed = try await app.send(.POST, "api/v1/handovers/\(id)/close", as: cast.leader, json: ["override_reason": "接班人突发疾病"])
            #expect(closed.status == .ok)
            #expect(try closed.object()["override_reason"] as? String == "接班人突发疾病")
            let audit = try await AuditEventRecord.query(on: app.db).filter(\.$action == "handover.closed").first()
            #expect(audit?.ruleKey == "attendance.handover_override_by")
        }
    }

    @Test("SHF-05/SHF-06 the log keeps equipment, problems and instructions; open cases are carried over and the day's roster changes filled in")
    func carryOver() async throws {
        try await withTestApp { app in
            let clock = TestClock(Date.t0.addingTimeInterval(-3 * 86_400))
            app.services.now = { clock.now }
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            // The week's roster is built on Friday; on Monday the leader adds Li to the day (a change).
            #expect(try await app.roster(cast, cast.wang, shift, "2026-11-23").status == .created)
            clock.now = .t0
            #expect(try await app.roster(cast, cast.li, shift, "2026-11-23").status == .created)
            let opened = try await app.openCase(as: cast.wang, phone: "13900001111", extra: ["assignee_id": cast.wang.id.uuidString])
            let caseID = try #require(opened["id"] as? String)
            let created = try await handover(app, cast, template: shift)
            let notes = try #require(created["notes"] as? [String: Any])
            #expect(notes["equipment"] as? String == "3号机耳麦有杂音")
            #expect(notes["superiors_instructions"] as? String == "主任：周末加强回访")
            #expect((notes["staff_changes"] as? String)?.contains("Lisi") == true)
            #expect((notes["staff_changes"] as? String)?.contains("Wangwu") == false)
            let carried = try #require(created["open_case_ids"] as? [String])
            #expect(carried.map { $0.lowercased() } == [caseID.lowercased()])
        }
    }

    @Test("SHF-05 a handover to oneself, to an unknown person or without a shift is a 400")
    func badHandover() async throws {
        try await withTestApp { app in
            let cast = try await ShiftCast.make(app)
            let shift = try await app.shiftTemplate(cast, "白班", "08:00", "16:00")
            let toSelf = try await app.send(.POST, "api/v1/handovers", as: cast.wang,
                                            json: ["shift_date": "2026-11-23", "shift_template_id": shift, "incoming_user_id": cast.wang.id.uuidString])
            #expect(toSelf.status == .badRequest)
            let unknown = try await app.send(.POST, "api/v1/handovers", as: cast.wang,
                                             json: ["shift_date": "2026-11-23", "shift_template_id": shift, "incoming_user_id": UUID().uuidString])
            #expect(unknown.status == .badRequest)
            let missing = try await app.send(.POST, "api/v1/handovers", as: cast.wang, json: ["incoming_user_id": cast.li.id.uuidString])
            #expect(missing.status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/handovers/\(UUID())/acknowledge", as: cast.li).status == .notFound)
        }
    }
}
