import Foundation

/// Recurring duties (值日, SEC-13..19). C19: the sources disagree on the cleaning schedule, so every kind of
/// duty, its deadline and its weekdays are the organization's choice. The default follows the CS centre's
/// 篇十 (before 8:50, Saturday general cleaning) with 篇一 (Monday locker room, plants) and 篇八 (floor after
/// work); the other source (before 7:30 with boiling water, twice daily, Friday) is the documented alternative.
public struct DutyRules: Sendable, Equatable {
    /// One kind of recurring duty: whether it applies, its deadline and the weekdays it falls on.
    public struct Schedule: Sendable, Equatable {
        public var enabled: Bool
        public var due: LocalTime
        public var weekdays: Set<Weekday>

        public init(enabled: Bool, due: LocalTime, weekdays: Set<Weekday>) {
            self.enabled = enabled; self.due = due; self.weekdays = weekdays
        }

        public func applies(on day: Weekday) -> Bool { enabled && weekdays.contains(day) }
    }

    /// SEC-15/16: the shared zones cleaned in rotation; each gets one duty cleaner per round.
    public var zones: [String] = ["客服大厅", "走廊与入口"]
    public var schedules: [DutyKind: Schedule] = DutyKind.defaults
    /// SEC-16: a failed zone is redone within this long after the supervisor's check.
    public var redoWithin = DurationSpec(value: 30, unit: .minutes)
    /// SEC-16 / SEC-17: the supervisor (主管) who checks duties and is told of overdue ones.
    public var supervisor: Role = .shiftLeader

    public init() {}

    public func schedule(_ kind: DutyKind) -> Schedule { schedules[kind] ?? DutyKind.defaults[kind]! }
}

extension DutyRules {
    init(_ r: RulebookReader) throws {
        self.init()
        zones = try r.at("zones").list().map { try $0.text() }
        for kind in DutyKind.allCases {
            let k = try r.at(kind.rawValue)
            let days = try k.at("weekdays").list().map { item -> Weekday in
                let text = try item.text()
                guard let day = Weekday(key: text) else { throw item.mismatch("a weekday key (mon…sun)") }
                return day
            }
            schedules[kind] = Schedule(enabled: try k.at("enabled").bool(), due: try k.at("due").time(), weekdays: Set(days))
        }
        redoWithin = try r.at("redo_within").duration()
        supervisor = try r.at("supervisor").role()
    }
}
