import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Leaf contexts of the accountability pages, with every label resolved in the reader's language.
enum AccountabilityPages {
    struct Row: Encodable {
        let id: UUID, number: String, title: String, trigger: String, persons: String, state: String, stateKey: String, openedAt: String
    }

    struct ListPage: Encodable {
        let shell: PageShell
        let rows: [Row]
        let mine: Bool
        let seesMore: Bool
        let canOpen: Bool
        let nextHref: String?
    }

    struct Entry: Encodable { let who: String; let about: String; let label: String; let text: String; let at: String }
    struct Cause: Encodable { let who: String; let cause: String; let solution: String; let plan: String; let at: String }
    struct Evidence: Encodable { let label: String; let href: String?; let note: String }
    struct Person: Encodable { let name: String; let statement: Bool; let cause: Bool; let acknowledgedAt: String? }

    struct Decision: Encodable {
        let facts: String, reasons: String, basis: String, sanctions: String, fine: String?, decidedAt: String, decidedBy: String
        let appealWithin: String, appealDeadline: String, appealTo: String, deliveredAt: String?
    }

    struct Appeal: Encodable {
        let reason: String, by: String, at: String, reviewerRole: String, inForce: String, outcome: String?, comment: String?
        let correctedSanctions: String?, reviewedBy: String?, reviewedAt: String?
    }

    struct Can: Encodable {
        var investigate = false, statement = false, onBehalf = false, cause = false, circumstances = false, evidence = false
        var decide = false, acknowledge = false, appeal = false, review = false, recuse = false, close = false
    }

    struct CasePage: Encodable {
        let shell: PageShell
        let id: UUID, number: String, title: String, state: String, stateKey: String, version: Int
        let origin: String, trigger: String, triggerRule: String?, facts: String, source: String?, department: String?
        let investigator: String, plan: String?, openedAt: String, jointLiability: Bool, nextStep: String
        let persons: [Person], statements: [Entry], causes: [Cause], circumstances: [Entry], evidence: [Evidence], recusals: [Entry]
        let decision: Decision?, appeal: Appeal?, can: Can
        let personOptions: [SelectOption], userOptions: [SelectOption], sanctionOptions: [SelectOption], circumstanceOptions: [SelectOption]
        let organization: String
    }

    static func sanctions(_ keys: [String], _ req: Request) -> String {
        keys.map { req.t("accountability.sanction.\($0)") }.joined(separator: "、")
    }

    static func rows(_ files: [AccountabilityFile], req: Request) async throws -> [Row] {
        let names = try await AccountabilityAPIController.names(files, db: req.db)
        return files.map { file in
            let r = file.record
            return Row(id: r.id!, number: r.number, title: r.title, trigger: req.t("accountability.trigger.\(r.trigger)"),
                       persons: file.persons.compactMap { names[$0.userID] }.joined(separator: "、"), state: req.t("accountability.state.\(r.state)"),
                       stateKey: r.state, openedAt: DisplayTime.format(r.openedAt, req))
        }
    }

    static func casePage(_ file: AccountabilityFile, viewer: AccountabilityViewer, req: Request, flashError: String?) async throws -> CasePage {
        let r = file.record
        let rules = viewer.rules
        let staff = viewer.staff
        let state = AccountabilityState(rawValue: r.state) ?? .opened
        let ids = file.persons.map(\.userID) + file.entries.flatMap { [$0.authorID, $0.personID, $0.refID].compactMap { $0 } }
            + [r.investigatorID, r.openedBy, r.decidedBy, r.appealedBy, r.reviewedBy].compactMap { $0 }
        var names = try await CasePeople.names(of: ids, db: req.db)
        let users = viewer.manages(file) || r.investigatorID == staff.id
            ? try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items : []
        for user in users { names[user.id!] = user.displayName }
        func name(_ id: UUID?) -> String { id.flatMap { names[$0] } ?? "" }
        func at(_ date: Date?) -> String { date.map { DisplayTime.format($0, req) } ?? "" }
        let now = req.services.now()
        let manages = viewer.manages(file), investigates = r.investigatorID == staff.id, isPerson = file.isPerson(staff.id)
        var can = Can()
        can.investigate = (manages || investigates) && state == .opened
        can.onBehalf = (manages || investigates) && state.isBeforeDecision && !file.persons.isEmpty
        can.statement = state.isBeforeDecision && (isPerson || manages || investigates)
        can.cause = state != .final && (isPerson || (file.persons.isEmpty && manages))
        can.circumstances = (manages || investigates) && state.isBeforeDecision
        can.evidence = can.circumstances
        can.recuse = can.circumstances
        can.decide = manages && state.isBeforeDecision
        let myAck = file.persons.first { $0.userID == staff.id }?.acknowledgedAt
        can.acknowledge = state == .decided && ((isPerson && myAck == nil) || manages)
        can.appeal = isPerson && [.decided, .delivered].contains(state) && now <= (r.appealDeadline ?? now)
        can.review = viewer.isReviewer && !isPerson && state == .appealed
        can.close = manages && (state == .reviewed || (state == .delivered && now > (r.appealDeadline ?? now)))
        let statements = file.entries("statement")
        let decision = r.decidedAt.map { decidedAt in
            Decision(facts: r.decisionFacts ?? "", reasons: r.decisionReasons ?? "", basis: r.decisionBasis ?? "", sanctions: sanctions(r.sanctionList, req),
                     fine: r.fineAmount, decidedAt: at(decidedAt), decidedBy: name(r.decidedBy),
                     appealWithin: req.t("accountability.duration", ["\(rules.appealWithin.value)", req.t("accountability.unit.\(rules.appealWithin.unit.rawValue)")]),
                     appealDeadline: at(r.appealDeadline), appealTo: req.t("role.\(r.appealTo ?? rules.appealTo.rawValue)"),
                     deliveredAt: r.deliveredAt.map { DisplayTime.format($0, req) })
        }
        let appeal = r.appealedAt.map { appealedAt in
            Appeal(reason: r.appealReason ?? "", by: name(r.appealedBy), at: at(appealedAt), reviewerRole: req.t("role.\(r.appealTo ?? rules.appealTo.rawValue)"),
                   inForce: req.t(r.decisionInForce == false ? "accountability.decision_suspended" : "accountability.decision_in_force"),
                   outcome: r.reviewOutcome.map { req.t("accountability.review.\($0)") }, comment: r.reviewComment,
                   correctedSanctions: r.correctedSanctions == nil ? nil : sanctions(r.correctedSanctionList, req),
                   reviewedBy: r.reviewedBy.map { name($0) }, reviewedAt: r.reviewedAt.map { DisplayTime.format($0, req) })
        }
        var department: String?
        if let id = r.departmentID { department = try await OrganizationRepository(db: req.db).department(id)?.name }
        return CasePage(
            shell: PageShell(req, title: "\(r.number) \(r.title)", flashError: flashError), id: r.id!, number: r.number, title: r.title,
            state: req.t("accountability.state.\(r.state)"), stateKey: r.state, version: r.version,
            origin: req.t("accountability.origin.\(r.origin)"), trigger: req.t("accountability.trigger.\(r.trigger)"),
            triggerRule: AccountabilityTrigger(rawValue: r.trigger)?.ruleID, facts: r.facts,
            source: r.sourceType.map { "\($0) \(r.sourceID?.uuidString ?? "")" }, department: department,
            investigator: name(r.investigatorID), plan: r.plan, openedAt: at(r.openedAt), jointLiability: r.jointLiability,
            nextStep: req.t("accountability.next.\(nextStep(state, file: file))"),
            persons: file.persons.map { p in
                Person(name: name(p.userID), statement: statements.contains { $0.personID == p.userID },
                       cause: file.entries("cause_analysis").contains { $0.personID == p.userID }, acknowledgedAt: p.acknowledgedAt.map { DisplayTime.format($0, req) })
            },
            statements: statements.map { Entry(who: name($0.authorID), about: name($0.personID), label: "", text: $0.body, at: at($0.createdAt)) },
            causes: file.entries("cause_analysis").map {
                Cause(who: name($0.personID ?? $0.authorID), cause: $0.body, solution: $0.solution ?? "", plan: $0.contingencyPlan ?? "", at: at($0.createdAt))
            },
            circumstances: file.entries("circumstance").map {
                Entry(who: name($0.authorID), about: "", label: req.t("accountability.circumstance.\($0.qualifier ?? "mitigating")"), text: $0.body, at: at($0.createdAt))
            },
            evidence: file.entries("evidence").map { e in
                let href = e.qualifier == AccountabilityEvidenceKind.case.rawValue ? e.refID.map { "/cases/\($0)" } : nil
                return Evidence(label: req.t("accountability.evidence.\(e.qualifier ?? "case")") + " " + (e.refID?.uuidString.prefix(8).description ?? ""),
                                href: href, note: e.body)
            },
            recusals: file.entries("recusal").map {
                Entry(who: name($0.personID), about: name($0.refID), label: "", text: $0.body, at: at($0.createdAt))
            },
            decision: decision, appeal: appeal, can: can,
            personOptions: file.persons.map { SelectOption(value: $0.userID.uuidString, label: name($0.userID)) },
            userOptions: users.filter { !file.isPerson($0.id!) && $0.id != r.investigatorID }
                .map { SelectOption(value: $0.id!.uuidString, label: "\($0.displayName) (\($0.username))") },
            sanctionOptions: rules.sanctions.map { SelectOption(value: $0.rawValue, label: req.t("accountability.sanction.\($0.rawValue)")) },
            circumstanceOptions: AccountabilityCircumstance.allCases.map { SelectOption(value: $0.rawValue, label: req.t("accountability.circumstance.\($0.rawValue)")) },
            organization: req.services.rulebook.organization.name)
    }

    /// What the case waits for, shown at the top of its page.
    static func nextStep(_ state: AccountabilityState, file: AccountabilityFile) -> String {
        switch state {
        case .opened, .investigating: "hearing"
        case .heard: "decision"
        case .decided: "delivery"
        case .delivered: "appeal_or_file"
        case .appealed: "review"
        case .reviewed: "file"
        case .final: "none"
        }
    }
}
