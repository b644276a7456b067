import Foundation

/// The kinds of recurring duty (C19, SEC-13..19) and who takes each: `rotation` is the next person of the
/// day shift in the 值日表 rotation; `teamLeader` is a team's 组长 (who allocates the team's zone, SEC-17);
/// `dayLeader` is that day's 班长 (SEC-13).
public enum DutyKind: String, CaseIterable, Sendable, Codable {
    /// SEC-16 (before 8:50) / SEC-18 (before 7:30): each zone finished by its duty cleaner in the morning.
    case morningZone = "morning_zone"
    /// SEC-18: the second daily round (早、午各一次); off by default.
    case noonZone = "noon_zone"
    /// SEC-18: boiling water before 7:30; off by default.
    case boilingWater = "boiling_water"
    /// SEC-15: floor cleaning every day after work.
    case floorAfterWork = "floor_after_work"
    /// SEC-17 (Saturday) / SEC-18 (Friday): the weekly general cleaning, one per team, each its own zone.
    case generalCleaning = "general_cleaning"
    /// SEC-13: the locker room every Monday, organized by that day's 班长.
    case lockerRoom = "locker_room"
    /// SEC-14: the day shift waters the plants.
    case plantsWater = "plants_water"
    /// SEC-14: every Friday the day shift cleans the leaves.
    case plantsLeaves = "plants_leaves"
    /// SEC-19 (002 篇一): the meeting room's thorough weekly upkeep.
    case meetingRoom = "meeting_room"

    public enum Taker: Sendable { case rotation, teamLeader, dayLeader }

    public var taker: Taker {
        switch self {
        case .generalCleaning: .teamLeader
        case .lockerRoom: .dayLeader
        default: .rotation
        }
    }

    /// One duty per zone (the cleaning rounds), or one per day.
    public var perZone: Bool { self == .morningZone || self == .noonZone }

    static let everyDay = Set(Weekday.allCases)
    static func at(_ text: String) -> LocalTime { LocalTime(text)! }

    /// The default schedule (000 篇十 + 篇一 + 篇八); see `Resources/Rulebook/default.yaml` for the alternative.
    public static let defaults: [DutyKind: DutyRules.Schedule] = [
        .morningZone: .init(enabled: true, due: at("08:50"), weekdays: everyDay),
        .noonZone: .init(enabled: false, due: at("13:30"), weekdays: everyDay),
        .boilingWater: .init(enabled: false, due: at("07:30"), weekdays: everyDay),
        .floorAfterWork: .init(enabled: true, due: at("18:30"), weekdays: everyDay),
        .generalCleaning: .init(enabled: true, due: at("17:00"), weekdays: [.saturday]),
        .lockerRoom: .init(enabled: true, due: at("17:00"), weekdays: [.monday]),
        .plantsWater: .init(enabled: true, due: at("12:00"), weekdays: everyDay),
        .plantsLeaves: .init(enabled: true, due: at("17:00"), weekdays: [.friday]),
        .meetingRoom: .init(enabled: true, due: at("17:00"), weekdays: [.friday]),
    ]
}

/// The life of one duty: assigned → done → passed, or failed → redo → done → … (SEC-16).
public enum DutyState: String, CaseIterable, Sendable, Codable {
    case assigned, done, passed, redo
    /// States in which the assignee still has to act (and the deadline can be missed).
    public static let open: [DutyState] = [.assigned, .redo]
}
