import Foundation
import KefuDomain
import KefuStore

/// What a service request registers as its job (SRV-02, 服务登记表) when the case is opened: the same
/// order whether it comes from the new-case form or from `POST /api/v1/cases` (`OpenCase` registers it).
package struct ServiceOrder: Sendable {
    package var category: ServiceCategory
    package var productModel: String
    package var specification: String?
    package var purchaseDate: String?
    package var purchasePlace: String?
    /// Blank: the customer's own address.
    package var address: String?
    /// Off-site service needs the approval of `service.offsite_approver` (SRV-05).
    package var offsite: Bool
    package var onSite: Bool = true

    package init(category: ServiceCategory, productModel: String, specification: String? = nil, purchaseDate: String? = nil, purchasePlace: String? = nil, address: String? = nil, offsite: Bool, onSite: Bool = true) {
        self.category = category
        self.productModel = productModel
        self.specification = specification
        self.purchaseDate = purchaseDate
        self.purchasePlace = purchasePlace
        self.address = address
        self.offsite = offsite
        self.onSite = onSite
    }

    package func entry(customer: CustomerRecord?) -> ServiceRegisterEntry {
        ServiceRegisterEntry(customerName: customer?.name, address: address?.nilIfBlank ?? customer?.address, phone: customer?.phone,
                             productModel: productModel, specification: specification?.nilIfBlank,
                             purchaseDate: purchaseDate?.nilIfBlank, purchasePlace: purchasePlace?.nilIfBlank, onSite: onSite)
    }
}
