import Foundation
import KefuCore
import KefuDomain
import KefuStore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

@Suite("KnowledgeBase pages: list, entry, forms, phrases and the case page's search")
struct KnowledgeBasePagesTests {
    @Test("KB-07 KB-09 the editor registers a notice and its original document through the forms; a bad form is shown again with the reason")
    func forms() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            var web = WebSession(app)
            try await web.logIn(cast.editor.username, cast.editor.password)
            #expect(try await web.get("/kb").status == .ok)
            let form = try await web.get("/kb/new")
            #expect(form.status == .ok)
            #expect(form.body.string.contains("市场部"))
            let bad = try await web.post("/kb", ["catalog": "information", "title": "", "question": "q", "answer": "a",
                                                 "effective_from": "2026-12-01", "effective_to": "2026-11-01"])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("id=\"kb-form\""))
            let created = try await web.post("/kb", ["catalog": "information", "title": "宽带资费调整", "question": "宽带包月多少钱？",
                                                     "answer": "每月88元。", "issuing_department_id": cast.departmentID.uuidString,
                                                     "effective_from": "2026-12-01"])
            #expect(created.status == .seeOther)
            let location = try #require(created.headers.first(name: .location))
            let page = try await web.get(location)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("每月88元。"))
            // KB-09: the original document is uploaded through the page's form (multipart, with the CSRF token).
            let boundary = "kb-boundary"
            var headers = web.headers
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let body = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(web.csrf)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"notice.txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "业务通知单原件\r\n--\(boundary)--\r\n"
            let uploaded = try await app.testing().sendRequest(.POST, location + "/attachments", headers: headers, body: ByteBuffer(string: body))
            #expect(uploaded.status == .seeOther, "\(uploaded.body.string)")
            #expect(try await web.get(location).body.string.contains("notice.txt"))
            // The editor cannot take the director's step: the page is shown again with the reason.
            let refused = try await web.post(location + "/read", [:])
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("kb-working"))
            #expect(try await web.get("/kb?state=received").body.string.contains("宽带资费调整"))
            #expect(try await web.get("/kb/phrases").status == .ok)
        }
    }

    @Test("KB-06 KB-13 the agent finds the answer beside the case, records it, and sees unread entries; the new-case page greets with the organization")
    func agentPages() async throws {
        try await withTestApp { app in
            let cast = try await KBCast.make(app)
            let entry = try await app.kbPublished(cast)["id"] as! String
            let caseID = try await app.openCase(as: cast.agent)["id"] as! String
            var web = WebSession(app)
            try await web.logIn(cast.agent.username, cast.agent.password)
            let unread = try await web.get("/kb/unread")
            #expect(unread.body.string.contains("宽带资费调整"))
            let found = try await web.get("/cases/\(caseID)?kb_q=%E5%AE%BD%E5%B8%A6")
            #expect(found.status == .ok)
            #expect(found.body.string.contains("id=\"kb-hits\""))
            #expect(found.body.string.contains("每月88元"))
            let used = try await web.post("/cases/\(caseID)/kb-uses", ["entry_id": entry])
            #expect(used.status == .seeOther)
            #expect(try await web.get("/cases/\(caseID)").body.string.contains("id=\"kb-used\""))
            let acknowledged = try await web.post("/kb/\(entry)/acknowledge", [:])
            #expect(acknowledged.status == .seeOther)
            #expect(!(try await web.get("/kb/unread").body.string.contains("宽带资费调整")))
            let newCase = try await web.get("/cases/new")
            #expect(newCase.body.string.contains("您好，这里是\(app.services.rulebook.organization.name)"))
        }
    }
}
