import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// SEC-01..03: a customer's phone numbers and address are shown in full only to someone who needs them — a
/// role with `customer.pii.read` AND the customer within their reach: center-wide roles see every customer;
/// everyone else the customers they registered or who have a case they may read (their own, their team's,
/// their department's queue). Everywhere else the number is masked (138****5678), in lists, pages, exports
/// and search results alike. Every full read of a customer's record is logged (`customer_reads`).
package struct CustomerPrivacy {
    package let db: any Database
    package let staff: StaffUser
    package let services: AppServices

    package init(db: any Database, staff: StaffUser, services: AppServices) {
        self.db = db
        self.staff = staff
        self.services = services
    }

    /// The customers among `records` (a page) whose details this staff member sees unmasked.
    package func unmasked(_ records: [CustomerRecord]) async throws -> Set<UUID> {
        guard staff.has(.customerPIIRead), !records.isEmpty else { return [] }
        let scope = try await CaseScope.of(staff, db: db).repositoryScope
        if scope == .all { return Set(records.compactMap(\.id)) }
        var allowed = Set(records.filter { $0.createdBy == staff.id }.compactMap(\.id))
        let rest = records.compactMap(\.id).filter { !allowed.contains($0) }
        allowed.formUnion(try await CaseRepository(db: db).customers(among: rest, scope: scope))
        return allowed
    }

    package func unmasked(_ record: CustomerRecord) async throws -> Bool {
        try await unmasked([record]).contains(record.id!)
    }

    /// Records one full read (the page or API of a customer, a case showing its customer unmasked).
    package func logRead(_ customerID: UUID, via: String) async throws {
        let row = CustomerReadRecord()
        row.customerID = customerID; row.userID = staff.id; row.userName = staff.displayName; row.via = via; row.at = services.now()
        try await CustomerRepository(db: db).logRead(row)
    }

    /// Who looked at a customer, newest first (administrators and auditors).
    package static func reads(of customerID: UUID, db: any Database, after cursor: Cursor?, limit: Int) async throws -> KeysetPage<CustomerReadRecord> {
        try await CustomerRepository(db: db).reads(customerID: customerID, after: cursor, limit: limit)
    }
}
