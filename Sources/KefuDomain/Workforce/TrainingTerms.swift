/// Kinds of training (TRN-01/02/04/05/06): business knowledge, the operating system, induction of new
/// hires, on-site shadowing (跟岗), external courses and online learning.
public enum TrainingKind: String, CaseIterable, Sendable, Codable {
    case business, system, induction, shadowing, external, online
}

/// An assessed trainee's result, archived (TRN-01).
public enum TrainingResult: String, CaseIterable, Sendable, Codable {
    case passed, failed, absent
}
