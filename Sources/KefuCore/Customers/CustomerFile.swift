import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The customer file (客户档案, ORD-01) beyond the basics: products owned (model, specification,
/// purchase date and place — what SRV-02 asks when service is requested) and notes.
package struct CustomerFile {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package struct Product {
        package var model: String
        package var specification: String?
        package var purchasedOn: String?
        package var purchasePlace: String?

        package init(model: String, specification: String? = nil, purchasedOn: String? = nil, purchasePlace: String? = nil) {
            self.model = model
            self.specification = specification
            self.purchasedOn = purchasedOn
            self.purchasePlace = purchasePlace
        }
    }

    package func addProduct(_ product: Product, to customerID: UUID, by staff: StaffUser) async throws -> CustomerProductRecord {
        var fields: [String: String] = [:]
        let model = product.model.trimmingCharacters(in: .whitespaces)
        if model.isEmpty { fields["model"] = "error.field.required" } else if model.count > 64 { fields["model"] = "error.field.too_long" }
        if (product.specification?.count ?? 0) > 64 { fields["specification"] = "error.field.too_long" }
        if (product.purchasePlace?.count ?? 0) > 64 { fields["purchase_place"] = "error.field.too_long" }
        let today = services.rulebook.calendar.localDate(of: services.now())
        if let text = product.purchasedOn?.nilIfBlank {
            if let day = LocalDate(text), day <= today {} else { fields["purchased_on"] = "error.field.date" }
        }
        guard fields.isEmpty else { throw DomainError.validation(fields: fields) }
        return try await db.transaction { db in
            guard try await CustomerRepository(db: db).find(customerID) != nil else { throw DomainError.notFound(subject: "customer") }
            let record = CustomerProductRecord(customerID: customerID, model: model, specification: product.specification?.nilIfBlank,
                                               purchasedOn: product.purchasedOn?.nilIfBlank, purchasePlace: product.purchasePlace?.nilIfBlank,
                                               createdAt: services.now())
            try await CustomerRepository(db: db).addProduct(record)
            try await audit("customer.product_added", customerID, staff, "model \(model)", db: db)
            return record
        }
    }

    package func addNote(_ body: String, to customerID: UUID, by staff: StaffUser) async throws -> CustomerNoteRecord {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw DomainError.validation(fields: ["body": "error.field.required"]) }
        if text.count > 2_000 { throw DomainError.validation(fields: ["body": "error.field.too_long"]) }
        return try await db.transaction { db in
            guard try await CustomerRepository(db: db).find(customerID) != nil else { throw DomainError.notFound(subject: "customer") }
            let note = CustomerNoteRecord(customerID: customerID, authorID: staff.id, authorName: staff.displayName, body: text,
                                          createdAt: services.now())
            try await CustomerRepository(db: db).addNote(note)
            try await audit("customer.note_added", customerID, staff, "note", db: db)
            return note
        }
    }

    /// A further number (office, home …): valid, and not yet anyone's — a number belongs to one customer.
    package func addPhone(_ text: String, to customerID: UUID, by staff: StaffUser) async throws -> CustomerPhoneRecord {
        guard let phone = PhoneNumber(text) else { throw DomainError.validation(fields: ["phone": "error.field.phone"]) }
        return try await db.transaction { db in
            let repository = CustomerRepository(db: db)
            guard try await repository.find(customerID) != nil else { throw DomainError.notFound(subject: "customer") }
            if try await repository.find(phone: phone.digits) != nil { throw DomainError.conflict(reason: "customer.duplicate_phone") }
            let record = CustomerPhoneRecord(customerID: customerID, phone: phone.digits, createdAt: services.now())
            try await repository.addPhone(record, phoneKeys: phone.suffixKeys)
            try await audit("customer.phone_added", customerID, staff, "phone \(phone.masked)", db: db)
            return record
        }
    }

    private func audit(_ action: String, _ customerID: UUID, _ staff: StaffUser, _ summary: String, db: any Database) async throws {
        try await AuditRepository(db: db).append(AuditEntry(
            at: services.now(), actorID: staff.id, actorName: staff.username, action: action, subjectType: "customer",
            subjectID: customerID, summary: summary, rulebookVersion: services.rulebook.versionShort))
    }
}
