import Foundation

/// Who the rulebook belongs to and where its clocks run.
public struct OrganizationRules: Sendable, Equatable {
    /// PHR-01: the name used in greetings and printed forms.
    public var name: String
    /// GOV-01: the body that interprets the rulebook.
    public var interpretedBy: String
    /// GOV-02: the date from which the rulebook applies.
    public var effectiveFrom: LocalDate
    /// The time zone of all deadlines and dates (default Asia/Shanghai).
    public var timeZone: TimeZone

    public init(name: String, interpretedBy: String, effectiveFrom: LocalDate, timeZone: TimeZone) {
        self.name = name
        self.interpretedBy = interpretedBy
        self.effectiveFrom = effectiveFrom
        self.timeZone = timeZone
    }
}

/// The deadline scanner's settings (ARCHITECTURE §3 Deadlines).
public struct DeadlineRules: Sendable, Equatable {
    /// Warn when this percentage of a deadline has passed (1…99, default 80).
    public var warnAtPercent: Int
    /// How often the scanner runs in `serve` (default 30 s).
    public var scanIntervalSeconds: Int
    /// CHN-16: online customers get a first response within (default 60 seconds).
    public var chatFirstResponseWithin: DurationSpec

    public init(warnAtPercent: Int, scanIntervalSeconds: Int, chatFirstResponseWithin: DurationSpec) {
        self.warnAtPercent = warnAtPercent
        self.scanIntervalSeconds = scanIntervalSeconds
        self.chatFirstResponseWithin = chatFirstResponseWithin
    }
}

/// Escalation hierarchy (ESC-13, conflict C11).
public struct EscalationRules: Sendable, Equatable {
    /// Lowest first (default agent → team_leader → shift_leader → cs_director → center_director).
    public var chain: [Role]

    public init(chain: [Role]) { self.chain = chain }

    /// ESC-06: the next level above `role`, or nil at the top (or for a role outside the chain).
    public func next(above role: Role) -> Role? {
        guard let index = chain.firstIndex(of: role), index + 1 < chain.count else { return nil }
        return chain[index + 1]
    }
}

/// Front desk (REQUIREMENTS §17).
public struct FrontDeskRules: Sendable, Equatable {
    /// FDA-03: temporary visitor card numbers, in issue order (default V001…V200).
    public var badgePool: [String]
    /// FDP-06: an urgent phone message still unread after this long goes to `urgentMessageEscalateTo`.
    public var urgentMessageEscalateAfter = DurationSpec(value: 30, unit: .minutes)
    /// FDP-06: who is told of an unread urgent message (in the addressee's department).
    public var urgentMessageEscalateTo: Role = .deptManager
    /// FDA-05: what a visitor pays for a temporary card not returned (yuan).
    public var lostBadgeCompensation: Decimal = 20
    /// FDV-09: an outsider enters the machine room only with this role's prior approval (the "superior").
    public var machineRoomApprover: Role = .deptManager
    /// FDV-08 / FDA-06: an outsider enters the offices only with company leadership's prior approval.
    public var officeEntryApprover: Role = .leadership

    public init(badgePool: [String]) { self.badgePool = badgePool }
}

extension OrganizationRules {
    init(_ r: RulebookReader) throws {
        let zone = try r.at("time_zone")
        guard let timeZone = TimeZone(identifier: try zone.text()) else { throw zone.mismatch("found \(zone.node.found)") }
        self.init(name: try r.at("name").text(), interpretedBy: try r.at("interpreted_by").text(),
                  effectiveFrom: try r.at("effective_from").date(), timeZone: timeZone)
    }
}

extension DeadlineRules {
    init(_ r: RulebookReader) throws {
        self.init(warnAtPercent: try r.at("warn_at_percent").int(), scanIntervalSeconds: try r.at("scan_interval_seconds").int(),
                  chatFirstResponseWithin: try r.at("chat_first_response_within").duration())
    }
}

extension FrontDeskRules {
    init(_ r: RulebookReader) throws {
        let pool = try r.at("badge_pool")
        let prefix = try pool.at("prefix").text(), digits = try pool.at("digits").int()
        let numbers = try pool.at("first").int()...max(try pool.at("first").int(), try pool.at("last").int())
        self.init(badgePool: numbers.map { number in
            let text = String(number)
            return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
        })
        urgentMessageEscalateAfter = try r.at("urgent_message_escalate_after").duration()
        urgentMessageEscalateTo = try r.at("urgent_message_escalate_to").role()
        lostBadgeCompensation = try r.at("lost_badge_compensation").decimal()
        machineRoomApprover = try r.at("machine_room_approver").role()
        officeEntryApprover = try r.at("office_entry_approver").role()
    }
}
