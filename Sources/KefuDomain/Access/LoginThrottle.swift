import Foundation

/// API.md "Login protection": after 5 failed logins for one username within 15 minutes the account is
/// locked for 15 minutes. Pure state machine; the store keeps one `State` per username.
public struct LoginThrottle: Sendable {
    public var maxFailures = 5
    public var window: TimeInterval = 15 * 60
    public var lockFor: TimeInterval = 15 * 60

    public init() {}

    public struct State: Equatable, Sendable {
        public var failures: Int
        public var windowStartedAt: Date?
        public var lockedUntil: Date?

        public init(failures: Int = 0, windowStartedAt: Date? = nil, lockedUntil: Date? = nil) {
            self.failures = failures; self.windowStartedAt = windowStartedAt; self.lockedUntil = lockedUntil
        }
    }

    public func isLocked(_ state: State, at now: Date) -> Bool {
        guard let until = state.lockedUntil else { return false }
        return now < until
    }

    /// Counts a failure; the fifth within the window locks the account.
    public func recordingFailure(_ state: State, at now: Date) -> State {
        var next = state
        if let start = state.windowStartedAt, now.timeIntervalSince(start) < window {
            next.failures += 1
        } else {
            next.failures = 1
            next.windowStartedAt = now
        }
        if next.failures >= maxFailures {
            next = State(failures: 0, windowStartedAt: nil, lockedUntil: now.addingTimeInterval(lockFor))
        }
        return next
    }

    /// A successful login clears the count (a lock still in force is checked before the password).
    public func recordingSuccess(_ state: State) -> State {
        State(failures: 0, windowStartedAt: nil, lockedUntil: state.lockedUntil)
    }
}

/// Username and password rules shared by the API, the web forms and the CLI.
public enum Credentials {
    public static let minimumPasswordLength = 8

    /// 3–32 characters: lower-case letters, digits, `.`, `_`, `-`.
    public static func isValidUsername(_ name: String) -> Bool {
        (3...32).contains(name.count) && name.allSatisfy { c in
            c.isASCII && (c.isLowercase || c.isNumber || c == "." || c == "_" || c == "-")
        }
    }

    public static func isAcceptablePassword(_ password: String) -> Bool {
        password.count >= minimumPasswordLength && password.count <= 128
    }
}
