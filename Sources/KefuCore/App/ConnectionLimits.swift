import Foundation

/// Issue 20: the limits `SlowClientGuard` holds every connection to (see there); read with the settings.
public struct ConnectionLimits: Sendable, Equatable {
    public var headerTimeout: Duration = .seconds(10)
    public var bodyTimeout: Duration = .seconds(120)
    public var maxPerAddress: Int = 256

    public init() {}

    /// `KEFU_HEADER_TIMEOUT_SECONDS`, `KEFU_BODY_TIMEOUT_SECONDS`, `KEFU_MAX_CONNECTIONS_PER_ADDRESS`.
    public static func fromEnvironment(_ env: [String: String]) throws -> ConnectionLimits {
        var limits = ConnectionLimits()
        func number(_ name: String, minimum: Int) throws -> Int? {
            guard let text = env[name], !text.isEmpty else { return nil }
            guard let value = Int(text), value >= minimum else {
                throw Settings.Invalid(variable: name, expected: "a whole number ≥ \(minimum)")
            }
            return value
        }
        if let seconds = try number("KEFU_HEADER_TIMEOUT_SECONDS", minimum: 1) { limits.headerTimeout = .seconds(Int64(seconds)) }
        if let seconds = try number("KEFU_BODY_TIMEOUT_SECONDS", minimum: 1) { limits.bodyTimeout = .seconds(Int64(seconds)) }
        if let count = try number("KEFU_MAX_CONNECTIONS_PER_ADDRESS", minimum: 0) { limits.maxPerAddress = count }
        return limits
    }
}
