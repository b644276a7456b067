import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The daily duty job (SEC-13..19): builds a day's duties from the rulebook's `duties` schedule and the shift
/// roster, and flags duties still open at their deadline. Idempotent: the `duties_once` unique index keeps a
/// second run (or a concurrent one) from adding anything.
struct DutyGeneration {
    let db: any Database
    let services: AppServices

    struct Slot { let kind: DutyKind, zone: String, scope: String, teamID: UUID?, due: Date }

    /// The day-shift people of `day` who are not on approved leave (SEC-14: 倒班的日班), sorted by name so the
    /// rotation is stable; plus the teams' leaders.
    func pool(on day: LocalDate) async throws -> (people: [DutyRoster.Person], teamLeaders: [UUID: UUID]) {
        let calendar = services.rulebook.calendar
        let start = calendar.startOfDay(day), end = calendar.startOfDay(DutyRoster.date(day, adding: 1))
        let entries = try await RosterEntryRecord.query(on: db).filter(\.$shiftDate == day.description).limit(1_000).all()
        guard !entries.isEmpty else { return ([], [:]) }
        let nights = Set(try await ShiftTemplateRecord.query(on: db).filter(\.$night == true).limit(500).all().compactMap(\.id))
        let onLeave = Set(try await LeaveRequestRecord.query(on: db).filter(\.$state == "approved")
            .filter(\.$endsAt > start).filter(\.$startsAt < end).limit(1_000).all().map(\.userID))
        let day = entries.filter { !nights.contains($0.shiftTemplateID) && !onLeave.contains($0.userID) }
        let ids = Array(Set(day.map(\.userID)))
        guard !ids.isEmpty else { return ([], [:]) }
        let users = try await UserRecord.query(on: db).filter(\.$id ~~ ids).filter(\.$active == true).all()
        let leads = Set(day.filter(\.leads).map(\.userID))
        let people = users.map { DutyRoster.Person(id: $0.id!, name: $0.displayName, teamID: $0.teamID, leadsShift: leads.contains($0.id!)) }
            .sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
        let teamIDs = Array(Set(people.compactMap(\.teamID)))
        let teams = teamIDs.isEmpty ? [] : try await TeamRecord.query(on: db).filter(\.$id ~~ teamIDs).all()
        return (people, Dictionary(teams.compactMap { t in t.leaderID.map { (t.id!, $0) } }, uniquingKeysWith: { a, _ in a }))
    }

    /// Creates the duties of `day` that do not exist yet; returns how many were created.
    @discardableResult
    func generate(_ day: LocalDate) async throws -> Int {
        let rules = services.rulebook.duties, calendar = services.rulebook.calendar
        let weekday = calendar.weekday(of: day)
        let (people, leaders) = try await pool(on: day)
        guard !people.isEmpty else { return 0 }
        let byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rotationSlots: [Slot] = []
        var fixed: [(Slot, DutyRoster.Person)] = []
        for kind in DutyKind.allCases {
            let schedule = rules.schedule(kind)
            guard schedule.applies(on: weekday) else { continue }
            let due = calendar.instant(day, schedule.due)
            switch kind.taker {
            case .rotation:
                for zone in kind.perZone ? rules.zones : [""] {
                    rotationSlots.append(Slot(kind: kind, zone: zone, scope: "", teamID: nil, due: due))
                }
            case .dayLeader:
                // SEC-13: the day's 班长 organizes; nobody leading → the rotation's next person.
                if let leader = DutyRoster.dayLeader(pool: people, teamLeaders: Set(leaders.values)) {
                    fixed.append((Slot(kind: kind, zone: "", scope: "", teamID: leader.teamID, due: due), leader))
                } else {
                    rotationSlots.append(Slot(kind: kind, zone: "", scope: "", teamID: nil, due: due))
                }
            case .teamLeader:
                // SEC-17: each team on shift cleans its own zone; its 组长 (or, absent, its first member) allocates.
                for teamID in Array(Set(people.compactMap(\.teamID))).sorted(by: { $0.uuidString < $1.uuidString }) {
                    let members = people.filter { $0.teamID == teamID }
                    guard let taker = leaders[teamID].flatMap({ byID[$0] }) ?? members.first else { continue }
                    fixed.append((Slot(kind: kind, zone: "", scope: teamID.uuidString, teamID: teamID, due: due), taker))
                }
            }
        }
        let rotated = DutyRoster.rotate(slots: rotationSlots.count, pool: people, dayNumber: DutyRoster.dayNumber(day))
        let all = fixed + zip(rotationSlots, rotated).map { ($0, $1) }
        let existing = Set(try await DutyRecord.query(on: db).filter(\.$dutyDate == day.description).limit(1_000).all()
            .map { "\($0.kind)|\($0.zone)|\($0.scope)" })
        var created = 0
        for (slot, person) in all where !existing.contains("\(slot.kind.rawValue)|\(slot.zone)|\(slot.scope)") {
            let duty = DutyRecord()
            duty.dutyDate = day.description; duty.kind = slot.kind.rawValue; duty.zone = slot.zone; duty.scope = slot.scope
            duty.teamID = slot.teamID ?? person.teamID; duty.assigneeID = person.id; duty.assigneeName = person.name
            duty.dueAt = slot.due; duty.state = DutyState.assigned.rawValue; duty.redoCount = 0
            duty.createdAt = services.now(); duty.version = 1
            do {
                try await duty.create(on: db)
                created += 1
            } catch let error as any DatabaseError where error.isConstraintFailure {
                continue  // already generated (a second run, or a concurrent one)
            }
        }
        return created
    }

    /// SEC-16: a duty still open at its deadline is flagged once: the supervisor and the assignee are told,
    /// and it is audited. Returns how many were flagged.
    func flagOverdue(now: Date) async throws -> Int {
        let open = DutyState.open.map(\.rawValue)
        let late = try await DutyRecord.query(on: db).filter(\.$state ~~ open).filter(\.$dueAt < now)
            .filter(\.$flaggedAt == nil).sort(\.$dueAt).limit(200).all()
        var flagged = 0
        for duty in late {
            guard try await VersionGuard.setIfNull(db, table: DutyRecord.schema, column: "flagged_at", id: duty.id!, to: now) else { continue }
            flagged += 1
            let label = "\(duty.dutyDate) · \(duty.assigneeName)"
            let notice = Notifier.Notice(kind: "duty.overdue", titleKey: "notice.duty_overdue", titleArgument: label, link: "/duties",
                                         subjectType: "duty", subjectID: duty.id!, dedupeKey: "duty:\(duty.id!):overdue")
            try await Notifier(db: db, services: services).notify(role: services.rulebook.duties.supervisor, departmentID: nil, notice)
            try await Notifier(db: db, services: services).notify([duty.assigneeID], notice)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "duty.overdue", subjectType: "duty", subjectID: duty.id!,
                summary: "\(duty.kind) \(duty.zone) \(label)", ruleKey: "duties.\(duty.kind)", rulebookVersion: services.rulebook.versionShort))
        }
        return flagged
    }

    /// The job: today's duties (in the organization's time zone), then the overdue flags of duties and of
    /// inspection findings (SEC-06).
    func run(now: Date) async throws -> (created: Int, flagged: Int) {
        let today = services.rulebook.calendar.localDate(of: now)
        let created = try await generate(today), flagged = try await flagOverdue(now: now)
        return (created, flagged + (try await Inspections(db: db, services: services).flagOverdueFindings(now: now)))
    }
}
