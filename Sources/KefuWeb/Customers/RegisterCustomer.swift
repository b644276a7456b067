import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Registers a customer (客户档案, ORD-01): a valid phone number, refused when the number already
/// belongs to a customer (duplicate detection by phone), audited without personal data.
struct RegisterCustomer {
    let db: any Database
    let services: AppServices

    struct Input {
        var name: String
        var phone: String
        var address: String?
        var region: String?
        var isMember: Bool
        var tier: String?
    }

    func run(_ input: Input, by staff: StaffUser) async throws -> CustomerRecord {
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
        let repository = CustomerRepository(db: db)
        if try await repository.find(phone: phone.digits) != nil {
            throw DomainError.conflict(reason: "customer.duplicate_phone")
        }
        let now = services.now()
        let customer = CustomerRecord(name: name, phone: phone.digits, address: input.address?.nilIfBlank,
                                      region: input.region?.nilIfBlank, isMember: input.isMember, tier: input.tier?.nilIfBlank,
                                      createdBy: staff.id, createdAt: now)
        let version = services.rulebook.versionShort
        try await db.transaction { db in
            try await CustomerRepository(db: db).insert(customer, phoneKeys: phone.suffixKeys)
            try await AuditRepository(db: db).append(AuditEntry(
                at: now, actorID: staff.id, actorName: staff.username, action: "customer.registered", subjectType: "customer",
                subjectID: customer.id!, summary: "phone \(phone.masked)", rulebookVersion: version))
        }
        return customer
    }
}

extension String {
    var nilIfBlank: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}
