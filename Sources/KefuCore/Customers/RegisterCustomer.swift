import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Registers a customer (客户档案, ORD-01): a valid phone number, refused when the number already
/// belongs to a customer (duplicate detection by phone), audited without personal data.
package struct RegisterCustomer {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    package struct Input: Sendable {
        package var name: String
        package var phone: String
        package var address: String?
        package var region: String?
        package var isMember: Bool
        package var tier: String?

        package init(name: String, phone: String, address: String? = nil, region: String? = nil, isMember: Bool, tier: String? = nil) {
            self.name = name
            self.phone = phone
            self.address = address
            self.region = region
            self.isMember = isMember
            self.tier = tier
        }
    }

    package func run(_ input: Input, by staff: StaffUser) async throws -> CustomerRecord {
        let (customer, phone) = try validated(input, by: staff)
        let repository = CustomerRepository(db: db)
        if try await repository.find(phone: phone.digits) != nil {
            throw DomainError.conflict(reason: "customer.duplicate_phone")
        }
        try await db.transaction { db in
            try await CustomerRepository(db: db).insert(customer, phoneKeys: phone.suffixKeys)
            try await AuditRepository(db: db).append(registered(customer, phone: phone, by: staff))
        }
        return customer
    }

    /// The new customer's record from valid input, not yet stored (cases opened together store theirs at
    /// once, issue 22), or the refusal naming the fields.
    package func validated(_ input: Input, by staff: StaffUser) throws -> (CustomerRecord, PhoneNumber) {
        let name = input.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var fields: [String: String] = [:]
        if name.isEmpty || name.count > 64 { fields["name"] = "error.field.name" }
        let phone = PhoneNumber(input.phone)
        if phone == nil { fields["phone"] = "error.field.phone" }
        if let address = input.address, address.count > 200 { fields["address"] = "error.field.too_long" }
        if let region = input.region, region.count > 64 { fields["region"] = "error.field.too_long" }
        // ORD-02: the tiers of the rulebook's customer classification, nothing else.
        if let tier = input.tier?.nilIfBlank, !services.rulebook.cases.customerTiers.contains(tier) { fields["tier"] = "error.field.choice" }
        guard fields.isEmpty, let phone else { throw DomainError.validation(fields: fields) }
        let customer = CustomerRecord(name: name, phone: phone.digits, address: input.address?.nilIfBlank,
                                      region: input.region?.nilIfBlank, isMember: input.isMember, tier: input.tier?.nilIfBlank,
                                      createdBy: staff.id, createdAt: services.now())
        return (customer, phone)
    }

    /// The audit entry of a registration, without personal data (the number masked).
    package func registered(_ customer: CustomerRecord, phone: PhoneNumber, by staff: StaffUser) -> AuditEntry {
        AuditEntry(at: customer.createdAt, actorID: staff.id, actorName: staff.username, action: "customer.registered", subjectType: "customer",
                   subjectID: customer.id!, summary: "phone \(phone.masked)", rulebookVersion: services.rulebook.versionShort)
    }
}

extension String {
    package var nilIfBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
