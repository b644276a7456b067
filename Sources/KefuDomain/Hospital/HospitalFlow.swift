import Foundation

/// The guidance flow as a pure state machine (HOS-03): a visit moves one step at a time through the
/// rulebook's `hospital.flow`, never skipping or repeating a step; a patient may leave before the last step.
/// Every refusal names the rulebook key, so the API answers 422 with `rule: "hospital.flow"`.
public struct HospitalFlow: Sendable, Equatable {
    public static let ruleKey = "hospital.flow"
    public let steps: [HospitalStep]

    public init(steps: [HospitalStep]) { self.steps = steps }

    /// The step that follows `state`, nil at the end of the flow or once the patient left.
    public func next(after state: HospitalVisitState) -> HospitalStep? {
        guard let step = state.step, let index = steps.firstIndex(of: step), index + 1 < steps.count else { return nil }
        return steps[index + 1]
    }

    /// Whether the visit has finished its flow or was abandoned (the guide is back at the post).
    public func isFinished(_ state: HospitalVisitState) -> Bool { next(after: state) == nil }

    /// The state after doing `step` in `state`; any other step is refused (skipped, repeated, after the end).
    public func advance(_ state: HospitalVisitState, doing step: HospitalStep) throws -> HospitalVisitState {
        guard next(after: state) == step else {
            throw DomainError.ruleViolation(rule: Self.ruleKey, reason: "error.hospital.step_out_of_order")
        }
        return HospitalVisitState(step)
    }

    /// The patient leaves: only while the flow is still running.
    public func leave(_ state: HospitalVisitState) throws -> HospitalVisitState {
        guard !isFinished(state) else { throw DomainError.ruleViolation(rule: Self.ruleKey, reason: "error.hospital.already_finished") }
        return .left
    }
}
