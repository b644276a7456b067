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

/// Issue 21 §9: every action confirms, in words, what it did; the words show once, on the next page.
@Suite("Confirmations after an action, in words")
struct ConfirmationTests {
    @Test("FDM-05 a parcel pickup confirms who collected whose parcel; the message shows once")
    func parcelPickup() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let desk = try await app.staff("qiantai", roles: [.frontDesk])
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let created = try await app.send(.POST, "api/v1/parcels", as: desk, json: [
                "tracking_no": "SF1234567890", "courier": "顺丰", "sender_name": "张先生", "sender_organization": "华信公司",
                "sender_contact": "13900000001", "recipient_user_id": lina.id.uuidString, "recipient_contact": "8001", "content": "合同文件"])
            let id = try #require(try created.object()["id"] as? String)
            var web = WebSession(app)
            try await web.logIn("qiantai", desk.password)
            let done = try await web.post("/parcels/\(id)/pickup", ["collected_by": lina.id.uuidString, "signature": "data:image/png;base64,iVBORw0KGgo="])
            #expect(done.status == .seeOther)
            let words = app.services.localization.text("done.parcel.picked_up", .zhHans, ["SF1234567890", "Lina", "Lina"])
            #expect(try await web.get("/parcels").body.string.contains(words))
            #expect(!(try await web.get("/parcels").body.string.contains(words)), "shown once")
        }
    }

    @Test("RTV-09 a return-visit save confirms the outcome recorded")
    func returnVisitSave() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let visitor = try await app.staff("wuxia", roles: [.returnVisitor, .csDirector])
            let id = try #require(try await app.openCase(as: lina)["id"] as? String)
            _ = try await app.send(.POST, "api/v1/cases/\(id)/assign", as: lina, json: ["assignee_id": lina.id.uuidString])
            _ = try await app.send(.POST, "api/v1/cases/\(id)/resolve", as: lina, json: ["resolution": "已处理"])
            let visit = try #require(try await ReturnVisitRecord.query(on: app.db).first())
            var station = WebSession(app)
            try await station.logIn("wuxia", visitor.password)
            let saved = try await station.post("/return-visits/\(visit.id!)/attempts", ["outcome": "no_answer", "version": "\(visit.version)"])
            #expect(saved.status == .seeOther)
            let page = try await station.get("/return-visits/\(visit.id!)").body.string
            let words = app.services.localization.text("done.return_visit.recorded", .zhHans, [app.services.localization.text("rtv.outcome.no_answer", .zhHans)])
            #expect(page.contains(words))
        }
    }

    @Test("CMP-21 the first department task confirms the task, the department and its deadline")
    func firstDepartmentTask() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let marketing = try await app.department("营销部", kind: .marketing)
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let id = try #require(try await app.openCase(as: lina, type: "complaint", subject: "外壳破裂", extra: ["complaint": [
                "category": "quality", "defective_qty": 1, "customer_request": "退货"]])["id"] as? String)
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            _ = try await web.get("/cases/\(id)/complaint")
            let added = try await web.post("/cases/\(id)/complaint/tasks", ["kind": "verify_order", "owner_department_id": marketing.uuidString])
            #expect(added.status == .seeOther, "\(added.body.string.prefix(300))")
            let page = try await web.get("/cases/\(id)/complaint").body.string
            let prefix = app.services.localization.text("done.complaint.task_added", .zhHans,
                                                        [app.services.localization.text("complaint.task.verify_order", .zhHans), "营销部", ""])
            #expect(page.contains(prefix))
        }
    }

    @Test("Every confirmation a page may show says what was done in both languages, never a bare 已保存 or 已登记")
    func everyConfirmationSaysWhat() async throws {
        try await withTestApp { app in
            let localization = app.services.localization
            let bare: Set<String> = ["已保存", "已保存。", "已登记", "已登记。", "已记录", "已记录。", "已确认。", "已更新", "Saved", "Saved."]
            for key in PageShell.flashKeys {
                #expect(localization.has(key, .zhHans) && localization.has(key, .en), "\(key) has no words")
                #expect(!bare.contains(localization.text(key, .zhHans)) && !bare.contains(localization.text(key, .en)), "\(key) says only \(localization.text(key, .zhHans))")
            }
        }
    }

    @Test("A forged confirmation cookie shows nothing that is not a confirmation, and its words are escaped")
    func forgedCookie() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let forged = try JSONEncoder().encode(["key": "done.complaint.refiled", "arguments": ["<script>x</script>"]] as [String: AnyCodable])
            web.cookies[Confirmation.cookieName] = forged.base64URLEncodedString()
            let page = try await web.get("/").body.string
            #expect(!page.contains("<script>x</script>"))
            #expect(page.contains("&lt;script&gt;x&lt;/script&gt;"))
            let other = try JSONEncoder().encode(["key": "error.case.not_yours", "arguments": []] as [String: AnyCodable])
            web.cookies[Confirmation.cookieName] = other.base64URLEncodedString()
            #expect(!(try await web.get("/").body.string.contains(app.services.localization.text("error.case.not_yours", .zhHans))))
        }
    }
}

/// A string or a list of strings, to forge a cookie's JSON.
enum AnyCodable: Encodable, ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    case text(String), list([String])
    init(stringLiteral value: String) { self = .text(value) }
    init(arrayLiteral elements: String...) { self = .list(elements) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self { case .text(let text): try container.encode(text); case .list(let list): try container.encode(list) }
    }
}
