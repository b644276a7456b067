import Foundation

/// How a person kept one rostered shift (ATT-01/02, SHF-01/07/13): late or early minutes against the
/// roster, whether they came the rulebook's minutes early, absence when they never signed in, and the
/// ATT-04 disciplinary flag (违纪) for lateness of `violationAfterMinutes` or more.
public struct AttendanceVerdict: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// The shift has not started and nobody signed in yet.
        case upcoming
        /// Signed in on time (or before), shift not finished.
        case present
        case late
        /// Signed out before the shift's end.
        case leftEarly = "left_early"
        /// Late and left early.
        case lateAndEarly = "late_and_early"
        case onTime = "on_time"
        /// The shift started and nobody signed in (past the end: absent for the day).
        case absent
    }

    public let status: Status
    public let lateMinutes: Int
    public let earlyMinutes: Int
    /// SHF-01/07: signed in at least the early-arrival minutes before the start.
    public let arrivedEarly: Bool
    /// ATT-04: late `violationAfterMinutes` or more.
    public let isViolation: Bool

    /// Judges the shift `start…end` given sign-in and sign-out at `now`. Minutes are whole, rounded down:
    /// a sign-in 59 seconds after the start is not late.
    public static func judge(start: Date, end: Date, signedInAt: Date?, signedOutAt: Date?, now: Date,
                             earlyArrivalMinutes: Int, violationAfterMinutes: Int) -> AttendanceVerdict {
        guard let signedInAt else {
            let status: Status = now < start ? .upcoming : .absent
            return AttendanceVerdict(status: status, lateMinutes: 0, earlyMinutes: 0, arrivedEarly: false, isViolation: status == .absent)
        }
        let late = max(0, Int(signedInAt.timeIntervalSince(start) / 60))
        let early = signedOutAt.map { max(0, Int(end.timeIntervalSince($0) / 60)) } ?? 0
        let status: Status = switch (late > 0, early > 0) {
        case (true, true): .lateAndEarly
        case (false, true): .leftEarly
        case (true, false): .late
        case (false, false): signedOutAt == nil ? .present : .onTime
        }
        let arrivedEarly = signedInAt <= start.addingTimeInterval(Double(-earlyArrivalMinutes * 60))
        return AttendanceVerdict(status: status, lateMinutes: late, earlyMinutes: early, arrivedEarly: arrivedEarly,
                                 isViolation: late >= violationAfterMinutes)
    }
}

/// Leaving the post (脱岗, SHF-09, ATT-03/04): absences over `consentAfterMinutes` are logged, and without
/// approval count as half a day of absenteeism; `violationAfterMinutes` or more is a disciplinary violation.
public struct OffPostVerdict: Sendable, Equatable {
    public let minutes: Int
    /// ATT-03: longer than the consent limit (logged).
    public let overConsentLimit: Bool
    /// ATT-03: over the limit without approval: half a day of absenteeism (旷工半日).
    public let halfDayAbsence: Bool
    /// ATT-04: 脱岗二十分钟及以上 without approval.
    public let isViolation: Bool

    public static func judge(left: Date, returned: Date, approved: Bool, consentAfterMinutes: Int, violationAfterMinutes: Int) -> OffPostVerdict {
        let minutes = max(0, Int(returned.timeIntervalSince(left) / 60))
        let over = minutes > consentAfterMinutes
        return OffPostVerdict(minutes: minutes, overConsentLimit: over, halfDayAbsence: over && !approved,
                              isViolation: minutes >= violationAfterMinutes && !approved)
    }
}
