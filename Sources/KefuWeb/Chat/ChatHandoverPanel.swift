import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The console's hand-on panel for the selected chat (issue 9 §3): transfer to a colleague or a team with a
/// note, invite the team leader, continue an existing case (or open the chat's case for a guest by phone),
/// and send an image. Colleagues are the active people of the agent's department who answer chats.
struct ChatHandoverPanel: Encodable {
    struct Option: Encodable { let id: String; let name: String }

    let agents: [Option]
    let teams: [Option]
    let hasCase: Bool
    let hasPhone: Bool

    static func build(for chat: ChatRecord, staff: StaffUser, db: any Database) async throws -> ChatHandoverPanel {
        var people = UserRecord.query(on: db).filter(\.$active == true).filter(\.$id != staff.id)
        if let department = staff.departmentID { people = people.filter(\.$departmentID == department) }
        let colleagues = try await people.sort(\.$displayName).limit(100).all()
            .filter { RolePermissions.permissions(of: $0.roles).contains(.chatServe) }
        let teams = try await TeamRecord.query(on: db).sort(\.$name).limit(50).all()
        return ChatHandoverPanel(agents: colleagues.map { Option(id: $0.id!.uuidString, name: $0.displayName) },
                                 teams: teams.map { Option(id: $0.id!.uuidString, name: $0.name) },
                                 hasCase: chat.caseID != nil, hasPhone: chat.customerPhone != nil)
    }
}
