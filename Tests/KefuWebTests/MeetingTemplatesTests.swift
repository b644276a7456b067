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

/// The other organizations' meeting types as templates only (MTG-04, MTG-06..13, MTG-15, MTG-17..21).
@Suite("Meeting templates (MTG-16)")
struct MeetingTemplatesTests {
    @Test("MTG-16 a template prefills an ad-hoc meeting with its content, chair, attendees and time; each template is labelled in both languages")
    func prefill() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }  // the meeting below is scheduled a few days after it
            _ = try await app.staff("zhuren", roles: [.csDirector])
            let lina = try await app.staff("lina", roles: [.agent])
            var director = WebSession(app)
            try await director.logIn("zhuren", "secret-pass-1")
            let page = try await director.get("/meetings?template=safety")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("value=\"安全会议\"") && page.body.string.contains("保安部经理"))
            #expect(page.body.string.contains("template-student_cadre"))
            let scheduled = try await director.post("/meetings", ["kind": "ad_hoc", "title": "安全会议", "starts_at": "2026-11-27T15:00",
                                                                  "agenda": "保安部经理 主持", "attendee_ids[]": lina.id.uuidString])
            #expect(scheduled.status == .seeOther)
            #expect(try await director.get("/meetings?template=nonsense").body.string.contains("value=\"安全会议\"") == false)
            var agent = WebSession(app)
            try await agent.logIn("lina", "secret-pass-1")
            #expect(try await agent.get("/meetings").body.string.contains("meeting-templates") == false)
            let texts = try Localization.load(directory: KefuResources.localizationDirectory)
            for template in MeetingTemplate.all {
                for part in ["name", "chair", "attendees", "when", "content"] {
                    let key = "meeting.template.\(template.key).\(part)"
                    #expect(texts.text(key, .zhHans, []) != key, "\(key)")
                    #expect(texts.text(key, .en, []) != key, "\(key)")
                }
            }
        }
    }
}
