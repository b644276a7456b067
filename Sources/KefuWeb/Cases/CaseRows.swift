import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Case rows of the workbench lists, labelled in the reader's language. A page of rows costs three
/// queries (customers, people, clocks), whatever its length.
struct CaseRow: Encodable {
    let id: UUID
    let number: String
    let subject: String
    let customerName: String
    let type: String
    let typeLabel: String
    let status: String
    let statusLabel: String
    let priority: String
    let priorityLabel: String
    let ownerName: String
    let assigneeName: String
    let deadline: DeadlineBadge?
    let breached: Bool
    let createdAt: String
    /// The number, subject and customer split into what a search matched and the rest (issue 21 §10).
    let numberParts: [SearchHighlight.Part]
    let subjectParts: [SearchHighlight.Part]
    let customerParts: [SearchHighlight.Part]

    static func rows(_ records: [CaseRecord], req: Request, highlighting query: String? = nil) async throws -> [CaseRow] {
        let customers = try await CustomerRepository(db: req.db).find(ids: records.map(\.customerID))
        let names = Dictionary(customers.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let people = try await CasePeople.names(of: records.flatMap { [$0.ownerID] + ($0.assigneeID.map { [$0] } ?? []) }, db: req.db)
        let clocks = try await DeadlineClockRepository(db: req.db).clocks(subjectType: "case", subjectIDs: records.compactMap(\.id))
        let bySubject = Dictionary(grouping: clocks, by: \.subjectID)
        return records.map { record in
            CaseRow(id: record.id!, number: record.number, subject: record.subject, customerName: names[record.customerID] ?? "",
                    type: record.type, typeLabel: req.t("case.type.\(record.type)"), status: record.status,
                    statusLabel: req.t("case.status.\(record.status)"), priority: record.priority,
                    priorityLabel: req.t("case.priority.\(record.priority)"), ownerName: people[record.ownerID] ?? "",
                    assigneeName: record.assigneeID.flatMap { people[$0] } ?? "",
                    deadline: DeadlineBadge.nearest(bySubject[record.id!] ?? [], req: req), breached: record.breachedAt != nil,
                    createdAt: DisplayTime.format(record.createdAt, req),
                    numberParts: SearchHighlight.parts(of: record.number, query: query),
                    subjectParts: SearchHighlight.parts(of: record.subject, query: query),
                    customerParts: SearchHighlight.parts(of: names[record.customerID] ?? "", query: query))
        }
    }
}

/// A clock shown as a badge: "剩余 1小时20分" or "已超时 2小时", with a state class for colour.
struct DeadlineBadge: Encodable {
    let kind: String
    let label: String
    let text: String
    /// ok, warn, breached, paused, met
    let state: String
    let dueAt: String

    init(_ clock: DeadlineClock, req: Request) {
        let now = req.services.now()
        kind = clock.kind
        label = req.t("deadline.kind.\(clock.kind)")
        dueAt = DisplayTime.format(clock.dueAt, req)
        switch clock.state {
        case .met: state = "met"; text = req.t("deadline.met")
        case .paused: state = "paused"; text = req.t("deadline.paused")
        case .breached: state = "breached"; text = req.t("deadline.overdue", [Self.span(now.timeIntervalSince(clock.dueAt), req)])
        default:
            let left = clock.dueAt.timeIntervalSince(now)
            if left < 0 { state = "breached"; text = req.t("deadline.overdue", [Self.span(-left, req)]) } else {
                state = now >= clock.warnAt ? "warn" : "ok"
                text = req.t("deadline.left", [Self.span(left, req)])
            }
        }
    }

    /// The open clock due first (a breached one first of all), or nil when every clock is met.
    static func nearest(_ clocks: [DeadlineClock], req: Request) -> DeadlineBadge? {
        let open = clocks.filter { $0.state != .met }
        let pick = open.first { $0.state == .breached } ?? open.filter { $0.state == .running }.min { $0.dueAt < $1.dueAt } ?? open.first
        return pick.map { DeadlineBadge($0, req: req) }
    }

    static func span(_ seconds: TimeInterval, _ req: Request) -> String {
        let minutes = max(0, Int(seconds / 60))
        if minutes < 60 { return req.t("duration.minutes", ["\(minutes)"]) }
        if minutes < 24 * 60 { return req.t("duration.hours_minutes", ["\(minutes / 60)", "\(minutes % 60)"]) }
        return req.t("duration.days_hours", ["\(minutes / 1_440)", "\(minutes % 1_440 / 60)"])
    }
}

enum CasePeople {
    /// Display names of a page's people (bounded by the page).
    static func names(of ids: [UUID], db: any Database) async throws -> [UUID: String] {
        let users = try await UserRepository(db: db).find(ids: Array(Set(ids)))
        return Dictionary(users.map { ($0.id!, $0.displayName) }, uniquingKeysWith: { a, _ in a })
    }
}
