import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Loads what `ChatAccess` decides on (the viewer's scope and teams led; the chat's agent, team and
/// participants) and refuses with 403 when the rule says no.
struct ChatGate {
    let db: any Database

    func viewer(_ staff: StaffUser) async throws -> ChatAccess.Viewer {
        let led = try await OrganizationRepository(db: db).teamsLed(by: staff.id)
        var scope = DataScope.of(roles: staff.roles, leadsTeam: !led.isEmpty)
        if staff.has(.usersManage) { scope = .all }
        return ChatAccess.Viewer(userID: staff.id, scope: scope, departmentID: staff.departmentID, teamsLed: Set(led),
                                 takesChats: staff.has(.casesCreate))
    }

    func parties(_ chat: ChatRecord) async throws -> ChatAccess.Parties {
        let agent = try await chat.agentID.asyncMap { try await UserRepository(db: db).find($0) } ?? nil
        let participants = try await ChatParticipantRecord.query(on: db).filter(\.$chatID == chat.id!).limit(50).all()
        return ChatAccess.Parties(agentID: chat.agentID, agentTeamID: agent?.teamID, agentDepartmentID: agent?.departmentID,
                                  chatTeamID: chat.teamID, participantIDs: Set(participants.map(\.userID)),
                                  queued: chat.state == ChatState.queued.rawValue)
    }

    func requireRead(_ chat: ChatRecord, by staff: StaffUser) async throws {
        guard ChatAccess.mayRead(try await viewer(staff), try await parties(chat)) else { throw DomainError.forbidden(reason: "error.chat.not_yours") }
    }

    func requirePost(_ chat: ChatRecord, by staff: StaffUser) async throws {
        guard ChatAccess.mayPost(try await viewer(staff), try await parties(chat)) else { throw DomainError.forbidden(reason: "error.chat.not_yours") }
    }

    func requireHandOn(_ chat: ChatRecord, by staff: StaffUser) async throws {
        guard ChatAccess.mayHandOn(try await viewer(staff), try await parties(chat)) else { throw DomainError.forbidden(reason: "error.chat.not_yours") }
    }
}

