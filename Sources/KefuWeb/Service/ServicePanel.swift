import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The service part of a service-request case page: the job, and the forms the reader may use now.
struct ServicePanel: Encodable {
    let exists: Bool
    let job: ServiceJobResponse?
    let statusLabel: String
    let categoryLabel: String
    let assigneeName: String
    let categories: [SelectOption]
    let costKinds: [SelectOption]
    let people: [SelectOption]
    let canRegister: Bool
    let canDispatch: Bool
    let canStart: Bool
    let canVoucher: Bool
    let canCountersign: Bool
    let canFile: Bool
    let canCost: Bool
    let isPaid: Bool
    let lowFeeThreshold: String
    let offsiteApprovalLabel: String
    let settlementLabel: String
    let costLines: [String]

    static func build(for record: CaseRecord, canAct: Bool, req: Request) async throws -> ServicePanel? {
        guard record.type == CaseType.serviceRequest.rawValue else { return nil }
        let staff = try req.requireStaff()
        let rules = req.services.rulebook.service
        let isDispatcher = staff.roles.contains(rules.dispatcher)
        let stored = try await ServiceJobRepository(db: req.db).find(caseID: record.id!)
        let job = try stored.map { try ServiceJobResponse($0, for: staff, dispatcher: rules.dispatcher) }
        let status = job.flatMap { ServiceJobStatus(rawValue: $0.status) }
        var people: [SelectOption] = []
        if isDispatcher, status == .registered {
            let users = try await UserRepository(db: req.db).list(scope: .all, query: nil, role: nil, after: nil, limit: 200).items
            people = users.filter(\.active).map { SelectOption(value: $0.id!.uuidString, label: $0.displayName) }
        }
        var assignee = ""
        if let id = job?.assigneeID { assignee = try await CasePeople.names(of: [id], db: req.db)[id] ?? "" }
        let mine = job?.assigneeID == staff.id
        return ServicePanel(
            exists: job != nil, job: job, statusLabel: job.map { req.t("service.status.\($0.status)") } ?? "",
            categoryLabel: job.map { req.t("service.category.\($0.category)") } ?? "", assigneeName: assignee,
            categories: ServiceCategory.allCases.map { SelectOption(value: $0.rawValue, label: "\($0.letter). " + req.t("service.category.\($0.rawValue)")) },
            costKinds: ServiceCost.Kind.allCases.map { SelectOption(value: $0.rawValue, label: req.t("service.cost.\($0.rawValue)")) },
            people: people, canRegister: job == nil && canAct, canDispatch: isDispatcher && status == .registered,
            canStart: mine && status == .dispatched, canVoucher: mine && status == .inService,
            canCountersign: isDispatcher && status == .voucherSigned, canFile: isDispatcher && status == .countersigned,
            canCost: (mine || isDispatcher) && (status?.acceptsCosts ?? false), isPaid: job?.category == ServiceCategory.paid.rawValue,
            lowFeeThreshold: MoneyInput.text(rules.lowFeeThreshold),
            offsiteApprovalLabel: job.map { req.t("service.offsite_approval.\($0.offsiteApproval)") } ?? "",
            settlementLabel: job?.fee.map { req.t("service.settlement.\($0.settlement)") } ?? "",
            costLines: job?.costs.map { req.t("service.cost.\($0.kind)") + " " + $0.amount + ($0.note.map { " (\($0))" } ?? "") } ?? [])
    }
}
