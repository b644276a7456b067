import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

@Suite("Bad input gets a clear 4xx, never a 500")
struct BadInputTests {
    @Test("Malformed JSON is 400 bad_request")
    func malformedJSON() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing().test(.POST, "api/v1/departments", headers: admin.bearer, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"name\": \"客服部\", ")
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "bad_request")
            })
        }
    }

    @Test("A wrong type is 400 bad_request naming the field")
    func wrongType() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing().test(.POST, "api/v1/departments", headers: admin.bearer, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"name\": 42, \"kind\": \"sales\"}")
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "bad_request")
                #expect(res.body.string.contains("\"name\""))
            })
        }
    }

    @Test("An unknown enum value is 400 bad_request")
    func unknownEnum() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing().test(.POST, "api/v1/departments", headers: admin.bearer, beforeRequest: { req in
                try req.content.encode(["name": "客服部", "kind": "spaceship"])
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "bad_request")
                #expect(res.body.string.contains("kind"))
            })
        }
    }

    @Test("A missing required field is 400 validation_failed listing it")
    func missingField() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing().test(.POST, "api/v1/users", headers: admin.bearer, beforeRequest: { req in
                try req.content.encode(["username": "newbie", "password": "secret-pass-1"])
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "validation_failed")
                #expect(res.body.string.contains("\"fields\""))
            })
        }
    }

    @Test("Every invalid field is reported at once, in the caller's language")
    func allFieldsAtOnce() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing().test(.POST, "api/v1/users", headers: ["Authorization": "Bearer \(admin.token)", "Accept-Language": "en"], beforeRequest: { req in
                try req.content.encode(CreateUserBody(username: "X!", display_name: "", password: "short", roles: []))
            }, afterResponse: { res async throws in
                #expect(res.status == .badRequest)
                struct Body: Decodable { struct E: Decodable { let fields: [String: String] }; let error: E }
                let fields = try res.json(Body.self).error.fields
                #expect(Set(fields.keys) == ["username", "display_name", "password", "roles"])
                #expect(fields["password"] == "Password: at least 8 characters")
            })
        }
    }

    @Test("A 10 MB body is 413 payload_too_large")
    func hugeBody() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            try await app.testing(method: .running(port: 0)).test(.POST, "api/v1/departments", headers: admin.bearer, beforeRequest: { req in
                req.headers.contentType = .json
                req.body = ByteBuffer(string: "{\"name\": \"" + String(repeating: "x", count: 10 * 1024 * 1024) + "\", \"kind\": \"sales\"}")
            }, afterResponse: { res async in
                #expect(res.status == .payloadTooLarge)
                #expect(res.errorCode == "payload_too_large")
            })
        }
    }

    @Test("A user without the permission gets 403 forbidden")
    func forbidden() async throws {
        try await withTestApp { app in
            let agent = try await app.staff("lina", roles: [.agent])
            try await app.testing().test(.POST, "api/v1/departments", headers: agent.bearer, beforeRequest: { req in
                try req.content.encode(["name": "客服部", "kind": "customer_service"])
            }, afterResponse: { res async in
                #expect(res.status == .forbidden)
                #expect(res.errorCode == "forbidden")
            })
            try await app.testing().test(.GET, "api/v1/users") { res async in #expect(res.status == .unauthorized) }
        }
    }

    @Test("A stale version is 409 conflict and changes nothing")
    func staleVersion() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            let lina = try await app.staff("lina", roles: [.agent])
            try await app.testing().test(.PATCH, "api/v1/users/\(lina.id)", headers: admin.bearer, beforeRequest: { req in
                try req.content.encode(PatchBody(display_name: "李娜", version: 1))
            }, afterResponse: { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"version\":2"))
            })
            try await app.testing().test(.PATCH, "api/v1/users/\(lina.id)", headers: admin.bearer, beforeRequest: { req in
                try req.content.encode(PatchBody(display_name: "别的名字", version: 1))
            }, afterResponse: { res async in
                #expect(res.status == .conflict)
                #expect(res.errorCode == "conflict")
            })
            try await app.testing().test(.GET, "api/v1/users/\(lina.id)", headers: admin.bearer) { res async in
                #expect(res.body.string.contains("李娜"))
            }
        }
    }

    @Test("A leader reading a user of another department gets 404, a user of their own department 200")
    func otherDepartment() async throws {
        try await withTestApp { app in
            let cs = try await app.department("客服部")
            let sales = try await app.department("销售部", kind: .sales)
            let leader = try await app.staff("lina", roles: [.teamLeader], departmentID: cs)
            let colleague = try await app.staff("chen", roles: [.agent], departmentID: cs)
            let stranger = try await app.staff("xuqiang", roles: [.agent], departmentID: sales)
            try await app.testing().test(.GET, "api/v1/users/\(stranger.id)", headers: leader.bearer) { res async in
                #expect(res.status == .notFound)
                #expect(res.errorCode == "not_found")
            }
            try await app.testing().test(.GET, "api/v1/users/\(colleague.id)", headers: leader.bearer) { res async in
                #expect(res.status == .ok)
            }
            try await app.testing().test(.GET, "api/v1/users", headers: leader.bearer) { res async in
                #expect(res.body.string.contains("chen"))
                #expect(!res.body.string.contains("\"xuqiang\""))
            }
        }
    }

    @Test("A bad limit or cursor is 400, never a 500")
    func badPagination() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            for query in ["limit=0", "limit=201", "limit=abc", "cursor=%%%"] {
                try await app.testing().test(.GET, "api/v1/users?\(query)", headers: admin.bearer) { res async in
                    #expect(res.status == .badRequest, "\(query)")
                }
            }
        }
    }
}

struct CreateUserBody: Content {
    let username: String
    let display_name: String
    let password: String
    let roles: [String]
}

struct PatchBody: Content {
    let display_name: String
    let version: Int
}
