import Foundation
import KefuCore
import KefuDomain
@testable import KefuWeb
import Testing

/// docs/ROLES.md is the roles → permissions table a reader checks against REQUIREMENTS §25; it is
/// rendered from `RolePermissions` and `DataScope`, and this test keeps the two identical.
@Suite("docs/ROLES.md matches the permission table")
struct RolesDocumentTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func render() throws -> String {
        let localization = try Localization.load(directory: root.appendingPathComponent("Resources/Localization").path)
        var lines = [
            "# Roles, permissions and data scope",
            "",
            "Rendered from `Sources/KefuDomain/Access/RolePermissions.swift` and `DataScope` (a test keeps this file",
            "identical to the code). Check it against REQUIREMENTS §25 \"Roles and their decisions\". Approval steps",
            "name roles directly (e.g. CMP-32: `sales_manager`, `vp`, `gm`); holding `approvals.decide` lets a user",
            "see and decide the steps addressed to their roles.",
            "",
            "| role | 中文 | data scope (leads a team / not) | permissions |",
            "|---|---|---|---|",
        ]
        for role in Role.allCases {
            let permissions = RolePermissions.permissions(of: [role]).map(\.rawValue).sorted().joined(separator: ", ")
            let led = DataScope.of(roles: [role], leadsTeam: true), alone = DataScope.of(roles: [role], leadsTeam: false)
            let scope = led == alone ? "\(alone)" : "\(led) / \(alone)"
            lines.append("| `\(role.rawValue)` | \(localization.text("role.\(role.rawValue)", .zhHans)) | \(scope) | \(permissions) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("Every role's permissions and data scope are documented exactly as the code grants them")
    func documentMatches() throws {
        let expected = try Self.render()
        let url = Self.root.appendingPathComponent("docs/ROLES.md")
        let actual = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        if actual != expected {
            let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("ROLES.md")
            try expected.write(to: fresh, atomically: true, encoding: .utf8)
            Issue.record("docs/ROLES.md differs from the code; the rendered table is in \(fresh.path)")
        }
    }
}
