import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What the end of a leave or swap approval does, and what a late sick note does (registered in `configure`).
enum LeaveOutcomes {
    static func register(in services: inout AppServices) {
        // LV-07 / LV-16: the request's state follows its approval.
        services.approvalOutcomes.register(subjectType: LeaveRequests.subjectType) { outcome in
            guard let record = try await LeaveRequestRecord.query(on: outcome.db).filter(\.$approvalID == outcome.approval.id).first(),
                  record.state == "pending" else { return }
            record.state = outcome.approval.state.rawValue
            record.version += 1
            try await record.save(on: outcome.db)
            try await WorkforceAudit(db: outcome.db, services: outcome.services).record(
                record.id!, LeaveRequests.subjectType, nil, "leave.\(record.state)", record.type, ruleKey: outcome.approval.ruleKey)
            if record.state == "approved" { try await LeaveFines(db: outcome.db, services: outcome.services).personalLeaveOnShift(record) }
            // A refused request needs no sick note any more (its absence is judged by LV-05 instead).
            if record.state != "approved" {
                try await DeadlineService(db: outcome.db, services: outcome.services).meet(
                    kind: LeaveRequests.handInClock, subjectType: LeaveRequests.subjectType, subjectID: record.id!, actor: nil)
            }
        }
        // SWP-02: both leaders agreed — the roster now shows who actually works.
        services.approvalOutcomes.register(subjectType: ShiftSwaps.subjectType) { outcome in
            try await ShiftSwapApply(db: outcome.db, services: outcome.services).finish(outcome.approval)
        }
        services.approvalGuards.register(subjectType: ShiftSwaps.subjectType) { approval, decider, db in
            try await ShiftSwapApply.checkLeader(approval, decider: decider, db: db)
        }
        // LV-12: the sick note is late — the person and their team leader hear of it.
        services.escalations.register(kind: LeaveRequests.handInClock) { event in
            guard let record = try await LeaveRequestRecord.find(event.clock.subjectID, on: event.db) else { return }
            let leaders = try await TeamLeaders.of([record.userID], db: event.db)
            _ = try await Notifier(db: event.db, services: event.services).notify([record.userID] + leaders.values, .init(
                kind: "leave.hand_in_\(event.kind.rawValue)", titleKey: "notice.leave_hand_in_\(event.kind.rawValue)",
                titleArgument: "", link: "/leave/\(record.id!)", subjectType: LeaveRequests.subjectType, subjectID: record.id!,
                dedupeKey: "leave_hand_in:\(record.id!):\(event.kind.rawValue)", repeats: .refresh, titleWordKey: "leave.type.\(record.type)"))
        }
    }
}

/// The team leader (班长) of each person, from their team.
enum TeamLeaders {
    static func of(_ userIDs: [UUID], db: any Database) async throws -> [UUID: UUID] {
        let users = try await UserRepository(db: db).find(ids: userIDs)
        let teamIDs = Array(Set(users.compactMap(\.teamID)))
        guard !teamIDs.isEmpty else { return [:] }
        let teams = try await TeamRecord.query(on: db).filter(\.$id ~~ teamIDs).all()
        var leaders: [UUID: UUID] = [:]
        for user in users {
            if let leader = teams.first(where: { $0.id == user.teamID })?.leaderID { leaders[user.id!] = leader }
        }
        return leaders
    }
}

/// Fines that follow from leave: LV-24 (personal leave on a normal shift) through the fines `Violations` use case.
struct LeaveFines {
    let db: any Database
    let services: AppServices

    static let personalLeaveCode = "personal_leave_on_shift"
    /// The catalogue code of 旷工 (ATT-07), used when the organization's catalogue has one.
    static let absenteeismCode = "absenteeism"

    /// LV-24: approved personal leave that covers a rostered shift is fined once per request.
    func personalLeaveOnShift(_ record: LeaveRequestRecord) async throws {
        guard record.type == LeaveType.personal.rawValue, services.rulebook.fines.catalogue[Self.personalLeaveCode] != nil else { return }
        let shifts = try await LeaveFacts(db: db, services: services).entries(userID: record.userID, start: record.startsAt, end: record.endsAt)
        guard !shifts.isEmpty else { return }
        try await Violations(db: db, services: services).record(code: Self.personalLeaveCode, userID: record.userID, at: record.startsAt,
                                                               recordedBy: nil, note: "leave \(record.id!)")
    }

    /// LV-05/23, SWP-07: an absence counted as 旷工 goes to the ledger when the catalogue knows the code.
    func absenteeism(userID: UUID, at: Date, note: String) async throws {
        guard services.rulebook.fines.catalogue[Self.absenteeismCode] != nil else { return }
        try await Violations(db: db, services: services).record(code: Self.absenteeismCode, userID: userID, at: at, recordedBy: nil, note: note)
    }
}
