import Foundation
import KefuCore
import KefuDomain
import Vapor

/// Page contexts of the workforce pages; labels are resolved in Swift (Leaf cannot nest `#t`).
enum WorkforcePages {
    struct Option: Encodable { let value: String, label: String, selected: Bool }

    struct ShiftLine: Encodable {
        let date: String, weekday: String, shift: String, time: String, holiday: Bool, leads: Bool, status: String, current: Bool
    }

    struct OffPostLine: Encodable { let id: UUID, who: String, reason: String, state: String, since: String, minutes: String, flag: String }

    struct HandoverLine: Encodable { let id: UUID, date: String, other: String, state: String }

    struct MyShiftsPage: Encodable {
        let shell: PageShell
        let current: ShiftLine?
        let canSignIn: Bool, canSignOut: Bool
        let signedIn: String?, attendanceNote: String?
        let shifts: [ShiftLine]
        let myOffPost: OffPostLine?
        let toApprove: [OffPostLine]
        let handovers: [HandoverLine]
        let earlyMinutes: Int
    }

    struct HandoverFormPage: Encodable {
        let shell: PageShell
        let people: [Option], templates: [Option], date: String
        let values: [String: String]
        let openCases: Int
    }

    struct HandoverPage: Encodable {
        let shell: PageShell
        let id: UUID, version: Int, date: String, shift: String, outgoing: String, incoming: String, state: String, stateKey: String
        let fields: [Field], cases: [Link], visits: Int, overrideReason: String?
        let canAcknowledge: Bool, canClose: Bool, canOverride: Bool
    }

    struct Field: Encodable { let label: String, value: String }
    struct Link: Encodable { let href: String, label: String }

    struct RosterPage: Encodable {
        struct Day: Encodable { let date: String, label: String, holiday: Bool }
        struct Cell: Encodable { let entries: [Entry] }
        /// `swapped`: the person works it through an approved swap (SWP); `onLeave`: approved leave covers it (LV).
        struct Entry: Encodable { let id: UUID, shift: String, leads: Bool, swapped: Bool, onLeave: Bool }
        struct Row: Encodable { let name: String, cells: [Cell] }
        let shell: PageShell
        let week: String, previous: String, next: String
        let days: [Day], rows: [Row]
        let people: [Option], templates: [Option], dayOptions: [Option]
        let templateRows: [TemplateRow]
        let copyNote: String?
    }

    struct TemplateRow: Encodable { let name: String, time: String, breaks: String, flags: String }

    struct RollCallPage: Encodable {
        struct Person: Encodable { let userID: UUID, name: String, signedIn: String, status: String, statusKey: String, early: Bool, present: Bool }
        let shell: PageShell
        let date: String, templates: [Option], templateID: String, shift: String
        let people: [Person], comments: String, problems: [Field], problemDays: Int, saved: Bool
    }

    struct DutyLogPage: Encodable {
        let shell: PageShell
        let today: String, templates: [Option]
        let entries: [DutyLogResponse]
    }
}
