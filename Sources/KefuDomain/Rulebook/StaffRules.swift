import Foundation

/// Staff skill requirements (REQUIREMENTS §10, ORG).
public struct StaffRules: Sendable, Equatable {
    /// ORG-08 / ORG-09 / ORG-11: monthly Chinese typing test, characters per minute by grade (default 30 / 50).
    public var typingSpeed: [Grade: Int]

    public init(typingSpeed: [Grade: Int]) { self.typingSpeed = typingSpeed }

    /// The typing speed `grade` must reach.
    public func typingSpeed(for grade: Grade) -> Int { typingSpeed[grade] ?? 0 }
}

extension StaffRules {
    init(_ r: RulebookReader) throws {
        var speeds: [Grade: Int] = [:]
        for grade in Grade.allCases { speeds[grade] = try r.at("typing_speed_chars_per_minute.\(grade.rawValue)").int() }
        self.init(typingSpeed: speeds)
    }
}
