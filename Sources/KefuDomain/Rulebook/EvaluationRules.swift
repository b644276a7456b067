/// The agents' monthly evaluation (PRM-18, SAT-03, QA-04): how the QA average and the customers'
/// satisfaction weigh, what violations and breached deadlines cost, and the pass mark (PRM-07, PRM-14).
public struct EvaluationRules: Sendable, Equatable {
    public var qaWeight: Int
    public var satisfactionWeight: Int
    public var violationDeduction: Int
    public var breachDeduction: Int
    public var passScore: Int

    public init(qaWeight: Int, satisfactionWeight: Int, violationDeduction: Int, breachDeduction: Int, passScore: Int) {
        self.qaWeight = qaWeight; self.satisfactionWeight = satisfactionWeight; self.violationDeduction = violationDeduction
        self.breachDeduction = breachDeduction; self.passScore = passScore
    }

    /// The month's score out of 100: the weighted QA and satisfaction percentages (a missing one leaves the
    /// other's weight alone; neither → 0), less the deductions, never below 0.
    public func score(qaPercent: Double?, satisfactionPercent: Double?, violations: Int, breaches: Int) -> Double {
        var weighted = 0.0, weights = 0.0
        if let qaPercent { weighted += qaPercent * Double(qaWeight); weights += Double(qaWeight) }
        if let satisfactionPercent { weighted += satisfactionPercent * Double(satisfactionWeight); weights += Double(satisfactionWeight) }
        let base = weights > 0 ? weighted / weights : 0
        let deducted = base - Double(violations * violationDeduction + breaches * breachDeduction)
        return (max(0, deducted) * 10).rounded() / 10
    }

    /// Competition ranking, best first: equal scores share a rank (1, 2, 2, 4).
    public static func ranks(_ scores: [Double]) -> [Int] {
        scores.map { score in 1 + scores.filter { $0 > score }.count }
    }
}

extension EvaluationRules {
    init(_ r: RulebookReader) throws {
        self.init(qaWeight: try r.at("qa_weight").int(), satisfactionWeight: try r.at("satisfaction_weight").int(),
                  violationDeduction: try r.at("violation_deduction").int(), breachDeduction: try r.at("breach_deduction").int(),
                  passScore: try r.at("pass_score").int())
    }
}

extension RulebookSchema {
    static let evaluation: [RulebookField] = [
        key("qa_weight", .integer(0...100), ["PRM-18", "QA-04"], "Weight of the month's QA average in the monthly evaluation", "月度考评中质检平均分的权重"),
        key("satisfaction_weight", .integer(0...100), ["SAT-03"], "Weight of the customers' satisfaction in the monthly evaluation",
            "月度考评中客户满意度的权重"),
        key("violation_deduction", .integer(0...100), ["PRM-06", "ATT-23"], "Points deducted per recorded violation of the month",
            "每条违规记录扣减的分数"),
        key("breach_deduction", .integer(0...100), ["PRM-18"], "Points deducted per case deadline breached in the month", "每个超时工单扣减的分数"),
        key("pass_score", .integer(0...100), ["PRM-07", "PRM-14"], "A monthly evaluation below this score fails", "月度考评及格分"),
    ]
}
