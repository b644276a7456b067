import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The one fines and rewards ledger (奖罚台账): complaint deductions (CMP-42), violations (ATT-05..31) and
/// money rewards (ATT-17/26) all land here, each naming who recorded it (ATT-25) and the month it counts in.
package struct FinesLedger {
    package let db: any Database
    package let services: AppServices

    package init(db: any Database, services: AppServices) {
        self.db = db
        self.services = services
    }

    /// The recorder's name when the system records an entry (e.g. lateness from attendance).
    package static let systemName = "system"

    /// `YYYY-MM` of an instant in the organization's calendar.
    package static func month(of instant: Date, services: AppServices) -> String {
        QualityPeriod.month(of: services.rulebook.calendar.localDate(of: instant))
    }

    /// Append one entry; `amount` is negative for a deduction.
    @discardableResult
    package func append(staffID: UUID, amount: Decimal, reason: String, sourceType: String, sourceID: UUID, month: String,
                recordedByID: UUID?, recordedByName: String) async throws -> FineLedgerRecord {
        let entry = FineLedgerRecord()
        entry.staffID = staffID
        entry.amount = MoneyInput.text(amount)
        entry.reason = reason
        entry.sourceType = sourceType
        entry.sourceID = sourceID
        entry.createdAt = services.now()
        entry.month = month
        entry.recordedByID = recordedByID
        entry.recordedByName = recordedByName
        try await FineLedgerRepository(db: db).insert(entry)
        return entry
    }

    /// A person's entries of one month, oldest first (the statement's order).
    package func entries(staffID: UUID, month: String) async throws -> [FineLedgerRecord] {
        try await FineLedgerRepository(db: db).entries(staffID: staffID, month: month)
    }
}
