import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// Sign-in and sign-out (签到表, ATT-01/02) against the roster: the actual times are recorded, never typed
/// in, and only by the person themselves (嚴禁他人代簽). Minutes late and early come from the roster
/// (SHF-13); arriving the rulebook's minutes early is noted (SHF-01/07).
struct Attendance {
    let db: any Database
    let services: AppServices

    static let subjectType = "attendance"
    var rules: Rulebook { services.rulebook }

    /// The person's shift that can be signed into now: one that has not ended and starts within the
    /// sign-in window (early-arrival minutes plus an hour, so an early bird is not refused).
    func currentShift(of userID: UUID, db: any Database) async throws -> RosterEntryRecord? {
        let lead = Double((rules.attendance.earlyArrivalMinutes + 60) * 60)
        return try await RosterRepository(db: db).covering(services.now(), lead: lead, userID: userID).first
    }

    func signIn(_ staff: StaffUser) async throws -> AttendanceRecord {
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            guard let entry = try await currentShift(of: staff.id, db: db) else {
                throw DomainError.ruleViolation(rule: "attendance.early_arrival_minutes", reason: "error.attendance.no_shift")
            }
            if try await RosterRepository(db: db).attendance(of: entry.id!) != nil {
                throw DomainError.conflict(reason: "error.attendance.already_signed_in")
            }
            let verdict = judge(entry, signedInAt: now, signedOutAt: nil, now: now)
            let record = AttendanceRecord()
            record.id = services.newID()
            record.rosterEntryID = entry.id!
            record.userID = staff.id
            record.shiftDate = entry.shiftDate
            record.signedInAt = now
            record.lateMinutes = verdict.lateMinutes
            record.earlyMinutes = 0
            record.arrivedEarly = verdict.arrivedEarly
            record.version = 1
            try await record.create(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "attendance.signed_in",
                                                                       "late \(verdict.lateMinutes) min", ruleKey: verdict.lateMinutes > 0 ? "fines.violation_after_minutes" : nil)
            if verdict.lateMinutes > 0 {
                try await fineLateOrEarly(staff.id, at: now, db: db, note: "迟到 \(verdict.lateMinutes) 分钟\(verdict.isViolation ? "（违纪，ATT-04）" : "")")
            }
            return record
        }
    }

    func signOut(_ staff: StaffUser) async throws -> AttendanceRecord {
        let now = services.now().roundedToMilliseconds
        return try await db.transaction { db in
            let open = try await AttendanceRecord.query(on: db).filter(\.$userID == staff.id).filter(\.$signedOutAt == nil)
                .sort(\.$signedInAt, .descending).first()
            guard let record = open, let entry = try await RosterRepository(db: db).entry(record.rosterEntryID) else {
                throw DomainError.conflict(reason: "error.attendance.not_signed_in")
            }
            let verdict = judge(entry, signedInAt: record.signedInAt, signedOutAt: now, now: now)
            record.signedOutAt = now
            record.earlyMinutes = verdict.earlyMinutes
            record.version += 1
            try await record.save(on: db)
            try await WorkforceAudit(db: db, services: services).record(record.id!, Self.subjectType, staff, "attendance.signed_out",
                                                                       "early \(verdict.earlyMinutes) min", ruleKey: nil)
            if verdict.earlyMinutes > 0 { try await fineLateOrEarly(staff.id, at: now, db: db, note: "早退 \(verdict.earlyMinutes) 分钟") }
            return record
        }
    }

    func judge(_ entry: RosterEntryRecord, signedInAt: Date?, signedOutAt: Date?, now: Date) -> AttendanceVerdict {
        AttendanceVerdict.judge(start: entry.startsAt, end: entry.endsAt, signedInAt: signedInAt, signedOutAt: signedOutAt, now: now,
                                earlyArrivalMinutes: rules.attendance.earlyArrivalMinutes,
                                violationAfterMinutes: rules.fines.violationAfterMinutes)
    }

    /// The code of the catalogue that lateness and early leaving are fined under (ATT-05/27).
    static let lateOrEarlyCode = "late_or_early"

    /// ATT-05/27: a late arrival or an early departure is recorded by the system as a violation, in the sign-in's
    /// transaction, with the catalogue's amount for the month's occurrence. A catalogue without the code fines nothing.
    private func fineLateOrEarly(_ userID: UUID, at instant: Date, db: any Database, note: String) async throws {
        guard rules.fines.catalogue[Self.lateOrEarlyCode] != nil else { return }
        try await Violations(db: db, services: services).record(code: Self.lateOrEarlyCode, userID: userID, at: instant, recordedBy: nil, note: note)
    }

    /// The late or early shifts of the month (one line each), as the statement shows them.
    func lateOrEarlyOccurrences(userID: UUID, month: String) async throws -> [AttendanceRecord] {
        try await AttendanceRecord.query(on: db).filter(\.$userID == userID)
            .filter(\.$shiftDate >= "\(month)-01").filter(\.$shiftDate <= "\(month)-31").sort(\.$shiftDate).all()
            .filter { $0.lateMinutes > 0 || $0.earlyMinutes > 0 }
    }

    /// Rostered shifts of the month that ended before now without a sign-in (ATT-07/28 absenteeism).
    /// FINES SEAM: the fines module charges these; approved leave (LV) must be excluded there once it exists.
    func absences(userID: UUID, month: String) async throws -> [RosterEntryRecord] {
        let now = services.now()
        let entries = try await RosterRepository(db: db).entries(from: "\(month)-01", to: "\(month)-31", userID: userID).filter { $0.endsAt <= now }
        let signed = Set(try await RosterRepository(db: db).attendance(rosterEntryIDs: entries.compactMap(\.id)).map(\.rosterEntryID))
        return entries.filter { !signed.contains($0.id!) }
    }
}
