import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor


struct ServiceRegistrationRequest: Content {
    let category: ServiceCategory
    let productModel: String
    let specification: String?
    let purchaseDate: String?
    let purchasePlace: String?
    let address: String?
    let offsite: Bool?
    let onSite: Bool?

    enum CodingKeys: String, CodingKey {
        case category, specification, address, offsite
        case productModel = "product_model", purchaseDate = "purchase_date", purchasePlace = "purchase_place", onSite = "on_site"
    }

    var order: ServiceOrder {
        ServiceOrder(category: category, productModel: productModel, specification: specification, purchaseDate: purchaseDate,
                     purchasePlace: purchasePlace, address: address, offsite: offsite ?? false, onSite: onSite ?? true)
    }
}

struct ServiceActionRequest: Decodable, Sendable {
    let version: Int?
    let assigneeID: UUID?
    let serviceStart: Date?
    let serviceEnd: Date?
    let content: String?
    let signaturePNG: String?
    let signedOnPaperBy: String?
    let fee: MoneyInput?
    let kind: ServiceCost.Kind?
    let amount: MoneyInput?
    let note: String?
    let reason: String?

    enum CodingKeys: String, CodingKey {
        case version, content, fee, kind, amount, note, reason
        case assigneeID = "assignee_id", serviceStart = "service_start", serviceEnd = "service_end"
        case signaturePNG = "signature_png", signedOnPaperBy = "signed_on_paper_by"
    }
}

struct ServiceJobResponse: Content {
    struct Voucher: Content {
        let serviceStart: Date, serviceEnd: Date, content: String, signature: String, confirmedBy: String?
        let countersignedBy: UUID?, countersignedAt: Date?

        enum CodingKeys: String, CodingKey {
            case content, signature
            case serviceStart = "service_start", serviceEnd = "service_end", confirmedBy = "confirmed_by"
            case countersignedBy = "countersigned_by", countersignedAt = "countersigned_at"
        }
    }

    struct Fee: Content { let settlement: String; let amount: String }
    struct Cost: Content { let kind: String; let amount: String; let note: String? }

    let id: UUID, caseID: UUID, status: String, category: String, isOffsite: Bool, offsiteApproval: String, approvalID: UUID?
    let assigneeID: UUID?, registeredOn: String, priorityDispatch: Bool, productModel: String, specification: String?
    let purchaseDate: String?, purchasePlace: String?, address: String?, voucher: Voucher?, fee: Fee?, costs: [Cost], costTotal: String
    let version: Int

    enum CodingKeys: String, CodingKey {
        case id, status, category, specification, address, voucher, fee, costs, version
        case caseID = "case_id", isOffsite = "is_offsite", offsiteApproval = "offsite_approval", approvalID = "approval_id"
        case assigneeID = "assignee_id", registeredOn = "registered_on", priorityDispatch = "priority_dispatch"
        case productModel = "product_model", purchaseDate = "purchase_date", purchasePlace = "purchase_place", costTotal = "cost_total"
    }

    /// The customer's address is masked like the customer file unless the reader may see it: PII
    /// access, the dispatched service person, or the dispatcher.
    init(_ record: ServiceJobRecord, for staff: StaffUser, dispatcher: Role) throws {
        let job = try record.toDomain()
        let unmasked = staff.has(.customerPIIRead) || job.assigneeID == staff.id || staff.roles.contains(dispatcher)
        id = job.id; caseID = job.caseID; status = job.status.rawValue; category = job.category.rawValue; isOffsite = job.isOffsite
        offsiteApproval = job.offsiteApproval.rawValue; approvalID = record.approvalID; assigneeID = job.assigneeID
        registeredOn = job.registeredOn.description; priorityDispatch = record.priorityDispatch
        productModel = job.entry.productModel; specification = job.entry.specification; purchaseDate = job.entry.purchaseDate
        purchasePlace = job.entry.purchasePlace
        address = unmasked ? job.entry.address : job.entry.address.map { String($0.prefix(6)) + "****" }
        voucher = job.voucher.map { voucher in
            let (kind, by): (String, String?) = switch voucher.signature {
            case .captured: ("captured", nil)
            case .onPaper(let name): ("paper", name)
            }
            return Voucher(serviceStart: voucher.serviceStart, serviceEnd: voucher.serviceEnd, content: voucher.content, signature: kind,
                           confirmedBy: by, countersignedBy: voucher.countersignedBy, countersignedAt: voucher.countersignedAt)
        }
        fee = job.feeSettlement.map { settlement in
            switch settlement {
            case .collectedOnSite(let amount): Fee(settlement: "collected_on_site", amount: MoneyInput.text(amount))
            case .invoiceRequested(let amount): Fee(settlement: "invoice_requested", amount: MoneyInput.text(amount))
            }
        }
        costs = job.costs.map { Cost(kind: $0.kind.rawValue, amount: MoneyInput.text($0.amount), note: $0.note) }
        costTotal = MoneyInput.text(job.costTotal)
        version = record.version
    }
}
