import FluentKit
import Foundation

/// A report handed in to the CS director (RPT-02/03/04): the leader's own analysis (system problems,
/// difficult issues, proposals) for one period; the figures are computed from the aggregates when shown.
public final class ReportSubmissionRecord: Model, @unchecked Sendable {
    public static let schema = "report_submissions"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "period") public var period: String
    @Field(key: "analysis") public var analysis: String
    @Field(key: "submitted_by") public var submittedBy: UUID
    @Field(key: "submitted_by_name") public var submittedByName: String
    @Field(key: "submitted_at") public var submittedAt: Date
    /// Handed in on or after the day it was late from.
    @Field(key: "late") public var late: Bool

    public init() {}
}
