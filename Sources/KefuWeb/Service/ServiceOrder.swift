import Foundation
import KefuDomain
import KefuStore

/// What a service request registers as its job (SRV-02, 服务登记表) when the case is opened: the same
/// order whether it comes from the new-case form or from `POST /api/v1/cases` (`OpenCase` registers it).
struct ServiceOrder: Sendable {
    var category: ServiceCategory
    var productModel: String
    var specification: String?
    var purchaseDate: String?
    var purchasePlace: String?
    /// Blank: the customer's own address.
    var address: String?
    /// Off-site service needs the approval of `service.offsite_approver` (SRV-05).
    var offsite: Bool
    var onSite: Bool = true

    func entry(customer: CustomerRecord?) -> ServiceRegisterEntry {
        ServiceRegisterEntry(customerName: customer?.name, address: address?.nilIfBlank ?? customer?.address, phone: customer?.phone,
                             productModel: productModel, specification: specification?.nilIfBlank,
                             purchaseDate: purchaseDate?.nilIfBlank, purchasePlace: purchasePlace?.nilIfBlank, onSite: onSite)
    }
}
