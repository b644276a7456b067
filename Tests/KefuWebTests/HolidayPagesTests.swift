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

/// SHF-16 / GOV-02: an administrator enters or imports a year's public holidays and 调休 days without
/// editing YAML; the edit is a new rulebook version; a missing year is warned about and refuses nothing.
/// The 2027 dates below are test data, not the State Council's (its 2027 notice is not published here).
@Suite("Public holidays and make-up days (SHF-16)")
struct HolidayPagesTests {
    static let holidays = "2027-01-01 元旦\n2027-02-06..2027-02-13 春节"

    func admin(_ app: Application, at instant: Date = .t0) async throws -> (TestStaff, WebSession) {
        app.services.now = { instant }
        let admin = try await app.staff("admin1", roles: [.admin])
        var web = WebSession(app)
        try await web.logIn("admin1", admin.password)
        return (admin, web)
    }

    @Test("SHF-16 GOV-02 a year entered on the page becomes a new rulebook version in force at once, audited, old decisions keep theirs")
    func enterYear() async throws {
        try await withTestApp { app in
            var (_, web) = try await admin(app)
            let before = app.services.rulebook.versionShort
            #expect(app.services.rulebook.calendar.isWorkingDay(LocalDate(year: 2027, month: 2, day: 10)))
            let page = try await web.get("/admin/rulebook/holidays")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("春节"))
            let saved = try await web.post("/admin/rulebook/holidays", [
                "year": "2027", "source": "test notice", "holidays": Self.holidays, "make_ups": "2027-02-20 春节调休", "action": "save"])
            #expect(saved.status == .seeOther)
            #expect(saved.headers.first(name: .location)?.hasPrefix("/admin/rulebook/versions/") == true)
            let calendar = app.services.rulebook.calendar
            #expect(!calendar.isWorkingDay(LocalDate(year: 2027, month: 2, day: 10)))
            #expect(calendar.isWorkingDay(LocalDate(year: 2027, month: 2, day: 20)))
            #expect(calendar.holidays.contains(LocalDate(year: 2026, month: 2, day: 17)))
            #expect(app.services.rulebook.versionShort != before)
            // A decision made a second earlier still finds the version it recorded in force at its instant.
            #expect(app.services.rulebooks.inForce(at: Date.t0.addingTimeInterval(-1)).rulebook.versionShort == before)
            let record = try #require(try await RulebookVersionRecord.query(on: app.db).first())
            #expect(record.content.contains("# 2027: test notice"))
            #expect(record.uploadedByName == "Admin1")
            let audit = try await AuditRepository(db: app.db).timeline(subjectType: "rulebook_version", subjectID: record.id!, after: nil, limit: 5)
            #expect(audit.items.map(\.action) == ["rulebook.scheduled"])
            // The page now lists 2027 with its names, and no warning is left.
            let after = try await web.get("/admin/rulebook/holidays")
            #expect(after.body.string.contains("id=\"holidays-2027\""))
            #expect(after.body.string.contains("2027-02-06 – 2027-02-13"))
            #expect(!after.body.string.contains("holiday-warning"))
        }
    }

    @Test("SHF-16 an impossible date re-renders the form with the message and everything typed kept; nothing is stored")
    func impossibleDate() async throws {
        try await withTestApp { app in
            var (_, web) = try await admin(app)
            _ = try await web.get("/admin/rulebook/holidays")
            let refused = try await web.post("/admin/rulebook/holidays", [
                "year": "2027", "source": "test notice", "holidays": "2027-02-30 春节", "make_ups": "2027-02-20 补班", "action": "save"])
            #expect(refused.status == .badRequest)
            let body = refused.body.string
            #expect(body.contains("2027-02-30 春节</textarea>"))
            #expect(body.contains("2027-02-20 补班</textarea>"))
            #expect(body.contains("value=\"test notice\""))
            #expect(body.contains("第1行") || body.contains("Line 1"))
            #expect(try await RulebookVersionRecord.query(on: app.db).count() == 0)
            let outside = try await web.post("/admin/rulebook/holidays", [
                "year": "2027", "source": "test notice", "holidays": "2028-02-06 春节", "action": "preview"])
            #expect(outside.status == .badRequest)
            let noSource = try await web.post("/admin/rulebook/holidays", ["year": "2027", "holidays": Self.holidays, "action": "save"])
            #expect(noSource.status == .badRequest)
        }
    }

    @Test("SHF-16 an iCalendar upload fills the form (make-up days by name) without saving; preview shows the change")
    func importICalendar() async throws {
        try await withTestApp { app in
            var (_, web) = try await admin(app)
            _ = try await web.get("/admin/rulebook/holidays")
            let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270214\r\nSUMMARY:春节\r\nEND:VEVENT\r\n"
                + "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20270220\r\nSUMMARY:春节补班\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            let boundary = "kefu-test-boundary"
            var body = ""
            for (name, value) in [("csrf_token", web.csrf), ("action", "import"), ("kind", "auto"), ("source", "test notice")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"2027.ics\"\r\nContent-Type: text/calendar\r\n\r\n\(ics)\r\n--\(boundary)--\r\n"
            var headers = web.headers
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
            let response = try await app.testing().sendRequest(.POST, "/admin/rulebook/holidays", headers: headers, body: ByteBuffer(string: body))
            #expect(response.status == .ok, "\(response.body.string.prefix(500))")
            #expect(response.body.string.contains("2027-02-06..2027-02-13 春节</textarea>"))
            #expect(response.body.string.contains("2027-02-20 春节补班</textarea>"))
            #expect(response.body.string.contains("value=\"2027\""))
            #expect(try await RulebookVersionRecord.query(on: app.db).count() == 0)
            web.remember(response)
            let preview = try await web.post("/admin/rulebook/holidays", [
                "year": "2027", "source": "test notice", "holidays": "2027-02-06..2027-02-13 春节", "make_ups": "2027-02-20 春节补班", "action": "preview"])
            #expect(preview.status == .ok)
            #expect(preview.body.string.contains("calendar.holidays"))
            #expect(try await RulebookVersionRecord.query(on: app.db).count() == 0)
        }
    }

    @Test("SHF-16 from 1 November the admin's dashboard warns that the coming year has no holidays; an agent's does not; nothing is refused")
    func dashboardWarning() async throws {
        try await withTestApp { app in
            var (_, web) = try await admin(app, at: Date(timeIntervalSince1970: 1_793_462_340))  // 2026-10-31 23:59 Shanghai
            #expect(!(try await web.get("/").body.string.contains("holiday-warnings")))
            app.services.now = { Date(timeIntervalSince1970: 1_793_462_400) }  // 2026-11-01 00:00 Shanghai
            let warned = try await web.get("/").body.string
            #expect(warned.contains("holiday-warnings"))
            #expect(warned.contains("2027"))
            #expect(RulebookStatus.lines(app).contains { $0.hasPrefix("warning:") && $0.contains("2027") })
            // `kefu rules check FILE` says the same of the file's calendar; the file stays valid.
            let file = try Rulebook.load(defaults: KefuResources.defaultRulebookText(), override: "notices:\n  archive_after_days: 45\n")
            let fileWarnings = try RulebookStatus.holidayWarnings(for: file, settings: app.services.settings, now: { Date(timeIntervalSince1970: 1_793_462_400) })
            #expect(fileWarnings.count == 1 && fileWarnings[0].contains("2027"))
            let agent = try await app.staff("lina", roles: [.agent])
            var agentWeb = WebSession(app)
            try await agentWeb.logIn("lina", agent.password)
            #expect(!(try await agentWeb.get("/").body.string.contains("holiday-warnings")))
            #expect(try await app.send(.GET, "api/v1/rulebook/holidays", as: agent).status == .forbidden)
            // On 1 January 2027 the current year is missing (the coming one is not checked before November).
            app.services.now = { Date(timeIntervalSince1970: 1_798_732_800) }  // 2027-01-01 00:00 Shanghai
            #expect(HolidayWarnings.current(app.services) == [.currentYearMissing(2027)])
        }
    }

    @Test("SHF-16 the API stores a year (lists or a date list) as a version and lists the years with the warnings")
    func api() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let admin = try await app.staff("admin1", roles: [.admin])
            let listed = try await app.send(.GET, "api/v1/rulebook/holidays", as: admin).object()
            #expect((listed["warnings"] as? [[String: Any]])?.first?["kind"] as? String == "next_year_missing")
            #expect((listed["years"] as? [[String: Any]])?.map { $0["year"] as? Int } == [2026, 2025])
            let bad = try await app.send(.POST, "api/v1/rulebook/holidays", as: admin, json: [
                "year": 2027, "source": "test notice", "holidays": [["from": "2027-02-30", "name": "春节"]]])
            #expect(bad.status == .badRequest)
            #expect(bad.body.string.contains("holidays[0].from"))
            let created = try await app.send(.POST, "api/v1/rulebook/holidays", as: admin, json: [
                "year": 2027, "source": "test notice", "list": Self.holidays,
                "make_up_workdays": [["date": "2027-02-20", "name": "春节调休"]]])
            #expect(created.status == .created, "\(created.body.string)")
            #expect(try created.object()["state"] as? String == "in_force")
            #expect(app.services.rulebook.calendar.holidays.contains(LocalDate(year: 2027, month: 2, day: 13)))
            let after = try await app.send(.GET, "api/v1/rulebook/holidays", as: admin).object()
            #expect((after["warnings"] as? [Any])?.isEmpty == true)
            #expect((after["years"] as? [[String: Any]])?.first?["year"] as? Int == 2027)
        }
    }
}
