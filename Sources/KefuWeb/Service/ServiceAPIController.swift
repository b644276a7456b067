import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/api/v1/cases/{id}/service…` (SRV) and the dispatch queue `/api/v1/service-jobs`. Who may act is
/// decided per step: the dispatcher role dispatches and countersigns, the dispatched person starts the
/// work and records the voucher; everyone else needs to be able to read the case.
struct ServiceAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let service = routes.grouped("api", "v1", "cases", ":id", "service")
        service.on(.POST, access: .permission(.casesRead), summary: "Register the service job of a service-request case (SRV-02)", request: ServiceRegistrationRequest.self, status: .created, use: register)
        service.on(.GET, access: .authenticated, summary: "The service job of a case", use: show)
        for (action, summary) in [("dispatch", "Dispatch to a service person (SRV-03)"), ("start", "Start the service on site"),
                                  ("voucher", "Record the voucher with the customer's signature (SRV-05/08)"),
                                  ("countersign", "Countersign the voucher (SRV-09)"), ("costs", "Book a service cost (SRV-12)"),
                                  ("file", "File the job"), ("cancel", "Cancel the job")] {
            service.on(.POST, .constant(action), access: .authenticated, summary: summary) { req in try await perform(action, req: req) }
        }
        routes.grouped("api", "v1").on(.GET, "service-jobs", access: .authenticated, summary: "Dispatch queue (priority first, SRV-10)",
                                       use: queue)
    }

    @Sendable func register(req: Request) async throws -> Response {
        let staff = try req.requireStaff()
        let body = try req.content.decode(ServiceRegistrationRequest.self)
        let record = try await CasesAPIController.readable(req)
        guard CaseAccess.canAct(try await CaseScope.of(staff, db: req.db).viewer, record.parties) else {
            throw DomainError.forbidden(reason: "error.case.not_yours")
        }
        let job = try await ServiceJobs(db: req.db, services: req.services).register(caseRecord: record, order: body.order, by: staff)
        return try await ServiceJobResponse(job, for: staff, dispatcher: req.services.rulebook.service.dispatcher)
            .encodeResponse(status: .created, for: req)
    }

    @Sendable func show(req: Request) async throws -> ServiceJobResponse {
        let jobs = ServiceJobs(db: req.db, services: req.services)
        let staff = try req.requireStaff()
        return try ServiceJobResponse(try await jobs.load(caseID: try CasesAPIController.caseID(req), by: staff, db: req.db).0, for: staff,
                                      dispatcher: req.services.rulebook.service.dispatcher)
    }

    @Sendable func perform(_ action: String, req: Request) async throws -> ServiceJobResponse {
        let staff = try req.requireStaff()
        let caseID = try CasesAPIController.caseID(req)
        let body = req.body.data == nil ? nil : try req.content.decode(ServiceActionRequest.self)
        let record = try await ServiceStep(jobs: ServiceJobs(db: req.db, services: req.services))
            .run(action, caseID: caseID, staff: staff, body: body)
        return try ServiceJobResponse(record, for: staff, dispatcher: req.services.rulebook.service.dispatcher)
    }

    @Sendable func queue(req: Request) async throws -> ListResponse<ServiceJobResponse> {
        let staff = try req.requireStaff()
        guard staff.roles.contains(req.services.rulebook.service.dispatcher) || staff.has(.usersManage) else {
            throw DomainError.forbidden(reason: "service.dispatch_manager_only")
        }
        let jobs = try await ServiceJobRepository(db: req.db).dispatchQueue(limit: 200)
        let dispatcher = req.services.rulebook.service.dispatcher
        return ListResponse(items: try jobs.map { try ServiceJobResponse($0, for: staff, dispatcher: dispatcher) })
    }
}

/// One step of a service job from a request body (shared by the API and the case page's forms).
struct ServiceStep {
    let jobs: ServiceJobs

    func run(_ action: String, caseID: UUID, staff: StaffUser, body: ServiceActionRequest?) async throws -> ServiceJobRecord {
        let rules = jobs.services.rulebook.service
        let version = body?.version
        let now = jobs.services.now()
        let isDispatcher = staff.roles.contains(rules.dispatcher)
        let (record, _) = try await jobs.load(caseID: caseID, by: staff, db: jobs.db)
        let isAssignee = record.assigneeID == staff.id
        // Who may take each step: the dispatcher runs the job, the dispatched person works it, and
        // someone who may act on the case (not merely read it) may cancel it.
        switch action {
        case "dispatch", "countersign", "file": break  // the domain refuses anyone but the dispatcher role
        case "start", "voucher": break                 // the domain refuses anyone but the dispatched person
        case "costs": guard isDispatcher || isAssignee else { throw DomainError.forbidden(reason: "service.dispatch_manager_only") }
        default:
            if !isDispatcher {
                let scope = try await CaseScope.of(staff, db: jobs.db)
                guard let caseRecord = try await CaseRepository(db: jobs.db).find(caseID), CaseAccess.canAct(scope.viewer, caseRecord.parties) else {
                    throw DomainError.forbidden(reason: "error.case.not_yours")
                }
            }
        }
        switch action {
        case "dispatch":
            guard let person = body?.assigneeID else { throw DomainError.validation(fields: ["assignee_id": "error.field.required"]) }
            return try await jobs.dispatch(caseID: caseID, to: person, by: staff, expectedVersion: version)
        case "start":
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.started") { job, _ in
                guard job.assigneeID == staff.id else { throw DomainError.forbidden(reason: "service.voucher_assignee_only") }
                try job.startService(at: now)
                return ""
            }
        case "voucher":
            var given: CustomerSignature?
            if let png = body?.signaturePNG?.nilIfBlank { given = try CustomerSignature.captured(base64: png) }
            else if let name = body?.signedOnPaperBy?.nilIfBlank { given = .onPaper(confirmedBy: name) }
            let signature = given
            guard let start = body?.serviceStart, let end = body?.serviceEnd else {
                throw DomainError.validation(fields: ["service_start": "error.field.required", "service_end": "error.field.required"])
            }
            let content = body?.content ?? ""
            let fee = body?.fee?.value
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.voucher_signed",
                                         ruleKey: fee == nil ? nil : "service.low_fee_threshold") { job, _ in
                try job.recordVoucher(by: staff.id, serviceStart: start, serviceEnd: end, content: content, signature: signature, fee: fee,
                                      lowFeeThreshold: rules.lowFeeThreshold, at: now)
                return job.feeSettlement.map { "fee \(MoneyInput.text($0.amount))" } ?? ""
            }
        case "countersign":
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.countersigned") { job, _ in
                try job.countersign(by: staff.id, isDepartmentManager: isDispatcher, at: now)
                return ""
            }
        case "costs":
            guard let kind = body?.kind, let amount = body?.amount?.value else {
                throw DomainError.validation(fields: ["kind": "error.field.required", "amount": "error.field.required"])
            }
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.cost_booked") { job, _ in
                try job.bookCost(ServiceCost(kind: kind, amount: amount, note: body?.note?.nilIfBlank), at: now)
                return "\(kind.rawValue) \(MoneyInput.text(amount))"
            }
        case "file":
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.filed") { job, _ in
                try job.file(at: now)
                return ""
            }
        default:
            return try await jobs.change(caseID: caseID, by: staff, expectedVersion: version, action: "service.cancelled") { job, _ in
                try job.cancel(reason: body?.reason ?? "", at: now)
                return ""
            }
        }
    }
}
