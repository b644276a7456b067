/// Accountability (问责, REQUIREMENTS §20, ACC).
public struct AccountabilityRules: Sendable, Equatable {
    /// Sanctions of the four accountability catalogues (ACC-07, ACC-15, ACC-24, ACC-31, ACC-36).
    public enum Sanction: String, CaseIterable, Sendable, Codable {
        /// 诫勉谈话
        case admonishmentTalk = "admonishment_talk"
        /// 责令作出书面检查
        case writtenSelfCriticism = "written_self_criticism"
        /// 通报批评
        case circulatedCriticism = "circulated_criticism"
        /// 罚款
        case fine
        /// 开除
        case dismissal
        /// 取消当年评优评先资格
        case disqualificationFromAwards = "disqualification_from_awards"
        /// 行政处分
        case administrativeSanction = "administrative_sanction"
        /// 责令公开道歉
        case publicApology = "public_apology"
        /// 调离原岗位
        case transfer
        /// 停职检查 / 责令停职
        case suspension
        /// 引咎辞职
        case resignationForFault = "resignation_for_fault"
        /// 批评教育 + 限期改正
        case criticismAndCorrection = "criticism_and_correction"
        /// 上报处分
        case referralForSanction = "referral_for_sanction"
    }

    /// ACC-10 / ACC-35: appeal within, from the decision (default 3 natural days).
    public var appealWithin: DurationSpec
    /// ACC-10: who reviews an appeal (default hr, 人事行政部).
    public var appealTo: Role
    /// ACC-35: whether an appeal suspends the decision (default false).
    public var appealSuspendsDecision: Bool
    /// ACC-07 / ACC-36: the sanctions a decision may impose (default the CS catalogue).
    public var sanctions: [Sanction]
    /// ACC-36: whether sanctions may be combined (default true).
    public var sanctionsCombinable: Bool

    public init(appealWithin: DurationSpec, appealTo: Role, appealSuspendsDecision: Bool, sanctions: [Sanction],
                sanctionsCombinable: Bool) {
        self.appealWithin = appealWithin
        self.appealTo = appealTo
        self.appealSuspendsDecision = appealSuspendsDecision
        self.sanctions = sanctions
        self.sanctionsCombinable = sanctionsCombinable
    }
}

extension AccountabilityRules {
    init(_ r: RulebookReader) throws {
        self.init(appealWithin: try r.at("appeal_within").duration(), appealTo: try r.at("appeal_to").role(),
                  appealSuspendsDecision: try r.at("appeal_suspends_decision").bool(),
                  sanctions: try r.at("sanctions").list().map { try $0.choice(Sanction.self) },
                  sanctionsCombinable: try r.at("sanctions_combinable").bool())
    }
}
