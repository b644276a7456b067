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

@Suite("Web shell: login, CSRF, dashboard, language, admin pages")
struct WebPagesTests {
    @Test("The login page carries a CSRF token; logging in sets an HttpOnly SameSite session cookie and shows the dashboard")
    func loginFlow() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            let page = try await web.get("/login")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"login-form\""))
            #expect(!web.csrf.isEmpty)
            let login = try await web.post("/login", ["username": "lina", "password": "secret-pass-1"])
            #expect(login.status == .seeOther)
            let cookie = try #require(login.headers[.setCookie].first { $0.hasPrefix("kefu_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let dashboard = try await web.get("/")
            #expect(dashboard.status == .ok)
            #expect(dashboard.body.string.contains("id=\"inbox\""))
            #expect(dashboard.body.string.contains("id=\"approvals-waiting\""))
            #expect(dashboard.body.string.contains("data-lang=\"zh-Hans\""))
            #expect(dashboard.body.string.contains("工作台"))
        }
    }

    @Test("A form without its CSRF token is refused with 403 and changes nothing")
    func csrfRequired() async throws {
        try await withTestApp { app in
            _ = try await app.staff("boss", roles: [.admin])
            var web = WebSession(app)
            try await web.get("/login")
            #expect(try await web.post("/login", ["username": "boss", "password": "secret-pass-1"], withCSRF: false).status == .forbidden)
            try await web.logIn("boss", "secret-pass-1")
            let refused = try await web.post("/admin/users", ["username": "sneaky", "display_name": "X", "password": "secret-pass-1", "roles[]": "admin"], withCSRF: false)
            #expect(refused.status == .forbidden)
            #expect(try await UserRepository(db: app.db).find(username: "sneaky") == nil)
        }
    }

    @Test("Anonymous visitors are sent to the login page; a wrong password re-renders it with an error")
    func anonymous() async throws {
        try await withTestApp { app in
            _ = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            let home = try await web.get("/")
            #expect(home.status == .seeOther)
            #expect(home.headers.first(name: .location)?.hasPrefix("/login") == true)
            try await web.get("/login")
            let wrong = try await web.post("/login", ["username": "lina", "password": "nope-nope"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("flash-error"))
        }
    }

    @Test("The language switch turns the UI to English and is remembered for the user")
    func languageSwitch() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let switched = try await web.post("/language", ["language": "en", "back": "/"])
            #expect(switched.status == .seeOther)
            let page = try await web.get("/")
            #expect(page.body.string.contains("data-lang=\"en\""))
            #expect(page.body.string.contains("Dashboard"))
            #expect(try await UserRepository(db: app.db).find(lina.id)?.language == "en")
        }
    }

    @Test("An admin creates a user on the admin page; an empty username re-renders the form with the message")
    func adminCreatesUser() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            var web = WebSession(app)
            try await web.logIn("boss", admin.password)
            #expect(try await web.get("/admin/users").status == .ok)
            let bad = try await web.post("/admin/users", ["username": "", "display_name": "陈静", "password": "secret-pass-1", "roles[]": "agent"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("field-error"))
            #expect(bad.body.string.contains("陈静"))
            let good = try await web.post("/admin/users", ["username": "chenjing", "display_name": "陈静", "password": "secret-pass-1", "roles[]": "agent"])
            #expect(good.status == .seeOther)
            let list = try await web.get("/admin/users")
            #expect(list.body.string.contains("chenjing"))
            #expect(list.body.string.contains("用户已创建") || list.body.string.contains("业务代表"))
        }
    }

    @Test("An agent sees no admin navigation and gets 403 on admin pages")
    func agentHasNoAdmin() async throws {
        try await withTestApp { app in
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let home = try await web.get("/")
            #expect(!home.body.string.contains("href=\"/admin/users\""))
            #expect(try await web.get("/admin/users").status == .forbidden)
        }
    }

    @Test("Every admin and inbox page renders for an admin", arguments: [
        "/admin/users", "/admin/departments", "/admin/teams", "/admin/rulebook", "/approvals", "/notifications", "/account/password",
    ])
    func pagesRender(path: String) async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            var web = WebSession(app)
            try await web.logIn("boss", admin.password)
            let page = try await web.get(path)
            #expect(page.status == .ok, "\(path)")
            #expect(page.body.string.contains("</html>"))
        }
    }

    @Test("Output is escaped: a display name with markup shows as text")
    func escaping() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            _ = try await CreateUser(db: app.db, services: app.services, hashing: app.passwordHashing).run(
                .init(username: "evil", displayName: "<script>alert(1)</script>", password: "secret-pass-1", roles: [.agent]), actor: (nil, "t"))
            var web = WebSession(app)
            try await web.logIn("boss", admin.password)
            let page = try await web.get("/admin/users")
            #expect(!page.body.string.contains("<script>alert(1)</script>"))
            #expect(page.body.string.contains("&lt;script&gt;"))
        }
    }
}

@Suite("Admin edits a user on the web")
struct AdminUserEditTests {
    @Test("An admin changes a user's roles on the edit page; a stale form is refused with the current version named")
    func editUser() async throws {
        try await withTestApp { app in
            let admin = try await app.staff("boss", roles: [.admin])
            let lina = try await app.staff("lina", roles: [.agent])
            var web = WebSession(app)
            try await web.logIn("boss", admin.password)
            let page = try await web.get("/admin/users/\(lina.id)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"user-edit-form\""))
            let saved = try await web.post("/admin/users/\(lina.id)", ["display_name": "李娜", "roles[]": "team_leader", "active": "on", "version": "1"])
            #expect(saved.status == .seeOther)
            let user = try #require(try await UserRepository(db: app.db).find(lina.id))
            #expect(user.roles == [.teamLeader])
            #expect(user.displayName == "李娜")
            try await web.get("/admin/users/\(lina.id)")
            let stale = try await web.post("/admin/users/\(lina.id)", ["display_name": "别名", "roles[]": "agent", "active": "on", "version": "1"])
            #expect(stale.status == .unprocessableEntity)
            #expect(stale.body.string.contains("field-error"))
            #expect(try await UserRepository(db: app.db).find(lina.id)?.displayName == "李娜")
        }
    }
}
