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

@Suite("Meetings (会议): scheduling, leave, attendance, minutes and decisions")
struct MeetingsTests {
    @Test("MTG-01 the weekly 班务会 is scheduled on its rulebook day, chaired by the 客服部主任, with all 班长 invited and notified")
    func weekly() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let director = try await app.staff("zhuren", roles: [.csDirector])
            let leader = try await app.staff("banzhang", roles: [.teamLeader])
            let agent = try await app.staff("wangwu", roles: [.agent])
            let response = try await app.send(.POST, "api/v1/meetings", as: director, json: ["kind": "weekly_affairs"])
            #expect(response.status == .created, "\(response.body.string)")
            let body = try response.object()
            #expect(body["chair_id"] as? String == director.id.uuidString)
            let invited = Set(try #require(body["attendees"] as? [[String: Any]]).compactMap { $0["user_id"] as? String })
            #expect(invited == [leader.id.uuidString, director.id.uuidString])
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$userID == leader.id).count() == 1)
            #expect(try await app.send(.POST, "api/v1/meetings", as: agent, json: ["kind": "weekly_affairs"]).status == .forbidden)
            #expect(try await app.send(.GET, "api/v1/meetings/\(body["id"] as! String)", as: agent).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/meetings", as: director, json: ["kind": "annual_summary"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/meetings", as: director, json: ["kind": "party"]).status == .badRequest)
        }
    }

    @Test("MTG-14 leave is accepted up to one hour before the start; later it is a 422 naming meetings.leave_notice_minutes")
    func leaveNotice() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let director = try await app.staff("zhuren", roles: [.csDirector])
            let li = try await app.staff("lisi", roles: [.teamLeader])
            let wang = try await app.staff("wangwu", roles: [.teamLeader])
            let starts = Date.t0.addingTimeInterval(3 * 3_600)
            let meeting = try await app.send(.POST, "api/v1/meetings", as: director, json: [
                "kind": "ad_hoc", "title": "质检问题通报", "starts_at": ISO8601DateFormatter().string(from: starts),
                "attendee_ids": [li.id.uuidString, wang.id.uuidString]]).object()
            let id = try #require(meeting["id"] as? String)
            clock.now = starts.addingTimeInterval(-2 * 3_600)
            let early = try await app.send(.POST, "api/v1/meetings/\(id)/leave", as: li, json: ["reason": "外出培训", "delegate_id": wang.id.uuidString])
            #expect(early.status == .ok, "\(early.body.string)")
            clock.now = starts.addingTimeInterval(-30 * 60)
            let late = try await app.send(.POST, "api/v1/meetings/\(id)/leave", as: wang, json: ["reason": "身体不适"])
            #expect(late.status == .unprocessableEntity)
            #expect(try late.error()["rule"] as? String == "meetings.leave_notice_minutes")
            app.services.rulebook.meetings.leaveNoticeMinutes = 15
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/leave", as: wang, json: ["reason": "身体不适"]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/leave", as: director, json: [:]).status == .badRequest)
        }
    }

    @Test("MTG-05/KB-12 attendance is taken, the minutes recorded, and a decision becomes a knowledge-base draft or a task")
    func minutesAndDecisions() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let director = try await app.staff("zhuren", roles: [.csDirector])
            let leader = try await app.staff("banzhang", roles: [.teamLeader])
            let agent = try await app.staff("wangwu", roles: [.agent])
            let meeting = try await app.send(.POST, "api/v1/meetings", as: director, json: ["kind": "weekly_affairs"]).object()
            let id = try #require(meeting["id"] as? String)
            let marked = try await app.send(.POST, "api/v1/meetings/\(id)/attendance", as: director, json: [
                "entries": [["user_id": leader.id.uuidString, "status": "late"]]])
            #expect(marked.status == .ok, "\(marked.body.string)")
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/attendance", as: director, json: [
                "entries": [["user_id": leader.id.uuidString, "status": "asleep"]]]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/attendance", as: director, json: [
                "entries": [["user_id": UUID().uuidString, "status": "present"]]]).status == .badRequest)
            let minutes = try await app.send(.POST, "api/v1/meetings/\(id)/minutes", as: director, json: ["minutes": "本周投诉两起，统一答复口径如下。", "version": 1])
            #expect(try minutes.object()["state"] as? String == "held")
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/minutes", as: director, json: ["minutes": "x", "version": 1]).status == .conflict)
            let kb = try await app.send(.POST, "api/v1/meetings/\(id)/decisions", as: director, json: [
                "text": "空调不制冷来电：先指导检查遥控器模式，再登记上门。", "follow_up": "kb"])
            #expect(kb.status == .created, "\(kb.body.string)")
            let entryID = try #require(try kb.object()["kb_entry_id"] as? String)
            let entry = try #require(try await KBEntryRecord.find(UUID(uuidString: entryID)!, on: app.db))
            #expect(entry.state == "received")
            let task = try await app.send(.POST, "api/v1/meetings/\(id)/decisions", as: director, json: [
                "text": "整理本周疑难投诉案例", "follow_up": "task", "assignee_id": leader.id.uuidString, "due_on": "2026-11-27"])
            #expect(task.status == .created)
            #expect(try await NotificationRecord.query(on: app.db).filter(\.$kind == "meeting.task").count() == 1)
            let taskID = try #require(try task.object()["id"] as? String)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/decisions/\(taskID)/done", as: agent).status == .forbidden)
            let done = try await app.send(.POST, "api/v1/meetings/\(id)/decisions/\(taskID)/done", as: leader)
            #expect(done.status == .ok, "\(done.body.string)")
            #expect(try done.object()["done_at"] as? String != nil)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/decisions/\(taskID)/done", as: leader).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/decisions", as: director, json: ["text": "x", "follow_up": "task"]).status == .badRequest)
            #expect(try await app.send(.POST, "api/v1/meetings/\(id)/decisions", as: agent, json: ["text": "x"]).status == .forbidden)
        }
    }

    @Test("MTG-01/MTG-14 the meeting pages: schedule, the meeting with attendance and leave forms; a late leave shows the rule")
    func pages() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let director = try await app.staff("zhuren", roles: [.csDirector])
            let leader = try await app.staff("banzhang", roles: [.teamLeader])
            var session = WebSession(app)
            try await session.logIn("zhuren", director.password)
            #expect(try await session.get("/meetings").body.string.contains("meeting-schedule"))
            let bad = try await session.post("/meetings", ["kind": "annual_summary"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("flash-error"))
            let saved = try await session.post("/meetings", ["kind": "weekly_affairs", "title": "第47周班务会"])
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location)?.split(separator: "?").first.map(String.init))
            let page = try await session.get(location)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("第47周班务会"))
            #expect(page.body.string.contains("Banzhang"))
            let added = try await session.post("\(location)/decisions", ["text": "整理疑难案例", "follow_up": "task", "assignee_id": leader.id.uuidString,
                                                                          "due_on": "2026-11-27"])
            #expect(added.status == .seeOther)
            let decisionID = try #require(try await MeetingDecisionRecord.query(on: app.db).first()?.id)
            #expect(try await session.get(location).body.string.contains("/decisions/\(decisionID)/done"))
            #expect(try await session.post("\(location)/decisions/\(decisionID)/done", [:]).status == .seeOther)
            var agent = WebSession(app)
            try await agent.logIn("banzhang", leader.password)
            let mine = try await agent.get(location)
            #expect(mine.body.string.contains("meeting-leave"))
            app.services.rulebook.meetings.leaveNoticeMinutes = 100_000
            let late = try await agent.post("\(location)/leave", ["reason": "培训"])
            #expect(late.status == .unprocessableEntity)
            #expect(late.body.string.contains("meetings.leave_notice_minutes"))
            app.services.rulebook.meetings.leaveNoticeMinutes = 60
            #expect(try await agent.post("\(location)/leave", ["reason": "培训"]).status == .seeOther)
        }
    }
}
