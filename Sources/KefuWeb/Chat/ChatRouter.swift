import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Issue 9 §4 routing (CHN-17/18): each queued chat, oldest first, goes to an agent on duty now (the roster,
/// less approved leave) in a team that serves chat (`chat.teams`), least busy first, idle longest on a tie,
/// never above `chat.max_concurrent_per_agent`. Runs when a chat starts and from the router loop every few
/// seconds; the claim is a conditional UPDATE, so two routers (or a hand take) never assign a chat twice.
struct ChatRouter {
    let db: any Database
    let services: AppServices
    let hub: ChatHub

    /// An agent who may receive chats now.
    struct Seat {
        let user: UserRecord
        let teamID: UUID
        var active: Int
        var lastAssignedAt: Date?
    }

    /// Assigns what it can; returns how many chats were assigned.
    @discardableResult
    func run(now: Date) async throws -> Int {
        let queued = try await ChatRecord.query(on: db).filter(\.$state == ChatState.queued.rawValue)
            .sort(\.$queuedAt).sort(\.$id).limit(100).all()
        guard !queued.isEmpty else { return 0 }
        var seats = try await self.seats(at: now)
        let limit = services.rulebook.chat.maxConcurrentPerAgent
        var assigned = 0
        for chat in queued {
            let candidates = seats.filter { chat.teamID == nil || $0.teamID == chat.teamID }.map {
                ChatRouting.Candidate(agentID: $0.user.id!, onDuty: true, servesChat: true, activeChats: $0.active, lastAssignedAt: $0.lastAssignedAt)
            }
            guard let pick = ChatRouting.pick(candidates, limit: limit), let index = seats.firstIndex(where: { $0.user.id == pick }) else { continue }
            let user = seats[index].user
            guard try await ChatClaim(db: db).claim(chat.id!, agent: pick, agentName: user.displayName, at: now, limit: limit) else { continue }
            seats[index].active += 1; seats[index].lastAssignedAt = now
            let agent = StaffUser(user, token: AuthTokenRecord(tokenHash: "chat-router", kind: "job", userID: pick, csrfToken: nil,
                                                                createdAt: now, expiresAt: now))
            let record = try await Chats(db: db, services: services, hub: hub).assigned(chat.id!, to: agent)
            try await Notifier(db: db, services: services).notify([pick], .init(
                kind: "chat.assigned", titleKey: "notice.chat_assigned", titleArgument: record.customerName,
                link: "/console/chat?chat=\(chat.id!)", subjectType: "chat", subjectID: chat.id!,
                dedupeKey: "chat:\(chat.id!):assigned:\(pick):\(record.version)"))
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: nil, actorName: "system", action: "chat.routed", subjectType: "chat", subjectID: chat.id!,
                summary: "to \(user.username) (\(seats[index].active) of \(limit))", ruleKey: "chat.max_concurrent_per_agent",
                rulebookVersion: services.rulebook.versionShort))
            assigned += 1
        }
        return assigned
    }

    /// The teams that serve chat: those `chat.teams` names, or every active team of a customer-service department.
    func chatTeams() async throws -> [TeamRecord] {
        let names = services.rulebook.chat.teams
        if !names.isEmpty {
            return try await TeamRecord.query(on: db).filter(\.$name ~~ names).filter(\.$active == true).sort(\.$name).all()
        }
        let departments = try await DepartmentRecord.query(on: db).filter(\.$kind == DepartmentKind.customerService.rawValue)
            .filter(\.$active == true).limit(100).all().compactMap(\.id)
        guard !departments.isEmpty else { return [] }
        return try await TeamRecord.query(on: db).filter(\.$departmentID ~~ departments).filter(\.$active == true).sort(\.$name).limit(200).all()
    }

    /// Who is on duty now in a chat team, with how many chats each holds.
    func seats(at now: Date) async throws -> [Seat] {
        let teams = Set(try await chatTeams().compactMap(\.id))
        guard !teams.isEmpty else { return [] }
        let entries = try await Availability(db: db).onDuty(at: now)
        guard !entries.isEmpty else { return [] }
        let users = try await UserRepository(db: db).find(ids: entries.map(\.userID)).filter(\.active)
        var seats: [Seat] = []
        for entry in entries {
            guard let user = users.first(where: { $0.id == entry.userID }), let team = entry.teamID ?? user.teamID, teams.contains(team) else { continue }
            seats.append(Seat(user: user, teamID: team, active: 0, lastAssignedAt: nil))
        }
        guard !seats.isEmpty else { return [] }
        let held = try await ChatRecord.query(on: db).filter(\.$state == ChatState.active.rawValue)
            .filter(\.$agentID ~~ seats.map { $0.user.id }).all()
        for index in seats.indices {
            let mine = held.filter { $0.agentID == seats[index].user.id }
            seats[index].active = mine.count
            seats[index].lastAssignedAt = mine.compactMap(\.assignedAt).max()
        }
        return seats
    }
}
