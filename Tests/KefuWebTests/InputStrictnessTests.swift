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

/// Issue 20 §2: what an attacker sent that Kefu stored, rewrote or silently ignored.
@Suite("Input is read strictly: control characters, malformed JSON, impossible dates, inexact money, limits")
struct InputStrictnessTests {
    /// Sends `raw` as the JSON body, byte for byte.
    static func raw(_ app: Application, _ method: HTTPMethod, _ path: String, _ raw: [UInt8], headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var headers = headers
        headers.contentType = .json
        return try await app.testing().sendRequest(method, path, headers: headers, body: ByteBuffer(bytes: raw))
    }

    static func fields(_ response: TestingHTTPResponse) -> [String: Any] {
        let body = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
        return ((body?["error"] as? [String: Any])?["fields"] as? [String: Any]) ?? [:]
    }

    @Test("INP-01 a NUL or other C0 control character in an API text field is 400 naming the field; nothing is stored")
    func controlCharactersInJSON() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for (subject, name) in [("宽带\u{0}断网", "王"), ("宽带\u{1B}[31m", "王"), ("宽带断网", "王\u{0}先生")] {
                let response = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                    "type": "query", "channel": "phone", "subject": subject, "description": "x",
                    "customer": ["name": name, "phone": "13812345678"]])
                #expect(response.status == .badRequest, "\(response.body.string)")
                #expect(response.errorCode == "validation_failed")
                let field = subject == "宽带断网" ? "customer.name" : "subject"
                #expect(Self.fields(response)[field] != nil, "\(response.body.string)")
            }
            // Tab, line feed and carriage return stay allowed.
            let fine = try await app.openCase(as: lina, subject: "宽带\t断网", description: "第一行\r\n第二行")
            #expect(fine["subject"] as? String == "宽带\t断网")
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            // A raw (unescaped) control byte is not JSON at all.
            let unescaped = try await Self.raw(app, .POST, "api/v1/customers", Array(#"{"name":"王"#.utf8) + [0x00] + Array(#"","phone":"13812345670"}"#.utf8), headers: lina.bearer)
            #expect(unescaped.status == .badRequest)
            #expect(try await CustomerRecord.query(on: app.db).count() == 1)
        }
    }

    @Test("INP-02 a control character in a query string, an upload's file name or a web form field is refused with 400")
    func controlCharactersElsewhere() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let search = try await app.send(.GET, "api/v1/customers?q=%00", as: lina)
            #expect(search.status == .badRequest, "\(search.body.string)")
            #expect(Self.fields(search)["q"] != nil, "\(search.body.string)")
            #expect(try await app.send(.GET, "api/v1/customers?q=%E7%8E%8B", as: lina).status == .ok)
            let opened = try await app.openCase(as: lina)
            let id = try #require(opened["id"] as? String)
            var headers = lina.bearer
            headers.contentType = .plainText
            let upload = try await app.testing().sendRequest(.POST, "api/v1/cases/\(id)/attachments?filename=a%00.txt", headers: headers,
                                                             body: ByteBuffer(string: "hello"))
            #expect(upload.status == .badRequest, "\(upload.body.string)")
            #expect(Self.fields(upload)["filename"] != nil)
            // The web form: the new-case form with a NUL in the subject answers 400, and no case is opened.
            _ = try await app.staff("wang", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("wang", "secret-pass-1")
            try await web.get("/cases/new")
            let form = try await web.post("/cases", ["phone": "13812345670", "name": "王", "type": "query", "channel": "phone", "subject": "断\u{0}网"])
            #expect(form.status == .badRequest)
            #expect(try await CaseRecord.query(on: app.db).count() == 1)
            // A web upload (multipart) whose file name holds a NUL: 400, nothing attached.
            try await web.get("/cases/\(id)")
            let boundary = "kefu-test-boundary"
            var multipart = web.headers
            multipart.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let parts = "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(web.csrf)\r\n"
                + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\u{0}.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"
                + "--\(boundary)--\r\n"
            let webUpload = try await app.testing().sendRequest(.POST, "/cases/\(id)/attachments", headers: multipart, body: ByteBuffer(string: parts))
            #expect(webUpload.status == .badRequest, "\(webUpload.status)")
            #expect(try await CaseAttachmentRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("INP-03 the unauthenticated chat start refuses malformed JSON (trailing comma, BOM, lone surrogate) and a NUL, like every endpoint")
    func malformedJSONEverywhere() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            let bodies: [[UInt8]] = [
                Array(#"{"name":"王",}"#.utf8),
                [0xEF, 0xBB, 0xBF] + Array(#"{"name":"王"}"#.utf8),
                Array(#"{"name":"\ud800"}"#.utf8),
                Array(#"{"name":"\udc00x"}"#.utf8),
                Array(#"{"name":"王"} x"#.utf8),
                Array(#"["a",]"#.utf8),
            ]
            for body in bodies {
                let chat = try await Self.raw(app, .POST, "api/v1/chats", body)
                #expect(chat.status == .badRequest, "\(String(decoding: body, as: UTF8.self)): \(chat.body.string)")
                #expect(chat.errorCode == "bad_request")
                let department = try await Self.raw(app, .POST, "api/v1/departments", body, headers: admin.bearer)
                #expect(department.status == .badRequest)
            }
            let nul = try await app.testing().sendRequest(.POST, "api/v1/chats", headers: ["Content-Type": "application/json"],
                                                          body: ByteBuffer(string: #"{"name":"王\u0000"}"#))
            #expect(nul.status == .badRequest)
            #expect(Self.fields(nul)["name"] != nil)
            #expect(try await ChatRecord.query(on: app.db).count() == 0)
            // A well-formed start (a surrogate pair is fine) still works.
            let good = try await app.testing().sendRequest(.POST, "api/v1/chats", headers: ["Content-Type": "application/json"],
                                                           body: ByteBuffer(string: #"{"name":"王\ud83d\ude00"}"#))
            #expect(good.status == .created, "\(good.body.string)")
        }
    }

    @Test("INP-04 impossible dates and years outside 2000–2100 are refused naming the field, never rolled over")
    func strictDates() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await LeaveCast.make(app)
            for (start, end) in [("2027-02-30T09:00:00+08:00", "2027-03-01T16:00:00+08:00"),
                                 ("9999-01-01T09:00:00+08:00", "9999-01-01T16:00:00+08:00"),
                                 ("2026-11-31T09:00:00+08:00", "2026-12-01T16:00:00+08:00"),
                                 ("2026-11-30T25:00:00+08:00", "2026-12-01T16:00:00+08:00")] {
                let response = try await cast.leave(app, as: cast.wang, "personal", start, end)
                #expect(response.status == .badRequest, "\(start): \(response.body.string)")
                #expect(Self.fields(response)["starts_at"] != nil, "\(start): \(response.body.string)")
            }
            #expect(try await LeaveRequestRecord.query(on: app.db).count() == 0)
            // A JSON date-time field (decoded by the shared decoder) and a date-only field.
            let lina = try await app.staff("lina", roles: [.agent])
            let appointment = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "query", "channel": "phone", "subject": "回电", "description": "x", "customer": ["name": "王", "phone": "13812345678"],
                "appointment_at": "2027-02-30T10:00:00+08:00"])
            #expect(appointment.status == .badRequest)
            #expect(Self.fields(appointment)["appointment_at"] != nil, "\(appointment.body.string)")
            let customer = try #require(try await app.openCase(as: lina)["customer"] as? [String: Any])
            let product = try await app.send(.POST, "api/v1/customers/\(try #require(customer["id"] as? String))/products", as: lina,
                                             json: ["model": "X", "purchased_on": "1999-12-31"])
            #expect(product.status == .badRequest)
            #expect(product.body.string.contains("purchased_on"))
        }
    }

    @Test("INP-05 money is exact: over the maximum, three decimals, padding or an exponent are refused; numbers are not rounded through Double")
    func exactMoney() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let cast = try await FinesCast.make(app)
            func reward(_ amount: Any) async throws -> TestingHTTPResponse {
                try await app.send(.POST, "api/v1/rewards", as: cast.leader,
                                   json: ["user_id": cast.wang.id.uuidString, "kind": "bonus", "amount": amount, "reason": "x"])
            }
            for amount in ["99999999999999999999999.99", "1.999", " 100", "100 ", "1e3", "+5", "-5", "1,000", "1000000000.00", ""] {
                let response = try await reward(amount)
                #expect(response.status == .badRequest, "\(amount): \(response.body.string)")
                #expect(Self.fields(response)["amount"] != nil, "\(amount)")
            }
            // JSON numbers, sent as text so that no Double is involved on the way in.
            for number in ["99999999999999999999999.99", "1.999", "1e30", "-1", "0.001"] {
                let response = try await Self.raw(app, .POST, "api/v1/rewards",
                                                  Array(#"{"user_id":"\#(cast.wang.id.uuidString)","kind":"bonus","amount":\#(number),"reason":"x"}"#.utf8),
                                                  headers: cast.leader.bearer)
                #expect(response.status == .badRequest, "\(number): \(response.body.string)")
                #expect(Self.fields(response)["amount"] != nil, "\(number)")
            }
            let exact = try await Self.raw(app, .POST, "api/v1/rewards",
                                           Array(#"{"user_id":"\#(cast.wang.id.uuidString)","kind":"bonus","amount":999999999.99,"reason":"x"}"#.utf8),
                                           headers: cast.leader.bearer)
            #expect(exact.status == .created, "\(exact.body.string)")
            #expect(try exact.object()["amount"] as? String == "999999999.99")
            let text = try await reward("1280.5")
            #expect(try text.object()["amount"] as? String == "1280.50")
        }
    }

    @Test("INP-06 PATCH /users/{id} with a password is 400 naming it; the password is unchanged")
    func patchUserPassword() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            let wang = try await app.staff("wang", roles: [.agent])
            let response = try await app.send(.PATCH, "api/v1/users/\(wang.id)", as: admin, json: ["password": "another-pass-2", "display_name": "王"])
            #expect(response.status == .badRequest, "\(response.body.string)")
            #expect(Self.fields(response)["password"] != nil)
            let user = try #require(try await UserRecord.find(wang.id, on: app.db))
            #expect(user.displayName != "王", "nothing of a refused body is applied")
            let login = try await app.testing().sendRequest(.POST, "api/v1/auth/login", headers: ["Content-Type": "application/json"],
                                                            body: ByteBuffer(string: #"{"username":"wang","password":"secret-pass-1"}"#))
            #expect(login.status == .ok)
            // Known fields still work.
            #expect(try await app.send(.PATCH, "api/v1/users/\(wang.id)", as: admin, json: ["display_name": "王五"]).status == .ok)
        }
    }

    @Test("INP-07 every list carries next_cursor, null on the last page")
    func nextCursorNull() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            for path in ["api/v1/users", "api/v1/departments", "api/v1/cases", "api/v1/customers"] {
                let response = try await app.send(.GET, path, as: admin)
                #expect(response.status == .ok)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
                #expect(body.keys.contains("next_cursor"), "\(path): \(response.body.string)")
                #expect(body["next_cursor"] is NSNull, "\(path)")
            }
        }
    }

    @Test("INP-08 limits: a blank description on POST /cases, a defective quantity of 10^15 are refused naming the field")
    func limits() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            for description in [nil, "", "   "] as [String?] {
                var body: [String: Any] = ["type": "query", "channel": "phone", "subject": "s", "customer": ["name": "王", "phone": "13812345678"]]
                body["description"] = description
                let response = try await app.send(.POST, "api/v1/cases", as: lina, json: body)
                #expect(response.status == .badRequest)
                #expect(Self.fields(response)["description"] != nil, "\(response.body.string)")
            }
            let complaint = try await app.send(.POST, "api/v1/cases", as: lina, json: [
                "type": "complaint", "channel": "phone", "subject": "外壳破裂", "description": "x", "customer": ["name": "王", "phone": "13900001111"],
                "complaint": ["category": "quality", "customer_request": "退货", "defective_qty": 1_000_000_000_000_000]])
            #expect(complaint.status == .badRequest)
            #expect(Self.fields(complaint)["complaint.defective_qty"] != nil, "\(complaint.body.string)")
            #expect(try await CaseRecord.query(on: app.db).count() == 0)
        }
    }
}
