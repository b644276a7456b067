import Foundation
import KefuCore
import KefuDomain

/// The service fields of the new-case web form (`service_…`) turned into the order `OpenCase` registers;
/// a category outside the list is a field error on the form.
enum ServiceWebForm {
    static func order(_ form: CaseNewWebController.NewCaseForm) throws -> ServiceOrder {
        guard let category = ServiceCategory(rawValue: form.serviceCategory ?? "") else {
            throw DomainError.validation(fields: ["service.category": "error.field.choice"])
        }
        return ServiceOrder(category: category, productModel: form.serviceProductModel ?? "", specification: form.serviceSpecification,
                            purchaseDate: form.servicePurchaseDate, purchasePlace: form.servicePurchasePlace,
                            address: form.serviceAddress, offsite: form.serviceOffsite != nil)
    }
}
