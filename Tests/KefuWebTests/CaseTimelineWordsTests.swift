import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

/// Issue 21 §4: the case timeline speaks the reader's language — no usernames, enum words, UTC instants or rule keys.
@Suite("Cases: the timeline in words")
struct CaseTimelineWordsTests {
    let labels = ["case.status.new": "新建", "case.status.assigned": "已分派", "case.type.fault_report": "故障报修", "case.channel.phone": "电话",
                  "timeline.assigned_to": "派给 {0}", "deadline.kind.first_response": "首次响应", "timeline.due": "期限 {0}",
                  "timeline.clock_state.running": "计时中", "timeline.clock_state.breached": "已超时", "role.vice_president": "副总经理",
                  "timeline.escalated_to": "上报至{0}"]
    var words: CaseTimelineWords {
        CaseTimelineWords(label: { labels[$0] }, name: { $0 == "chenjing" ? "陈静" : nil }, time: { _ in "12月7日 10:00" })
    }

    @Test("CHN-19 a status change and an assignment read as words with the person's name")
    func assignment() {
        #expect(words.words("new → assigned; assignee chenjing") == "新建 → 已分派；派给 陈静")
        #expect(words.words("assigned; assignee chenjing; 请今天回电") == "派给 陈静；请今天回电")
    }

    @Test("CHN-01 an opened case reads as its type and channel; a clock as its kind, state and local due time")
    func openedAndClocks() {
        #expect(words.words("TS20261207001 fault_report via phone") == "故障报修 · 电话")
        #expect(words.words("first_response: due 2026-12-07T02:00:00Z") == "首次响应：期限 12月7日 10:00")
        #expect(words.words("first_response: running → breached") == "首次响应：计时中 → 已超时")
        #expect(words.words("first_response: first_response; due 2026-12-07T02:00:00Z") == "首次响应；期限 12月7日 10:00")
        #expect(CaseTimelineWords(label: { ["complaint.severity.general": "一般", "role.team_leader": "班长"][$0] }, name: { _ in nil }, time: { _ in "" })
            .words("general → team_leader") == "一般 → 班长")
        #expect(CaseTimelineWords(label: { ["rtv.outcome.no_answer": "无人接听"][$0] }, name: { _ in nil }, time: { _ in "" })
            .words("no_answer 客户说晚点再打") == "无人接听 客户说晚点再打")
        #expect(words.words("level vice_president (emergency, skipped department_manager); 客户情绪激动") == "上报至副总经理；客户情绪激动")
        let service = CaseTimelineWords(label: { ["service.category.paid": "有偿服务", "service.offsite": "异地服务"][$0] }, name: { _ in nil }, time: { _ in "" })
        #expect(service.words("a paid") == "a. 有偿服务")
        #expect(service.words("a paid, off-site") == "a. 有偿服务 · 异地服务")
    }

    @Test("CHN-19 the case page's timeline shows display names and local times, no usernames, enum words or ISO instants")
    func casePage() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let opened = try await app.openCase(as: lina, type: "fault_report")
            _ = try await app.send(.POST, "api/v1/cases/\(opened["id"] as! String)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let page = try await web.get("/cases/\(opened["id"] as! String)").body.string
            let start = try #require(page.range(of: "id=\"case-timeline\""))
            let timeline = String(page[start.upperBound...].prefix(while: { $0 != "§" }).components(separatedBy: "</section>")[0])
            #expect(timeline.contains("Lina"))
            #expect(!timeline.contains(">lina<") && !timeline.contains("assignee lina"))
            #expect(!timeline.contains("fault_report") && !timeline.contains(" via "))
            #expect(timeline.range(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d"#, options: .regularExpression) == nil)
            let visible = timeline.replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
            #expect(visible.range(of: #"\b[a-z]+(_[a-z]+)+\b|\b[a-z]+\.[a-z_]+\b"#, options: .regularExpression) == nil, "\(visible)")
            #expect(!visible.contains("dispatch"), "\(visible)")
        }
    }
}
