import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Chooses the superior a report is addressed to (ESC-06/13 and the `upward_reports` routes). A chosen
/// superior above the allowed level is a skip: refused without an emergency (422 `escalation.chain`);
/// someone who is not a superior of the reporter at all is a bad value (400 `superior_id`).
struct UpwardReportAddressing {
    let db: any Database
    let routing: UpwardReportRouting

    struct Address {
        let superior: UserRecord, role: Role, ruleKey: String, skipped: UserRecord?
    }

    func address(reporter: UserRecord, category: UpwardReportCategory, emergency: Bool, skipLevel: Bool, superiorID: UUID?) async throws -> Address {
        guard let route = routing.superiorRole(reporterRoles: Set(reporter.roles), grade: reporter.grade.flatMap(Grade.init(rawValue:)), category: category) else {
            // At the top of the chain nobody is above; a role outside it needs a route in the rulebook.
            if routing.level(of: reporter.roles) != nil { throw DomainError.ruleViolation(rule: "escalation.chain", reason: "rule.escalation.top_reached") }
            throw DomainError.ruleViolation(rule: "upward_reports.role_routes", reason: "error.upward.no_superior")
        }
        let superiors = UpwardReportSuperiors(db: db)
        let normal = try await superiors.candidates(for: reporter, role: route.role)
        let skipRole = routing.skipTarget(above: route.role)
        var skipping: [UserRecord] = []
        if let skipRole { skipping = try await superiors.candidates(for: reporter, role: skipRole) }
        let wantsSkip = skipLevel || (superiorID.map { id in !normal.contains { $0.id == id } && skipping.contains { $0.id == id } } ?? false)
        if wantsSkip {
            // ESC-06: 逐级 — a level is skipped only in an emergency, and only one.
            guard emergency else { throw DomainError.ruleViolation(rule: "escalation.chain", reason: "error.upward.skip_needs_emergency") }
            guard let skipRole else { throw DomainError.ruleViolation(rule: "escalation.chain", reason: "rule.escalation.top_reached") }
            let chosen = try pick(skipping, superiorID: superiorID, role: skipRole)
            return Address(superior: chosen, role: skipRole, ruleKey: "escalation.chain", skipped: normal.first)
        }
        if let superiorID, !normal.contains(where: { $0.id == superiorID }),
           let other = try await UserRecord.find(superiorID, on: db), other.active,
           let otherLevel = routing.level(of: other.roles), let routeLevel = routing.level(of: route.role), otherLevel > routeLevel {
            // Further up than one level (and not the skip level): still a skip, refused without an emergency.
            throw DomainError.ruleViolation(rule: "escalation.chain", reason: emergency ? "error.upward.skip_too_far" : "error.upward.skip_needs_emergency")
        }
        return Address(superior: try pick(normal, superiorID: superiorID, role: route.role), role: route.role, ruleKey: route.ruleKey, skipped: nil)
    }

    private func pick(_ people: [UserRecord], superiorID: UUID?, role: Role) throws -> UserRecord {
        if let superiorID {
            guard let chosen = people.first(where: { $0.id == superiorID }) else {
                throw DomainError.validation(fields: ["superior_id": "error.upward.not_superior"])
            }
            return chosen
        }
        guard let first = people.first else {
            throw DomainError.ruleViolation(rule: "escalation.chain", reason: "error.upward.nobody_at_level")
        }
        return first
    }
}
