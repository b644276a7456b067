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

/// The front desk's side of notices and training: the desk sees every notice it passes on, with its source,
/// and the administrative department trains the desk (FDN-01/04, TRN-05/06).
@Suite("Front desk notices and training")
struct FrontDeskTrainingNoticeTests {
    @Test("FDN-01 FDN-04 the desk sees every notice issued, with its issuing department, on the page and the printed copy")
    func deskSeesNotices() async throws {
        try await withTestApp { app in
            let desk = try await app.staff("qiantai", roles: [.frontDesk]), hr = try await app.staff("renshi", roles: [.hr])
            let lina = try await app.staff("lina", roles: [.agent])
            let created = try await app.send(.POST, "api/v1/notices", as: hr, json: [
                "title": "年度体检安排", "body": "12月5日起分批体检，请按通知时间前往。", "source": "人力资源部", "channel": "printed",
                "recipients": ["user_ids": [lina.id.uuidString]]])
            #expect(created.status == .created)
            let id = try #require(try created.object()["id"] as? String)
            let all = try await app.send(.GET, "api/v1/notices?scope=all", as: desk).items()
            #expect(all.first?["source"] as? String == "人力资源部")
            #expect(try await app.send(.GET, "api/v1/notices?scope=all", as: lina).status == .forbidden)
            var web = WebSession(app)
            try await web.logIn("qiantai", "secret-pass-1")
            let printed = try await web.get("/notices/\(id)/print")
            #expect(printed.status == .ok && printed.body.string.contains("人力资源部") && printed.body.string.contains("Lina"))
        }
    }

    @Test("TRN-05 TRN-06 the administrative department schedules induction and external or online training for the front desk")
    func deskTraining() async throws {
        try await withTestApp { app in
            // The list shows sessions from 30 days before now: the test's sessions are dated, so is its clock.
            app.services.now = { .t0 }
            let office = try await app.staff("xingzheng", roles: [.adminOffice]), desk = try await app.staff("qiantai", roles: [.frontDesk])
            for kind in ["induction", "external", "online"] {
                let response = try await app.send(.POST, "api/v1/training-sessions", as: office, json: [
                    "title": "前台\(kind)", "content": "公司概况、前台职责、工作流程与服务规范", "trainer": "行政部", "kind": kind,
                    "starts_at": "2026-11-26T01:00:00Z", "ends_at": "2026-11-26T03:00:00Z", "trainee_ids": [desk.id.uuidString]])
                #expect(response.status == .created, "\(kind): \(response.body.string)")
            }
            #expect(try await app.send(.GET, "api/v1/training-sessions", as: desk).items().compactMap { $0["kind"] as? String }.sorted()
                    == ["external", "induction", "online"])
            #expect(try await app.send(.POST, "api/v1/training-sessions", as: desk, json: [:]).status == .forbidden)
        }
    }
}
