import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// The one fines and rewards ledger (奖罚台账): complaint deductions (CMP-42), violations (ATT-05..31) and
/// money rewards (ATT-17/26) all land here, each naming who recorded it (ATT-25) and the month it counts in.
struct FinesLedger {
    let db: any Database
    let services: AppServices

    /// The recorder's name when the system records an entry (e.g. lateness from attendance).
    static let systemName = "system"

    /// `YYYY-MM` of an instant in the organization's calendar.
    static func month(of instant: Date, services: AppServices) -> String {
        QualityPeriod.month(of: services.rulebook.calendar.localDate(of: instant))
    }

    /// Append one entry; `amount` is negative for a deduction.
    @discardableResult
    func append(staffID: UUID, amount: Decimal, reason: String, sourceType: String, sourceID: UUID, month: String,
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
        try await entry.create(on: db)
        return entry
    }

    /// A person's entries of one month, oldest first (the statement's order).
    func entries(staffID: UUID, month: String) async throws -> [FineLedgerRecord] {
        try await FineLedgerRecord.query(on: db).filter(\.$month == month).filter(\.$staffID == staffID)
            .sort(\.$createdAt).limit(1_000).all()
    }
}
