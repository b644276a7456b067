import Foundation

/// Meeting rooms (会议室, REQUIREMENTS §18). C17 / MR-23: who approves a booking is the organization's choice.
public struct MeetingRoomRules: Sendable, Equatable {
    /// MR-17 / MR-23 (C17): the role that approves bookings and manages the rooms. Default `admin_office`
    /// (行政部, whose head signs the 会议室预订申请表). `dept_manager` binds the step to the department of kind
    /// `admin_office`, i.e. exactly the 行政部门负责人.
    public var approver: Role = .adminOffice
    /// The longest booking (not in the sources; default 8 hours, a working day).
    public var maxDuration = DurationSpec(value: 8, unit: .hours)
    /// MR-05: study materials go back within this many days (三日内).
    public var loanDays = 3
    /// MR-06: the standard tariff for outside parties, yuan per started hour, meeting services included.
    public var externalTariffPerHour: Decimal = 200
    /// MR-18: how many days before the meeting the booker reconfirms and attendees are reminded (会议前一天).
    public var reminderDaysBefore = 1
    /// Weekly recurring bookings may have at most this many occurrences.
    public var maxOccurrences = 26

    public init() {}
}

extension MeetingRoomRules {
    init(_ r: RulebookReader) throws {
        self.init()
        approver = try r.at("approver").role()
        maxDuration = try r.at("max_duration").duration()
        loanDays = try r.at("loan_days").int()
        externalTariffPerHour = try r.at("external_tariff_per_hour").decimal()
        reminderDaysBefore = try r.at("reminder_days_before").int()
        maxOccurrences = try r.at("max_occurrences").int()
    }
}
