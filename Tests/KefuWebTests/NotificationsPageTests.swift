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

/// Issue 21 item 8 (notification flood): one notification per thing that needs the reader, "needs me now" apart
/// from "for my information", grouped by case, "mark all read", and the morning digest.
@Suite("Notifications inbox: sections, one line per case, mark all read, the morning digest")
struct NotificationsPageTests {
    /// A notice of `kind` for `users`, as the features raise them.
    func notify(_ app: Application, _ users: [UUID], kind: String, titleKey: String, argument: String = "", wordKey: String? = nil,
                subject: UUID? = nil, key: String) async throws {
        try await Notifier(db: app.db, services: app.services).notify(users, .init(
            kind: kind, titleKey: titleKey, titleArgument: argument, link: subject.map { "/cases/\($0)" },
            subjectType: subject.map { _ in "case" }, subjectID: subject, dedupeKey: key, titleWordKey: wordKey))
    }

    /// The part of a page between the element with `id` and the next section.
    func section(_ page: String, _ id: String) -> String {
        guard let start = page.range(of: "id=\"\(id)\"") else { return "" }
        let rest = page[start.upperBound...]
        let end = rest.range(of: "<section")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }

    /// What the reader sees: the page without tags, scripts and styles.
    func visibleText(_ page: String) -> String {
        page.replacingOccurrences(of: #"<script[\s\S]*?</script>|<style[\s\S]*?</style>"#, with: " ", options: .regularExpression)
            .replacingOccurrences(of: #"<[^>]*>"#, with: " ", options: .regularExpression)
    }

    @Test("Mark all read empties the unread count; a section's button marks only that section")
    func markAllRead() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            for index in 0..<3 {
                try await notify(app, [lina.id], kind: "case.assigned", titleKey: "notice.case_assigned", argument: "KS-20261123-000\(index)",
                                 subject: UUID(), key: "assigned:\(index)")
            }
            for index in 0..<2 {
                try await notify(app, [lina.id], kind: "meeting.scheduled", titleKey: "notice.meeting_scheduled", argument: "周例会 \(index)",
                                 key: "meeting:\(index)")
            }
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let before = try await web.get("/notifications").body.string
            #expect(before.contains("<span class=\"badge\" id=\"unread-total\">5</span>"))
            // One section: only the "for my information" ones.
            let fyi = try await web.post("/notifications/read-all", ["section": "fyi"])
            #expect(fyi.status == .seeOther)
            let repository = NotificationRepository(db: app.db)
            #expect(try await repository.unreadCount(userID: lina.id, section: .forInformation) == 0)
            #expect(try await repository.unreadCount(userID: lina.id, section: .needsMe) == 3)
            // Without the CSRF token nothing happens.
            #expect(try await web.post("/notifications/read-all", ["section": ""], withCSRF: false).status == .forbidden)
            #expect(try await repository.unreadCount(userID: lina.id) == 3)
            let all = try await web.post("/notifications/read-all", ["section": ""])
            #expect(all.status == .seeOther)
            #expect(try await repository.unreadCount(userID: lina.id) == 0)
            let after = try await web.get("/notifications?flash=flash.notifications_all_read").body.string
            #expect(after.contains("<span class=\"badge\" id=\"unread-total\">0</span>"))
            #expect(after.contains("已全部标为已读"))
            #expect(!after.contains("id=\"mark-all-read\""))
            // Someone else's inbox is untouched; a made-up section is refused.
            #expect(try await web.post("/notifications/read-all", ["section": "later"]).status == .badRequest)
        }
    }

    @Test("The API marks all read (or one section) and answers what is left; the list says each notification's section in words")
    func apiMarkAllRead() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let wang = try await app.staff("wang", roles: [.agent])
            try await notify(app, [lina.id, wang.id], kind: "case.assigned", titleKey: "notice.case_assigned", argument: "KS-1",
                             subject: UUID(), key: "assigned")
            try await notify(app, [lina.id], kind: "approval.finished", titleKey: "notice.approval_approved",
                             wordKey: "subject.leave_request", key: "approval")
            var headers = lina.bearer
            headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let list = try await app.testing().sendRequest(.GET, "api/v1/notifications?section=fyi", headers: headers).items()
            #expect(list.count == 1)
            #expect(list.first?["section"] as? String == "fyi")
            #expect(list.first?["kind_label"] as? String == "Approval decided")
            #expect(list.first?["title"] as? String == "Approved: Leave request")
            #expect(try await app.send(.GET, "api/v1/notifications?section=later", as: lina).status == .badRequest)
            let needs = try await app.send(.POST, "api/v1/notifications/read-all", as: lina, json: ["section": "needs_me"])
            #expect(needs.status == .ok)
            #expect(try needs.object()["marked"] as? Int == 1)
            #expect((try needs.object()["unread"] as? [String: Any])?["fyi"] as? Int == 1)
            #expect(try await app.send(.POST, "api/v1/notifications/read-all", as: lina, json: ["section": "later"]).status == .badRequest)
            let rest = try await app.send(.POST, "api/v1/notifications/read-all", as: lina)
            #expect(try rest.object()["marked"] as? Int == 1)
            #expect(try await NotificationRepository(db: app.db).unreadCount(userID: lina.id) == 0)
            #expect(try await NotificationRepository(db: app.db).unreadCount(userID: wang.id) == 1)
        }
    }

    @Test("Repeated deadline warnings of one case leave one notification (and its breaches one more), back on top and unread; one line on the page; the leader gets one")
    func oneNotificationPerCase() async throws {
        try await withTestApp { app in
            let clock = TestClock(.t0)
            app.services.now = { clock.now }
            let cs = try await app.department("客服部")
            let lina = try await app.staff("lina", roles: [.agent], departmentID: cs)
            let leader = try await app.staff("leader", roles: [.teamLeader], departmentID: cs)
            let id = try #require(UUID(uuidString: try await app.openCase(as: lina)["id"] as! String))
            let scanner = ScanDeadlines(db: app.db, services: app.services)
            let repository = NotificationRepository(db: app.db)
            func mine() async throws -> [NotificationRecord] {
                try await repository.inbox(userID: lina.id, filter: .all, after: nil, limit: 50).items.filter { $0.subjectID == id }
            }
            // Dispatch (30 business minutes) warns at 10:24 and breaches at 10:30; the first response (2 business hours)
            // warns at 11:36 and breaches at 12:00. The old inbox had four notifications for this one case.
            var events = 0
            for minutes in [25, 35, 100, 125] {
                clock.now = Date.t0.addingTimeInterval(Double(minutes) * 60)
                let report = try await scanner.run(now: clock.now)
                events += report.warned + report.breached
                if minutes == 35 {
                    #expect(try await mine().map(\.repeatCount) == [1, 1])
                    // Read in between: the next warning brings it back, unread.
                    try await repository.markAllRead(userID: lina.id, section: nil, at: clock.now)
                }
            }
            #expect(events == 4)
            let rows = try await mine()
            #expect(rows.map(\.kind) == ["case.deadline_breach", "case.deadline_warning"])
            #expect(rows.allSatisfy { $0.readAt == nil && $0.titleWordKey == "deadline.kind.first_response" })
            #expect(rows.first?.createdAt == Date.t0.addingTimeInterval(125 * 60))
            let leaderRows = try await repository.inbox(userID: leader.id, filter: .all, after: nil, limit: 50).items
            #expect(leaderRows.count == 1)
            #expect(leaderRows.first?.titleKey == "notice.case_breaches_escalated" && leaderRows.first?.repeatCount == 2)
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let page = try await web.get("/notifications").body.string
            #expect(page.components(separatedBy: "data-group=\"case:\(id.uuidString.lowercased())\"").count == 2)
            #expect(page.contains("工单已超时：") && page.contains("工单时限即将到期：") && page.contains("首次响应"))
            var leaderWeb = WebSession(app)
            try await leaderWeb.logIn("leader", leader.password)
            #expect(try await leaderWeb.get("/notifications").body.string.contains("上次阅读后更新 2 次"))
        }
    }

    @Test("Needs me now and for my information are separate sections, each grouped by case")
    func sections() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent])
            let caseID = UUID()
            try await notify(app, [lina.id], kind: "case.assigned", titleKey: "notice.case_assigned", argument: "KS-20261123-0007",
                             subject: caseID, key: "assigned")
            app.services.now = { .t0.addingTimeInterval(60) }
            try await notify(app, [lina.id], kind: "case.deadline_warning", titleKey: "notice.case_deadline_warning",
                             argument: "KS-20261123-0007", wordKey: "deadline.kind.resolve", subject: caseID, key: "deadline")
            try await notify(app, [lina.id], kind: "meeting.scheduled", titleKey: "notice.meeting_scheduled", argument: "班务会", key: "meeting")
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            let page = try await web.get("/notifications").body.string
            let needsMe = section(page, "needs_me"), fyi = section(page, "fyi")
            #expect(needsMe.contains("需要我处理") && needsMe.contains("KS-20261123-0007") && !needsMe.contains("班务会"))
            #expect(fyi.contains("供我知悉") && fyi.contains("班务会") && !fyi.contains("KS-20261123-0007"))
            // The case's two notices are one line: the newest first, the assignment under it.
            #expect(needsMe.components(separatedBy: "data-group=").count == 2)
            #expect(needsMe.contains("工单时限即将到期：KS-20261123-0007 · 解决"))
            #expect(needsMe.contains("class=\"earlier\"") && needsMe.contains("新工单派给您"))
            // Marking the group read leaves the other section alone.
            let group = "case:\(caseID.uuidString.lowercased())"
            #expect(try await web.post("/notifications/read-group", ["group": group, "section": "needs_me"]).status == .seeOther)
            #expect(try await NotificationRepository(db: app.db).unreadCount(userID: lina.id, section: .needsMe) == 0)
            #expect(try await NotificationRepository(db: app.db).unreadCount(userID: lina.id, section: .forInformation) == 1)
            #expect(try await web.post("/notifications/read-group", ["group": "case:nope", "section": "needs_me"]).status == .badRequest)
            // The dashboard leads with what needs the user and counts the rest.
            let home = try await web.get("/").body.string
            #expect(home.contains("另有 1 条供我知悉的通知"))
        }
    }

    @Test("No code words on the page in either language: kinds, clocks and subjects in words, times in the organization's zone")
    func noMachineWords() async throws {
        try await withTestApp { app in
            app.services.now = { .t0 }
            let lina = try await app.staff("lina", roles: [.agent, .teamLeader])
            let caseID = UUID()
            try await notify(app, [lina.id], kind: "case.deadline_breach", titleKey: "notice.case_deadline_breach", argument: "KS-20261123-0001",
                             wordKey: "deadline.kind.first_response", subject: caseID, key: "d")
            try await notify(app, [lina.id], kind: "approval.waiting", titleKey: "notice.approval_waiting", wordKey: "subject.leave_request", key: "a")
            try await notify(app, [lina.id], kind: "approval.finished", titleKey: "notice.approval_approved", wordKey: "subject.room_booking", key: "b")
            try await notify(app, [lina.id], kind: "return_visit.breach", titleKey: "notice.return_visits_overdue", argument: "KS-20261123-0002", key: "r")
            try await notify(app, [lina.id], kind: "complaint.task", titleKey: "notice.complaint_task", argument: "KS-20261123-0003",
                             wordKey: "complaint.task.verify_order", subject: UUID(), key: "c")
            try await notify(app, [lina.id], kind: "some.future_kind", titleKey: "notice.deadline_warning", wordKey: "deadline.kind.unknown_clock", key: "f")
            var web = WebSession(app)
            try await web.logIn("lina", lina.password)
            for language in ["zh-Hans", "en"] {
                _ = try await web.post("/language", ["language": language, "back": "/notifications"])
                let text = visibleText(try await web.get("/notifications").body.string)
                for word in ["first_response", "leave_request", "room_booking", "verify_order", "unknown_clock", "deadline.kind", "notice."] {
                    #expect(!text.contains(word), "\(language): \(word)")
                }
                let codes = text.matches(of: /[a-z]+(?:_[a-z]+)+|[a-z]+\.[a-z_]+/).map { String($0.output) }
                #expect(codes.isEmpty, "\(language): \(codes)")
                #expect(text.firstMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:|UTC|\d{2}:\d{2}:\d{2}Z/) == nil, "\(language)")
                #expect(text.contains("2026-11-23 10:00"))
            }
            let english = visibleText(try await web.get("/notifications").body.string)
            #expect(english.contains("Needs me now") && english.contains("For my information"))
            #expect(english.contains("Waiting for your approval: Leave request") && english.contains("First response"))
        }
    }

    @Test("Every kind has a name in both languages")
    func kindsLabelled() throws {
        let localization = try Localization.load(directory: LocalizationTests.root.appendingPathComponent("Resources/Localization").path)
        for kind in NotificationKinds.all + [.undeclared("x")] {
            for language in UILanguage.allCases { #expect(localization.has(kind.labelKey, language), "\(language): \(kind.labelKey)") }
        }
    }

    @Test("Every kind the code raises is classified (a new kind must be placed in a section)")
    func kindsDeclared() throws {
        let declared = Set(NotificationKinds.all.map(\.name))
        let sources = LocalizationTests.root.appendingPathComponent("Sources/KefuWeb")
        let enumerator = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        var raised = Set<String>()
        // `kind: "x.y", titleKey:` and `kind: flag ? "x" : "y", titleKey:` as the features write their notices (a
        // webhook-only event, `WebhookOutbox.enqueue`, never reaches an inbox).
        let pattern = try NSRegularExpression(pattern: #"(?<!enqueue\()kind: ([^,\[\]]*?), title(?:Key)?:"#)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: url, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let expression = (text as NSString).substring(with: match.range(at: 1))
                for literal in expression.matches(of: /"([a-z_.]+)"/) { raised.insert(String(literal.output.1)) }
            }
        }
        #expect(raised.count > 40)
        #expect(raised.subtracting(declared).isEmpty, "not classified: \(raised.subtracting(declared).sorted())")
    }

    @Test("The morning digest: once a day on two nodes, yesterday's for-information by kind, folded, and posted to the work group")
    func digest() async throws {
        let receiver = try await LoopbackReceiver()
        do {
            try await withTestApp { app in
                let clock = TestClock(.t0)   // Monday 2026-11-23 10:00, Shanghai
                app.services.now = { clock.now }
                let admin = try await app.staff("root", roles: [.admin])
                let lina = try await app.staff("lina", roles: [.agent])
                let wang = try await app.staff("wang", roles: [.agent])
                let hook = try await app.send(.POST, "api/v1/webhooks", as: admin, json: [
                    "name": "客服中心工作群", "url": "http://127.0.0.1:\(receiver.port)/robot/wecom", "format": "wecom",
                    "events": [NotificationKinds.digest]])
                #expect(hook.status == .created)
                try await notify(app, [lina.id, wang.id], kind: "meeting.scheduled", titleKey: "notice.meeting_scheduled", argument: "班务会", key: "m")
                try await notify(app, [lina.id], kind: "approval.finished", titleKey: "notice.approval_approved", wordKey: "subject.leave_request", key: "a1")
                try await notify(app, [lina.id], kind: "approval.finished", titleKey: "notice.approval_rejected", wordKey: "subject.shift_swap", key: "a2")
                try await notify(app, [lina.id], kind: "case.assigned", titleKey: "notice.case_assigned", argument: "KS-1", subject: UUID(), key: "c")
                let digestAt = app.services.rulebook.notifications.digestAt
                let tuesday = app.services.rulebook.calendar.instant(LocalDate(year: 2026, month: 11, day: 24), digestAt)
                clock.now = tuesday.addingTimeInterval(-60)
                #expect(try await NotificationDigests(db: app.db, services: app.services).runDue(now: clock.now) == nil)
                clock.now = tuesday.addingTimeInterval(60)
                let report = try #require(try await NotificationDigests(db: app.db, services: app.services).runDue(now: clock.now))
                #expect(report.day == LocalDate(year: 2026, month: 11, day: 23))
                #expect(report.digests == 2 && report.folded == 4 && report.announced)
                // The same morning again, here or on a second node: nothing.
                clock.now = tuesday.addingTimeInterval(3_600)
                #expect(try await NotificationDigests(db: app.db, services: app.services).runDue(now: clock.now) == nil)
                #expect(try await JobsOnce.run(app).contains("notification digest") == false)
                let repository = NotificationRepository(db: app.db)
                let inbox = try await repository.inbox(userID: lina.id, filter: .all, after: nil, limit: 50).items
                #expect(inbox.filter { $0.kind == NotificationKinds.digest }.count == 1)
                #expect(inbox.first { $0.kind == NotificationKinds.digest }?.summary == "approval.finished=2;meeting.scheduled=1")
                // The digest stands for the day's for-information notices; what needs her stays unread.
                #expect(try await repository.unreadCount(userID: lina.id, section: .forInformation) == 1)
                #expect(try await repository.unreadCount(userID: lina.id, section: .needsMe) == 1)
                var web = WebSession(app)
                try await web.logIn("lina", lina.password)
                let fyi = section(try await web.get("/notifications").body.string, "fyi")
                #expect(fyi.contains("2026-11-23 的知会摘要") && fyi.contains("审批结果 2 条 · 会议通知 1 条"))
                // One message to the work group, in words: the organization's day, distinct events by kind.
                // (`jobs run-once` above has delivered it already.)
                _ = try await DeliverWebhooks(db: app.db, services: app.services, client: app.client).run(now: clock.now)
                let got = receiver.received.withLockedValue { $0 }
                #expect(got.count == 1)
                let body = try #require(got.first?.body)
                #expect(body.contains("动态摘要") && body.contains("审批结果 2 条") && body.contains("会议通知 1 条"))
                #expect(!body.contains("approval.finished") && !body.contains("meeting.scheduled"))
                // The next morning runs again (nothing for information on Tuesday: no digest, no message).
                clock.now = tuesday.addingTimeInterval(86_400 + 60)
                let wednesday = try #require(try await NotificationDigests(db: app.db, services: app.services).runDue(now: clock.now))
                #expect(wednesday.day == LocalDate(year: 2026, month: 11, day: 24) && wednesday.digests == 0 && !wednesday.announced)
            }
        } catch {
            try await receiver.stop()
            throw error
        }
        try await receiver.stop()
    }
}
