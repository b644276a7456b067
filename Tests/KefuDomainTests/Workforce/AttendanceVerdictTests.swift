import Foundation
import KefuDomain
import Testing

@Suite("Attendance verdicts and shift times (SHF, ATT-01..04)")
struct AttendanceVerdictTests {
    let start = Date(timeIntervalSince1970: 1_795_395_600)   // 2026-11-23 09:00 +08:00
    var end: Date { start.addingTimeInterval(8 * 3_600) }

    func judge(in inMinutes: Double?, out outMinutes: Double? = nil, now: Double = 60) -> AttendanceVerdict {
        AttendanceVerdict.judge(start: start, end: end, signedInAt: inMinutes.map { start.addingTimeInterval($0 * 60) },
                                signedOutAt: outMinutes.map { start.addingTimeInterval($0 * 60) }, now: start.addingTimeInterval(now * 60),
                                earlyArrivalMinutes: 10, violationAfterMinutes: 20)
    }

    @Test("SHF-01 signing in 10 minutes before the shift counts as arriving early; 5 minutes before does not")
    func earlyArrival() {
        #expect(judge(in: -10).arrivedEarly)
        #expect(!judge(in: -5).arrivedEarly)
        #expect(judge(in: -5).status == .present)
    }

    @Test("SHF-13 late and early minutes are measured against the roster", arguments: [
        (5.0, nil as Double?, AttendanceVerdict.Status.late, 5, 0),
        (0, 450, .leftEarly, 0, 30),
        (3, 470, .lateAndEarly, 3, 10),
        (-12, 480, .onTime, 0, 0),
    ])
    func lateAndEarly(signIn: Double, signOut: Double?, status: AttendanceVerdict.Status, late: Int, early: Int) {
        let verdict = judge(in: signIn, out: signOut)
        #expect(verdict.status == status)
        #expect(verdict.lateMinutes == late)
        #expect(verdict.earlyMinutes == early)
    }

    @Test("ATT-04 arriving 20 minutes or more late is a disciplinary violation; 19 minutes is not")
    func violation() {
        #expect(judge(in: 20).isViolation)
        #expect(!judge(in: 19).isViolation)
    }

    @Test("ATT-02 nobody signed in: upcoming before the start, absent after it")
    func absent() {
        #expect(judge(in: nil, now: -30).status == .upcoming)
        #expect(judge(in: nil, now: 30).status == .absent)
    }

    @Test("ATT-03 off post over 10 minutes is logged; without approval half a day of absenteeism; 20 minutes unapproved is a violation (ATT-04)")
    func offPost() {
        func verdict(_ minutes: Double, approved: Bool) -> OffPostVerdict {
            OffPostVerdict.judge(left: start, returned: start.addingTimeInterval(minutes * 60), approved: approved,
                                 consentAfterMinutes: 10, violationAfterMinutes: 20)
        }
        #expect(!verdict(10, approved: false).overConsentLimit)
        #expect(verdict(11, approved: true).overConsentLimit)
        #expect(!verdict(11, approved: true).halfDayAbsence)
        #expect(verdict(11, approved: false).halfDayAbsence)
        #expect(verdict(20, approved: false).isViolation)
        #expect(!verdict(25, approved: true).isViolation)
    }

    @Test("SHF-12 shift times: end == start is refused, an earlier end runs past midnight, breaks lie inside")
    func shiftTimes() throws {
        let eight = LocalTime(hour: 8, minute: 0)
        #expect(throws: ShiftTimes.Problem.endEqualsStart) { try ShiftTimes.make(start: eight, end: eight, breaks: []).get() }
        let night = try ShiftTimes.make(start: LocalTime(hour: 22, minute: 0), end: LocalTime(hour: 6, minute: 0), breaks: []).get()
        #expect(night.crossesMidnight)
        #expect(night.lengthMinutes == 480)
        let lunch = try #require(ShiftTimes.breaks("12:00-14:00"))
        #expect(throws: Never.self) { try ShiftTimes.make(start: eight, end: LocalTime(hour: 18, minute: 0), breaks: lunch).get() }
        #expect(throws: ShiftTimes.Problem.breakOutsideShift) { try ShiftTimes.make(start: eight, end: LocalTime(hour: 11, minute: 0), breaks: lunch).get() }
        #expect(ShiftTimes.breaks("12:00") == nil)
    }
}
