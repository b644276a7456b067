import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

@Suite("KnowledgeBase: the editing flow, search, effective periods and acknowledgements (§8)")
struct KnowledgeBaseRulesTests {
    @Test("KB-07 KB-05 a business notice is read by the director, confirmed by the issuing department, then published")
    func editingFlow() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let entry = try await app.kbEntry(cast)
            let id = entry["id"] as! String
            #expect(entry["state"] as? String == "received")
            #expect((entry["number"] as? String)?.hasPrefix("KB-") == true)
            let confirmed = try await app.kbConfirm(cast, id)
            #expect(confirmed["state"] as? String == "confirmed")
            #expect(confirmed["approval_state"] as? String == "approved")
            let published = try await app.send(.POST, "api/v1/kb/entries/\(id)/publish", as: cast.editor).object()
            #expect(published["state"] as? String == "published")
            #expect((published["live"] as? [String: Any])?["revision"] as? Int == 1)
            let events = try await AuditRepository(db: app.db).timeline(subjectType: "kb_entry", subjectID: UUID(uuidString: id)!, after: nil, limit: 20)
            #expect(events.items.map(\.action) == ["kb.received", "kb.read", "kb.submit", "kb.confirmation_approved", "kb.publish"])
            #expect(events.items.first { $0.action == "kb.confirmation_approved" }?.ruleKey == "knowledge_base.confirm_by")
        }
    }

    @Test("KB-05 publishing without the issuing department's confirmation is refused with the rule")
    func publishUnconfirmed() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let id = try await app.kbEntry(cast)["id"] as! String
            _ = try await app.send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.director)
            let refused = try await app.send(.POST, "api/v1/kb/entries/\(id)/publish", as: cast.editor)
            #expect(refused.status == .unprocessableEntity)
            #expect(try refused.error()["rule"] as? String == "knowledge_base.confirm_by")
            _ = try await app.send(.POST, "api/v1/kb/entries/\(id)/submit", as: cast.editor)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/publish", as: cast.editor).status == .unprocessableEntity)
        }
    }

    @Test("KB-05 only the confirming role of the issuing department confirms; a rejection sends the wording back to drafting")
    func rejection() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let other = try await app.staff("wangjl", roles: [.deptManager], departmentID: try await app.department("财务部", kind: .finance))
            let id = try await app.kbEntry(cast)["id"] as! String
            _ = try await app.send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.director)
            let approval = try await app.send(.POST, "api/v1/kb/entries/\(id)/submit", as: cast.editor).object()["approval_id"] as! String
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: other).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/approvals/\(approval)/reject", as: cast.manager, json: ["comment": "资费表述不准确"]).status == .ok)
            #expect(try await app.send(.GET, "api/v1/kb/entries/\(id)", as: cast.editor).object()["state"] as? String == "drafting")
        }
    }

    @Test("KB-08 effective-to before effective-from is refused")
    func badPeriod() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let response = try await app.send(.POST, "api/v1/kb/entries", as: cast.editor, json: [
                "catalog": "business", "title": "停机保号", "question": "如何办理停机保号？", "answer": "携带身份证到营业厅办理。",
                "effective_from": "2026-12-01T00:00:00+08:00", "effective_to": "2026-11-01T00:00:00+08:00"])
            #expect(response.status == .badRequest)
            #expect((try response.error()["fields"] as? [String: Any])?["effective_to"] != nil)
        }
    }

    @Test("KB-08 an expired entry leaves search but stays in history")
    func expiry() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cast = try await KBCast.make(app)
            let formatter = ISO8601DateFormatter()
            let entry = try await app.kbPublished(cast, extra: ["effective_to": formatter.string(from: Date.t0.addingTimeInterval(86_400))])
            let id = entry["id"] as! String
            #expect(try await app.kbSearch("宽带", as: cast.agent) == [id])
            clock.now = Date.t0.addingTimeInterval(2 * 86_400)
            #expect(try await app.kbSearch("宽带", as: cast.agent).isEmpty)
            let versions = try await app.send(.GET, "api/v1/kb/entries/\(id)/versions", as: cast.editor).items()
            #expect(versions.count == 1)
            let shown = try await app.send(.GET, "api/v1/kb/entries/\(id)", as: cast.editor).object()
            #expect(shown["in_force"] as? Bool == false)
        }
    }

    @Test("KB-06 a two-character word finds the published wording; drafts and other words do not")
    func search() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let draft = try await app.kbEntry(cast, title: "积分兑换规则", answer: "积分可在兑换中心兑换礼品。")["id"] as! String
            let published = try await app.kbPublished(cast)["id"] as! String
            #expect(try await app.kbSearch("宽带", as: cast.agent) == [published])
            #expect(try await app.kbSearch("资费", as: cast.agent) == [published])
            #expect(try await app.kbSearch("积分", as: cast.agent).isEmpty)
            #expect(try await app.kbSearch("宽积", as: cast.agent).isEmpty)
            // A query without any searchable word finds nothing (rather than everything).
            #expect(try await app.kbSearch("！？", as: cast.agent).isEmpty)
            // Agents see published entries only; a draft is not found.
            #expect(try await app.send(.GET, "api/v1/kb/entries/\(draft)", as: cast.agent).status == .notFound)
        }
    }

    @Test("KB-12 KB-13 new and changed entries are unread for every agent until acknowledged")
    func unread() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let other = try await app.staff("zhaoliu", roles: [.agent])
            let id = try await app.kbPublished(cast)["id"] as! String
            func unread(_ staff: TestStaff) async throws -> [String] {
                try await app.send(.GET, "api/v1/kb/unread", as: staff).items().compactMap { $0["id"] as? String }
            }
            #expect(try await unread(cast.agent) == [id])
            #expect(try await unread(other) == [id])
            let acknowledged = try await app.send(.POST, "api/v1/kb/entries/\(id)/acknowledge", as: cast.agent)
            #expect(acknowledged.status == .ok)
            #expect(try acknowledged.object()["unread"] as? Bool == false)
            #expect(try await unread(cast.agent).isEmpty)
            #expect(try await unread(other) == [id])
            // A change is confirmed again and published as version 2: unread again, while version 1 stayed live meanwhile.
            let changed = try await app.send(.PATCH, "api/v1/kb/entries/\(id)", as: cast.editor, json: ["answer": "自12月1日起，宽带包月资费为每月78元。"])
            #expect(try changed.object()["state"] as? String == "drafting")
            #expect(try await app.kbSearch("宽带", as: cast.agent) == [id])
            let approval = try await app.send(.POST, "api/v1/kb/entries/\(id)/submit", as: cast.editor).object()["approval_id"] as! String
            _ = try await app.send(.POST, "api/v1/approvals/\(approval)/approve", as: cast.manager)
            let republished = try await app.send(.POST, "api/v1/kb/entries/\(id)/publish", as: cast.editor).object()
            #expect((republished["live"] as? [String: Any])?["revision"] as? Int == 2)
            #expect(try await unread(cast.agent) == [id])
            let versions = try await app.send(.GET, "api/v1/kb/entries/\(id)/versions", as: cast.agent).items()
            #expect(versions.map { $0["revision"] as? Int } == [2, 1])
            #expect(versions.last?["ended_at"] != nil)
        }
    }

    @Test("KB-06 the agent records on the case which entry answered it")
    func caseUse() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let entry = try await app.kbPublished(cast)["id"] as! String
            let caseID = try await app.openCase(as: cast.agent)["id"] as! String
            let used = try await app.send(.POST, "api/v1/cases/\(caseID)/kb-uses", as: cast.agent, json: ["entry_id": entry])
            #expect(used.status == .created, "\(used.body.string)")
            let uses = try await app.send(.GET, "api/v1/cases/\(caseID)/kb-uses", as: cast.agent).items()
            #expect(uses.map { $0["entry_id"] as? String } == [entry])
            #expect(uses.first?["title"] as? String == "宽带资费调整")
            let withdrawn = try await app.send(.POST, "api/v1/kb/entries/\(entry)/withdraw", as: cast.editor)
            #expect(try withdrawn.object()["state"] as? String == "withdrawn")
            #expect(try await app.send(.POST, "api/v1/cases/\(caseID)/kb-uses", as: cast.agent, json: ["entry_id": entry]).status == .conflict)
            #expect(try await app.kbSearch("宽带", as: cast.agent).isEmpty)
        }
    }

    @Test("KB-09 the original document is kept with the entry")
    func document() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let id = try await app.kbEntry(cast)["id"] as! String
            var headers = cast.editor.bearer
            headers.contentType = .plainText
            let uploaded = try await app.testing().sendRequest(.POST, "api/v1/kb/entries/\(id)/attachments?filename=notice.txt", headers: headers,
                                                              body: ByteBuffer(string: "市场部业务通知单"))
            #expect(uploaded.status == .created, "\(uploaded.body.string)")
            let documentID = try uploaded.object()["id"] as! String
            let listed = try await app.send(.GET, "api/v1/kb/entries/\(id)/attachments", as: cast.editor).items()
            #expect(listed.count == 1)
            let downloaded = try await app.send(.GET, "api/v1/kb/entries/\(id)/attachments/\(documentID)", as: cast.editor)
            #expect(downloaded.body.string == "市场部业务通知单")
            var agentHeaders = cast.agent.bearer
            agentHeaders.contentType = .plainText
            let refused = try await app.testing().sendRequest(.POST, "api/v1/kb/entries/\(id)/attachments?filename=x.txt", headers: agentHeaders,
                                                             body: ByteBuffer(string: "x"))
            #expect(refused.status == .forbidden)
        }
    }

    @Test("KB-01 actions out of turn and stale versions are conflicts; only editors edit and only the director reads notices")
    func conflictsAndPermissions() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let entry = try await app.kbEntry(cast)
            let id = entry["id"] as! String
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/submit", as: cast.editor).status == .conflict)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.editor).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.director, json: ["version": 1]).status == .ok)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/read", as: cast.director).status == .conflict)
            let stale = try await app.send(.PATCH, "api/v1/kb/entries/\(id)", as: cast.editor, json: ["title": "新标题", "version": 1])
            #expect(stale.status == .conflict)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/acknowledge", as: cast.agent).status == .notFound)
            #expect(try await app.send(.POST, "api/v1/kb/entries", as: cast.agent, json: ["catalog": "business", "title": "x"]).status == .forbidden)
            #expect(try await app.send(.PATCH, "api/v1/kb/entries/\(id)", as: cast.agent, json: ["title": "x"]).status == .forbidden)
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(id)/withdraw", as: cast.editor).status == .conflict)
            let published = try await app.kbPublished(cast, title: "停机保号")["id"] as! String
            #expect(try await app.send(.POST, "api/v1/kb/entries/\(published)/publish", as: cast.editor).status == .conflict)
        }
    }

    @Test("KB-10 KB-11 entries are listed by catalog; an unknown catalog or state is refused")
    func catalogs() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let info = try await app.kbEntry(cast)["id"] as! String
            let life = try await app.kbEntry(cast, title: "剪纸作品展", extra: ["catalog": "life"])["id"] as! String
            let listed = try await app.send(.GET, "api/v1/kb/entries?catalog=life", as: cast.editor).items().compactMap { $0["id"] as? String }
            #expect(listed == [life])
            let queue = try await app.send(.GET, "api/v1/kb/entries?state=received", as: cast.editor).items().compactMap { $0["id"] as? String }
            #expect(Set(queue) == [info, life])
            #expect(try await app.send(.GET, "api/v1/kb/entries?catalog=gossip", as: cast.editor).status == .badRequest)
            #expect(try await app.send(.GET, "api/v1/kb/entries?state=done", as: cast.editor).status == .badRequest)
        }
    }

    @Test("KB-14 PHR-01 C20 the phrase library greets with the organization's name; editors manage it, agents read it")
    func phrases() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let organization = app.services.rulebook.organization.name
            let greetings = try await app.send(.GET, "api/v1/phrases?category=greeting", as: cast.agent).items()
            #expect(greetings.contains { ($0["rendered"] as? String)?.contains(organization) == true })
            for category in ["return_visit_satisfied", "return_visit_average", "return_visit_unsatisfied"] {
                #expect(try await app.send(.GET, "api/v1/phrases?category=\(category)", as: cast.agent).items().count >= 2)
            }
            #expect(try await app.send(.PATCH, "api/v1/phrases/greeting_phone", as: cast.agent, json: ["text": "喂"]).status == .forbidden)
            let changed = try await app.send(.PATCH, "api/v1/phrases/greeting_phone", as: cast.editor,
                                             json: ["text": "您好，{organization}客服热线，请问有什么可以帮您？", "version": 1])
            #expect(changed.status == .ok, "\(changed.body.string)")
            #expect(try changed.object()["rendered"] as? String == "您好，\(organization)客服热线，请问有什么可以帮您？")
            #expect(try await app.send(.PATCH, "api/v1/phrases/greeting_phone", as: cast.editor, json: ["text": "x", "version": 1]).status == .conflict)
            let created = try await app.send(.POST, "api/v1/phrases", as: cast.editor, json: ["category": "transfer", "text": "我帮您转接技术支持。"])
            #expect(created.status == .created)
            let library = try await PhraseLibrary(db: app.db, services: app.services).rendered([.greeting])
            #expect(library.first == "您好，\(organization)客服热线，请问有什么可以帮您？")
            #expect(try await app.send(.PATCH, "api/v1/phrases/nope", as: cast.editor, json: ["text": "x"]).status == .notFound)
        }
    }
}
