import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// Attendance words in the reader's language.
enum WorkforceLabels {
    static func status(_ verdict: AttendanceVerdict, req: Request) -> String {
        var text = req.t("attendance.status.\(verdict.status.rawValue)")
        if verdict.lateMinutes > 0 { text += " " + req.t("attendance.late_by", ["\(verdict.lateMinutes)"]) }
        if verdict.earlyMinutes > 0 { text += " " + req.t("attendance.early_by", ["\(verdict.earlyMinutes)"]) }
        if verdict.isViolation && verdict.status != .absent { text += " · " + req.t("attendance.violation") }
        return text
    }

    /// The sign-in's arrival in one line: early enough (SHF-01), or late by n minutes (ATT-04 flag).
    static func arrival(_ record: AttendanceRecord, req: Request, violationAfter: Int) -> String {
        if record.lateMinutes > 0 {
            let late = req.t("attendance.late_by", ["\(record.lateMinutes)"])
            return record.lateMinutes >= violationAfter ? late + " · " + req.t("attendance.violation") : late
        }
        return req.t(record.arrivedEarly ? "attendance.arrived_early" : "attendance.on_time_not_early")
    }
}

extension DisplayTime {
    /// `HH:mm` in the organization's time zone.
    static func clock(_ date: Date, _ req: Request) -> String {
        String(format(date, req).suffix(5))
    }
}
