import Foundation

extension DeadlineClock {
    /// Starts a clock of `duration` (a rulebook value) at `now`; the warning falls at `warnAtPercent`
    /// of the allowed time, measured in the same unit (business time for business units).
    public static func start(kind: String, subjectType: String, subjectID: UUID, duration: DurationSpec,
                             ruleKey: String, rulebookVersion: String, warnAtPercent: Int,
                             calendar: BusinessCalendar, at now: Date, id: UUID = UUID()) -> DeadlineClock {
        let due = calendar.deadline(from: now, adding: duration)
        return DeadlineClock(id: id, subjectType: subjectType, subjectID: subjectID, kind: kind, unit: duration.unit,
                             startedAt: now, dueAt: due,
                             warnAt: warnInstant(start: now, due: due, unit: duration.unit, percent: warnAtPercent, calendar: calendar),
                             state: .running, ruleKey: ruleKey, rulebookVersion: rulebookVersion)
    }

    static func warnInstant(start: Date, due: Date, unit: TimeUnit, percent: Int, calendar: BusinessCalendar) -> Date {
        let fraction = Double(min(max(percent, 1), 99)) / 100
        if unit.isBusiness {
            return calendar.addingBusinessTime(calendar.businessTime(from: start, to: due) * fraction, to: start)
        }
        return start.addingTimeInterval(due.timeIntervalSince(start) * fraction)
    }

    /// Waiting on the customer: keeps the time left and stops the clock (CHN pause/resume).
    public mutating func pause(at now: Date, calendar: BusinessCalendar) throws {
        guard state == .running else { throw DomainError.invalidTransition(from: state.rawValue, to: ClockState.paused.rawValue) }
        remainingSeconds = calendar.remaining(until: dueAt, from: now, unit: unit)
        pausedAt = now
        state = .paused
        version += 1
    }

    /// Re-plans the due and warning instants from the time that was left when paused.
    public mutating func resume(at now: Date, calendar: BusinessCalendar, warnAtPercent: Int) throws {
        guard state == .paused, let remaining = remainingSeconds, let pausedAt else {
            throw DomainError.invalidTransition(from: state.rawValue, to: ClockState.running.rawValue)
        }
        let warnLeft = calendar.remaining(until: warnAt, from: pausedAt, unit: unit)
        dueAt = calendar.resumedDeadline(remaining: remaining, unit: unit, from: now)
        warnAt = warnedAt == nil ? calendar.resumedDeadline(remaining: max(warnLeft, 0), unit: unit, from: now) : warnAt
        self.pausedAt = nil
        remainingSeconds = nil
        state = .running
        version += 1
    }

    /// The subject did what the clock asked for. A breached clock stays breached but records when it was met.
    public mutating func meet(at now: Date) throws {
        switch state {
        case .running, .paused: state = .met
        case .breached: break
        case .met, .cancelled: throw DomainError.invalidTransition(from: state.rawValue, to: ClockState.met.rawValue)
        }
        metAt = now
        version += 1
    }

    /// The clock no longer applies (subject voided, duty moved elsewhere).
    public mutating func cancel() throws {
        guard state.isOpen else { throw DomainError.invalidTransition(from: state.rawValue, to: ClockState.cancelled.rawValue) }
        state = .cancelled
        version += 1
    }
}
