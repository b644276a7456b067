import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Issue 9 §3: transfer to another agent or back to a team's queue with a note (the case follows the chat,
/// its owner stays — CHN-12), and inviting a team leader into the chat (CHN-20: a problem the agent cannot
/// solve goes to whoever can). Only the chat's agent or a leader over it may do either (ChatAccess).
extension Chats {
    func transfer(_ chat: ChatRecord, toAgent: UUID?, toTeam: UUID?, note rawNote: String?, by staff: StaffUser) async throws -> ChatRecord {
        try await ChatGate(db: db).requireHandOn(chat, by: staff)
        guard chat.state == ChatState.active.rawValue, let from = chat.agentID else { throw DomainError.conflict(reason: "error.chat.not_active") }
        let note: String
        do { note = try ChatHandover.note(rawNote) } catch { throw DomainError.validation(fields: ["note": "error.field.required"]) }
        guard (toAgent == nil) != (toTeam == nil) else { throw DomainError.validation(fields: ["to_agent_id": "error.chat.transfer_target"]) }
        let now = services.now()
        let limit = services.rulebook.chat.maxConcurrentPerAgent
        let summary: String
        if let target = toAgent {
            guard let user = try await UserRepository(db: db).find(target), user.active else {
                throw DomainError.validation(fields: ["to_agent_id": "error.field.unknown"])
            }
            let onDuty = !(try await Availability(db: db).unavailable(userID: target, at: now))
            let held = try await ChatRecord.query(on: db).filter(\.$agentID == target).filter(\.$state == ChatState.active.rawValue).count()
            do { try ChatHandover.check(target: target, current: from, onDuty: onDuty, activeChats: held, limit: limit) } catch {
                if error == .sameAgent { throw DomainError.validation(fields: ["to_agent_id": "error.chat.same_agent"]) }
                throw DomainError.ruleViolation(rule: "chat.max_concurrent_per_agent", reason: "error.chat.\(error.rawValue)")
            }
            guard try await ChatClaim(db: db).move(chat.id!, from: from, to: target, agentName: user.displayName, at: now, limit: limit) else {
                if try await current(chat).agentID == from {
                    throw DomainError.ruleViolation(rule: "chat.max_concurrent_per_agent", reason: "error.chat.agent_at_limit")
                }
                throw DomainError.conflict(reason: "error.chat.not_active")
            }
            let agent = StaffUser(user, token: AuthTokenRecord(tokenHash: "chat-transfer", kind: "job", userID: target, csrfToken: nil,
                                                                createdAt: now, expiresAt: now))
            try await ChatCase(db: db, services: services).follow(try await current(chat), agent: agent)
            _ = try await append(chat, party: .system, authorID: staff.id, authorName: staff.displayName,
                                 body: services.localization.text("chat.system.transferred", .zhHans, [user.displayName, note]))
            try await Notifier(db: db, services: services).notify([target], .init(
                kind: "chat.assigned", titleKey: "notice.chat_transferred", titleArgument: chat.customerName,
                link: "/console/chat?chat=\(chat.id!)", subjectType: "chat", subjectID: chat.id!,
                dedupeKey: "chat:\(chat.id!):transfer:\(target):\(now.timeIntervalSince1970)"))
            summary = "to agent \(user.username): \(note)"
        } else {
            let teamID = toTeam!
            let router = ChatRouter(db: db, services: services, hub: hub)
            guard let team = try await router.chatTeams().first(where: { $0.id == teamID }) else {
                throw DomainError.ruleViolation(rule: "chat.teams", reason: "error.chat.team_not_chat")
            }
            guard try await ChatClaim(db: db).requeue(chat.id!, from: from, team: teamID) else { throw DomainError.conflict(reason: "error.chat.not_active") }
            _ = try await append(chat, party: .system, authorID: staff.id, authorName: staff.displayName,
                                 body: services.localization.text("chat.system.requeued", .zhHans, [team.name, note]))
            summary = "to team \(team.name): \(note)"
        }
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: staff.id, actorName: staff.username, action: "chat.transferred", subjectType: "chat", subjectID: chat.id!,
            summary: summary, ruleKey: "chat.max_concurrent_per_agent", rulebookVersion: services.rulebook.versionShort))
        // The transfer is done; routing it on is the router's job (its loop retries if this attempt fails).
        if toTeam != nil { _ = try? await ChatRouter(db: db, services: services, hub: hub).run(now: now) }
        return try await current(chat)
    }

    /// Roles that lead (a leader may be invited); anyone who leads a team counts too.
    static let leaderRoles: Set<Role> = [.teamLeader, .shiftLeader, .deptManager, .csDirector, .centerDirector]

    /// Invites a leader (default: the leader of the agent's team) to read and post in an active chat.
    func invite(_ chat: ChatRecord, userID: UUID?, by staff: StaffUser) async throws -> ChatParticipantRecord {
        try await ChatGate(db: db).requireHandOn(chat, by: staff)
        guard chat.state == ChatState.active.rawValue, let agentID = chat.agentID else { throw DomainError.conflict(reason: "error.chat.not_active") }
        let users = UserRepository(db: db)
        var inviteeID = userID
        if inviteeID == nil, let team = try await users.find(agentID)?.teamID {
            inviteeID = try await OrganizationRepository(db: db).team(team)?.leaderID
        }
        guard let inviteeID else { throw DomainError.validation(fields: ["user_id": "error.chat.no_team_leader"]) }
        guard let invitee = try await users.find(inviteeID), invitee.active else { throw DomainError.validation(fields: ["user_id": "error.field.unknown"]) }
        guard inviteeID != agentID else { throw DomainError.validation(fields: ["user_id": "error.chat.same_agent"]) }
        let leads = try await OrganizationRepository(db: db).leadsTeam(inviteeID)
        guard leads || !Self.leaderRoles.isDisjoint(with: invitee.roles) else {
            throw DomainError.validation(fields: ["user_id": "error.chat.not_a_leader"])
        }
        if try await ChatParticipantRecord.query(on: db).filter(\.$chatID == chat.id!).filter(\.$userID == inviteeID).count() > 0 {
            throw DomainError.conflict(reason: "error.chat.already_invited")
        }
        let now = services.now()
        let participant = ChatParticipantRecord(chatID: chat.id!, userID: inviteeID, userName: invitee.displayName, invitedBy: staff.id, invitedAt: now)
        do { try await participant.create(on: db) } catch { throw DomainError.conflict(reason: "error.chat.already_invited") }  // the unique index lost a race
        _ = try await append(chat, party: .system, authorID: staff.id, authorName: staff.displayName,
                             body: services.localization.text("chat.system.invited", .zhHans, [invitee.displayName]))
        try await Notifier(db: db, services: services).notify([inviteeID], .init(
            kind: "chat.invited", titleKey: "notice.chat_invited", titleArgument: chat.customerName, link: "/console/chat?chat=\(chat.id!)",
            subjectType: "chat", subjectID: chat.id!, dedupeKey: "chat:\(chat.id!):invite:\(inviteeID)"))
        try await AuditRepository(db: db).append(AuditEntry(
            at: now, actorID: staff.id, actorName: staff.username, action: "chat.invited", subjectType: "chat", subjectID: chat.id!,
            summary: "invited \(invitee.username)", rulebookVersion: services.rulebook.versionShort))
        return participant
    }

    func participants(_ chat: ChatRecord) async throws -> [ChatParticipantRecord] {
        try await ChatParticipantRecord.query(on: db).filter(\.$chatID == chat.id!).sort(\.$invitedAt).limit(50).all()
    }
}
