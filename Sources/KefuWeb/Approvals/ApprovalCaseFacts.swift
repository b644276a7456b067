import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// The case an approval is about (a complaint settlement, an off-site service) and its customer, as facts an
/// approver reads: the case number and subject, the customer's name and number. The number is masked
/// (SEC-01..03) except on the approval's own page for a reader who may see it in full — a role with
/// `customer.pii.read` and the customer within reach, as `CustomerPrivacy` decides everywhere — and that read
/// is logged like every full read. Loaded for a whole page at once: cases in one query, customers in another.
struct ApprovalCaseFacts {
    private let cases: [UUID: CaseRecord]
    private let customers: [UUID: CustomerRecord]
    private let unmasked: Set<UUID>

    static func load(caseIDs: [UUID], _ asking: ApprovalContextRequest) async throws -> ApprovalCaseFacts {
        let cases = try await CaseRepository(db: asking.db).find(ids: Array(Set(caseIDs)))
        let customers = try await CustomerRepository(db: asking.db).find(ids: Array(Set(cases.map(\.customerID))))
        var unmasked: Set<UUID> = []
        if asking.detail, let staff = asking.req.staff {
            let privacy = CustomerPrivacy(db: asking.db, staff: staff, services: asking.services)
            unmasked = try await privacy.unmasked(customers)
            for id in unmasked { try await privacy.logRead(id, via: "page.approval") }
        }
        return ApprovalCaseFacts(cases: Dictionary(cases.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }),
                                 customers: Dictionary(customers.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a }),
                                 unmasked: unmasked)
    }

    /// "C20261123-0001 产品漏水", or nil when the case is gone.
    func caseLabel(_ caseID: UUID) -> String? {
        cases[caseID].map { "\($0.number) \($0.subject)" }
    }

    func caseNumber(_ caseID: UUID) -> String? { cases[caseID]?.number }

    /// 工单 and 客户 rows for `caseID`.
    func facts(_ caseID: UUID, _ asking: ApprovalContextRequest) -> [ApprovalFact] {
        guard let record = cases[caseID] else { return [] }
        var facts = [ApprovalFact(label: asking.t("approvals.fact.case"), value: "\(record.number) \(record.subject)")]
        if let customer = customers[record.customerID] {
            let number = PhoneNumber(customer.phone)
            let phone = unmasked.contains(customer.id!) ? (number?.formatted ?? customer.phone) : (number?.masked ?? "****")
            facts.append(ApprovalFact(label: asking.t("approvals.fact.customer"), value: "\(customer.name) \(phone)"))
        }
        return facts
    }
}
