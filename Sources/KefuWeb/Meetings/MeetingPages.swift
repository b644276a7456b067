import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaf contexts of the meeting pages (§19), labels resolved in the reader's language.
enum MeetingPages {
    struct Row: Encodable { let id: UUID, kind: String, title: String, at: String, state: String, invited: Int }

    struct ListPage: Encodable {
        let shell: PageShell
        let rows: [Row]
        let canManage: Bool
        let kinds: [SelectOption]
        let values: [String: String]
        let nextDates: [String]
        /// MTG-16: the other organizations' meeting types, offered as templates (managers only).
        var templates: [TemplateRow] = []
        /// Who may be invited to an ad-hoc meeting (MTG-16).
        var people: [SelectOption] = []
    }

    struct TemplateRow: Encodable { let key: String, name: String, chair: String, attendees: String, when: String, content: String, rules: String }

    static func templateRows(_ req: Request) -> [TemplateRow] {
        MeetingTemplate.all.map { t in
            let text = { (part: String) in req.t("meeting.template.\(t.key).\(part)") }
            return TemplateRow(key: t.key, name: text("name"), chair: text("chair"), attendees: text("attendees"), when: text("when"),
                               content: text("content"), rules: t.ruleIDs.joined(separator: " "))
        }
    }

    /// The ad-hoc form prefilled from a template: its name as the subject, its definition as the agenda (MTG-16).
    static func prefill(_ key: String, _ req: Request) -> [String: String]? {
        guard let row = templateRows(req).first(where: { $0.key == key }) else { return nil }
        let agenda = "\(req.t("meeting.template_chair"))：\(row.chair)\n\(req.t("meeting.template_attendees"))：\(row.attendees)\n"
            + "\(req.t("meeting.template_when"))：\(row.when)\n\(row.content)"
        return ["kind": MeetingKind.adHoc.rawValue, "title": row.name, "agenda": agenda]
    }

    struct AttendeeRow: Encodable {
        let userID: UUID, name: String, status: String, statusLabel: String, leaveReason: String, delegate: String, options: [SelectOption]
    }

    struct DecisionRow: Encodable {
        let id: UUID, text: String, followUp: String, kbHref: String?, assignee: String, dueOn: String, doneAt: String?, canComplete: Bool
    }

    struct ShowPage: Encodable {
        let shell: PageShell
        let id: UUID, kind: String, title: String, at: String, location: String, agenda: String, chair: String, state: String
        let minutes: String, version: Int, leaveDeadline: String, leaveRule: String
        let attendees: [AttendeeRow], decisions: [DecisionRow]
        let canManage: Bool, canAskLeave: Bool
        let people: [SelectOption], followUps: [SelectOption]
    }

    static func title(_ meeting: MeetingRecord, _ req: Request) -> String {
        meeting.title.isEmpty ? req.t("meeting.kind.\(meeting.kind)") : meeting.title
    }

    static func rows(_ meetings: [MeetingRecord], req: Request) async throws -> [Row] {
        var rows: [Row] = []
        for meeting in meetings {
            let invited = try await MeetingAttendeeRecord.query(on: req.db).filter(\.$meetingID == meeting.id!).count()
            rows.append(Row(id: meeting.id!, kind: req.t("meeting.kind.\(meeting.kind)"), title: title(meeting, req),
                            at: DisplayTime.format(meeting.startsAt, req), state: req.t("meeting.state.\(meeting.state)"), invited: invited))
        }
        return rows
    }

    static func show(_ meeting: MeetingRecord, req: Request, error: String? = nil) async throws -> ShowPage {
        let staff = try req.requireStaff()
        let meetings = Meetings(db: req.db, services: req.services)
        let attendees = try await meetings.attendees(of: meeting.id!)
        let decisions = try await meetings.decisions(of: meeting.id!)
        let ids = attendees.map(\.userID) + attendees.compactMap(\.delegateID) + decisions.compactMap(\.assigneeID) + [meeting.chairID]
        let names = try await FinesPages.names(ids, db: req.db)
        let mine = attendees.first { $0.userID == staff.id }
        let deadline = MeetingSchedule.leaveDeadline(start: meeting.startsAt, rules: req.services.rulebook.meetings)
        let rows = attendees.sorted { (names[$0.userID] ?? "") < (names[$1.userID] ?? "") }.map { a in
            AttendeeRow(userID: a.userID, name: names[a.userID] ?? "", status: a.status, statusLabel: req.t("meeting.attendance.\(a.status)"),
                        leaveReason: a.leaveReason ?? "", delegate: a.delegateID.flatMap { names[$0] } ?? "",
                        options: ["invited", "present", "late", "absent", "excused"].map {
                            SelectOption(value: $0, label: req.t("meeting.attendance.\($0)"), selected: $0 == a.status)
                        })
        }
        return ShowPage(
            shell: PageShell(req, title: title(meeting, req), flashError: error), id: meeting.id!, kind: req.t("meeting.kind.\(meeting.kind)"),
            title: title(meeting, req), at: DisplayTime.format(meeting.startsAt, req), location: meeting.location ?? "", agenda: meeting.agenda ?? "",
            chair: names[meeting.chairID] ?? "", state: req.t("meeting.state.\(meeting.state)"), minutes: meeting.minutes ?? "", version: meeting.version,
            leaveDeadline: DisplayTime.format(deadline, req), leaveRule: Meetings.leaveRule, attendees: rows,
            decisions: decisions.map {
                DecisionRow(id: $0.id!, text: $0.text, followUp: req.t("meeting.follow_up.\($0.followUp)"), kbHref: $0.kbEntryID.map { "/kb/entries/\($0)" },
                            assignee: $0.assigneeID.flatMap { names[$0] } ?? "", dueOn: $0.dueOn ?? "", doneAt: $0.doneAt.map { DisplayTime.format($0, req) },
                            canComplete: $0.followUp == "task" && $0.doneAt == nil && ($0.assigneeID == staff.id || staff.has(.meetingsManage)))
            },
            canManage: staff.has(.meetingsManage), canAskLeave: mine?.status == "invited" && meeting.state == "scheduled",
            people: try await FinesPages.people(db: req.db, selected: nil),
            followUps: Meetings.FollowUp.allCases.map { SelectOption(value: $0.rawValue, label: req.t("meeting.follow_up.\($0.rawValue)")) })
    }
}
