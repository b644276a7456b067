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

@Suite("Login, tokens and login protection (API)")
struct AuthAPITests {
    @Test("Logging in returns a token that opens /me; logging out revokes it")
    func loginLogout() async throws {
        try await withTestApp { app in
            // given
            _ = try await app.staff("lina", roles: [.agent])
            var token = ""
            // when
            try await app.testing().test(.POST, "api/v1/auth/login", beforeRequest: { req in
                try req.content.encode(["username": "lina", "password": "secret-pass-1"])
            }, afterResponse: { res async throws in
                #expect(res.status == .ok)
                struct Body: Decodable { let token: String }
                token = try res.json(Body.self).token
                #expect(!res.body.string.contains("password"))
            })
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: token)
            // then
            try await app.testing().test(.GET, "api/v1/me", headers: headers) { res async in
                #expect(res.status == .ok)
                #expect(res.body.string.contains("\"username\":\"lina\""))
            }
            try await app.testing().test(.POST, "api/v1/auth/logout", headers: headers) { res async in #expect(res.status == .noContent) }
            try await app.testing().test(.GET, "api/v1/me", headers: headers) { res async in
                #expect(res.status == .unauthorized)
                #expect(res.errorCode == "unauthorized")
            }
        }
    }

    @Test("A wrong password is 401 with the error body; the answer is the same for an unknown username")
    func wrongPassword() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            var bodies: [String] = []
            for username in ["lina", "nobody"] {
                try await app.testing().test(.POST, "api/v1/auth/login", headers: ["Accept-Language": "en"], beforeRequest: { req in
                    try req.content.encode(["username": username, "password": "wrong-password"])
                }, afterResponse: { res async in
                    #expect(res.status == .unauthorized)
                    #expect(res.errorCode == "unauthorized")
                    bodies.append(res.body.string)
                })
            }
            #expect(bodies[0] == bodies[1])
        }
    }

    @Test("After 5 failed logins in 15 minutes the account is locked, even for the right password; 15 minutes later it opens")
    func lockout() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            let start = app.services.now()
            app.services.now = { start }
            for _ in 0..<5 {
                try await app.testing().test(.POST, "api/v1/auth/login", beforeRequest: { req in
                    try req.content.encode(["username": "lina", "password": "wrong-password"])
                }, afterResponse: { res async in #expect(res.status == .unauthorized) })
            }
            try await app.testing().test(.POST, "api/v1/auth/login", beforeRequest: { req in
                try req.content.encode(["username": "lina", "password": "secret-pass-1"])
            }, afterResponse: { res async in
                #expect(res.status == .tooManyRequests)
                #expect(res.errorCode == "rate_limited")
            })
            app.services.now = { start.addingTimeInterval(15 * 60 + 1) }
            try await app.testing().test(.POST, "api/v1/auth/login", beforeRequest: { req in
                try req.content.encode(["username": "lina", "password": "secret-pass-1"])
            }, afterResponse: { res async in #expect(res.status == .ok) })
        }
    }

    @Test("An expired token and a garbage token are both 401")
    func expiredToken() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            try await app.testing().test(.GET, "api/v1/me", headers: ["Authorization": "Bearer not-a-token"]) { res async in
                #expect(res.status == .unauthorized)
            }
            let later = app.services.now().addingTimeInterval(31 * 86_400)
            app.services.now = { later }
            try await app.testing().test(.GET, "api/v1/me", headers: lina.bearer) { res async in #expect(res.status == .unauthorized) }
        }
    }

    @Test("Changing one's password needs the current one and revokes the other tokens")
    func changePassword() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let other = try await LogIn(db: app.db, services: app.services, password: app.passwordHashing)
                .run(username: "lina", password: lina.password, kind: .api)
            try await app.testing().test(.POST, "api/v1/me/password", headers: lina.bearer, beforeRequest: { req in
                try req.content.encode(["current_password": "wrong-one", "new_password": "another-pass-2"])
            }, afterResponse: { res async in
                #expect(res.status == .badRequest)
                #expect(res.errorCode == "validation_failed")
                #expect(res.body.string.contains("current_password"))
            })
            try await app.testing().test(.POST, "api/v1/me/password", headers: lina.bearer, beforeRequest: { req in
                try req.content.encode(["current_password": lina.password, "new_password": "another-pass-2"])
            }, afterResponse: { res async in #expect(res.status == .noContent) })
            try await app.testing().test(.GET, "api/v1/me", headers: ["Authorization": "Bearer \(other.secret)"]) { res async in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.GET, "api/v1/me", headers: lina.bearer) { res async in #expect(res.status == .ok) }
        }
    }

    @Test("Nothing about the signed-in account is cached: deactivating it, changing its roles or revoking its token applies at the next request")
    func noCachedAccount() async throws {
        try await withTestApp { app in
            // given
            let lina = try await app.staff("lina", roles: [.agent])
            let bob = try await app.staff("bob", roles: [.agent])
            #expect(try await app.send(.GET, "api/v1/cases", as: lina).status == .ok)
            // when: another node changes the rows behind the token (no request of this app is involved)
            try await UserRecord.query(on: app.db).filter(\.$id == lina.id).set(\.$rolesText, to: ",hr,").update()
            // then: HR does not read cases
            #expect(try await app.send(.GET, "api/v1/cases", as: lina).status == .forbidden)
            try await UserRecord.query(on: app.db).filter(\.$id == lina.id).set(\.$active, to: false).update()
            try await app.testing().test(.GET, "api/v1/me", headers: lina.bearer) { res async in #expect(res.status == .unauthorized) }
            try await AuthTokenRecord.query(on: app.db).filter(\.$userID == bob.id).set(\.$revokedAt, to: app.services.now()).update()
            try await app.testing().test(.GET, "api/v1/me", headers: bob.bearer) { res async in #expect(res.status == .unauthorized) }
        }
    }

    @Test("An API token is not a session cookie and a session cookie is not an API token")
    func tokenKinds() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let session = try await LogIn(db: app.db, services: app.services, password: app.passwordHashing)
                .run(username: "lina", password: lina.password, kind: .web)
            try await app.testing().test(.GET, "api/v1/me", headers: ["Authorization": "Bearer \(session.secret)"]) { res async in
                #expect(res.status == .unauthorized)
            }
            try await app.testing().test(.GET, "/", headers: ["Cookie": "kefu_session=\(lina.token)"]) { res async in
                #expect(res.status == .seeOther, "sent to the login page, not signed in")
            }
            try await app.testing().test(.GET, "/", headers: ["Cookie": "kefu_session=\(session.secret)"]) { res async in
                #expect(res.status == .ok)
            }
        }
    }

    @Test("Signing a request in reads one statement: the token joined with its active user")
    func oneStatement() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            let recorder = SQLRecorder()
            let db = app.databases.database(logger: Logger(label: "kefu.auth") { _ in SQLRecordingHandler(recorder: recorder) },
                                            on: app.eventLoopGroup.any())!
            let account = try await AuthRepository(db: db).signedIn(hash: TokenSecret.hash(lina.token), kind: "api", at: app.services.now())
            #expect(account?.userID == lina.id)
            #expect(account?.roles == [.agent])
            #expect(recorder.statements.count == 1, "\(recorder.statements)")
            #expect(try await AuthRepository(db: app.db).signedIn(hash: TokenSecret.hash(lina.token), kind: "web", at: app.services.now()) == nil)
        }
    }
}
