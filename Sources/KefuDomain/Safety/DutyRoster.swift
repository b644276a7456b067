import Foundation

/// The 值日表 rotation (SEC-15/16): who takes each duty slot of a day. Pure: it sees the day's eligible people
/// (day shift, not on approved leave) and hands out the slots in turn, starting further along the list each
/// day so the rotation moves on daily and nobody is picked twice while others are free.
public enum DutyRoster {
    public struct Person: Sendable, Equatable {
        public let id: UUID
        public let name: String
        public let teamID: UUID?
        /// Marked as the 班长 of the shift on the roster that day.
        public let leadsShift: Bool

        public init(id: UUID, name: String, teamID: UUID?, leadsShift: Bool) {
            self.id = id; self.name = name; self.teamID = teamID; self.leadsShift = leadsShift
        }
    }

    /// `slots` people for the day numbered `dayNumber`, from `pool` (sorted by the caller for stability).
    /// An empty pool gives no one.
    public static func rotate(slots: Int, pool: [Person], dayNumber: Int) -> [Person] {
        guard !pool.isEmpty, slots > 0 else { return [] }
        let start = ((dayNumber * slots) % pool.count + pool.count) % pool.count
        return (0..<slots).map { pool[(start + $0) % pool.count] }
    }

    /// SEC-13: the day's 班长 — the person marked as leading a day shift, else the leader of a team on shift.
    public static func dayLeader(pool: [Person], teamLeaders: Set<UUID>) -> Person? {
        pool.first(where: \.leadsShift) ?? pool.first { teamLeaders.contains($0.id) }
    }

    /// Days since 1970-01-01, the rotation's clock.
    public static func dayNumber(_ date: LocalDate) -> Int { BusinessCalendar.dayNumber(date) }

    /// `date` moved by `days`.
    public static func date(_ date: LocalDate, adding days: Int) -> LocalDate {
        BusinessCalendar.localDate(dayNumber: BusinessCalendar.dayNumber(date) + days)
    }
}
