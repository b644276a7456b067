import Foundation

/// GOV-04 / GOV-05: how the rulebook itself is kept up: how often it is reviewed, and who answers the staff's
/// suggestions and objections on a rule (the owner of the rule's section).
public struct GovernanceRules: Sendable, Equatable {
    /// GOV-04: the rulebook is reviewed at least this often (months since the version in force took effect).
    public var reviewEveryMonths: Int
    /// GOV-05: who answers feedback on a section not listed in `feedbackOwners`.
    public var feedbackOwner: Role
    /// GOV-05: the owner of each rulebook section (by its top-level key, e.g. `leave: hr`).
    public var feedbackOwners: [String: Role]

    public init(reviewEveryMonths: Int, feedbackOwner: Role, feedbackOwners: [String: Role]) {
        self.reviewEveryMonths = reviewEveryMonths
        self.feedbackOwner = feedbackOwner
        self.feedbackOwners = feedbackOwners
    }

    /// The role that answers feedback on `ruleKey` (a dotted key such as `leave.notice`).
    public func owner(of ruleKey: String) -> Role {
        let section = ruleKey.split(separator: ".").first.map(String.init) ?? ruleKey
        return feedbackOwners[section] ?? feedbackOwner
    }
}

extension GovernanceRules {
    init(_ r: RulebookReader) throws {
        let owners = try r.at("feedback_owners")
        var map: [String: Role] = [:]
        for section in owners.keys { map[section] = try owners.at(section).role() }
        self.init(reviewEveryMonths: try r.at("review_every_months").int(), feedbackOwner: try r.at("feedback_owner").role(),
                  feedbackOwners: map)
    }
}

extension RulebookSchema {
    static let governance: [RulebookField] = [
        key("review_every_months", .integer(1...120), ["GOV-04"], "The rulebook is reviewed at least this often (months)",
            "规章制度至少每隔多少个月审视一次"),
        key("feedback_owner", .role, ["GOV-05"], "Who answers staff feedback on a rule when its section has no owner below",
            "员工对制度的意见默认由谁答复"),
        key("feedback_owners", .dictionary(.role, itemDocs: [:]), ["GOV-05"],
            "The owner of each rulebook section, who answers feedback on its rules", "各制度章节的负责角色（答复意见）"),
    ]
}
