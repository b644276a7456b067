import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Where an approver reads what a complaint approval is about: the complaint form page, or the monthly review.
enum ComplaintApprovalLinks {
    static func link(for approval: Approval, db: any Database) async throws -> String? {
        switch approval.subjectType {
        case Complaints.decisionSubject:
            return try await ComplaintRecord.find(approval.subjectID, on: db).map { "/cases/\($0.caseID)/complaint" }
        case ComplaintProgress.petitionSubject:
            return try await ComplaintRecord.find(approval.subjectID, on: db).map { "/cases/\($0.caseID)/complaint" }
        case ComplaintSlipFlow.subject:
            return try await ComplaintSlipRecord.find(approval.subjectID, on: db).map { "/cases/\($0.caseID)/complaint/slips/\($0.kind)/print" }
        case ComplaintReviews.deductionSubject:
            return try await ComplaintReviewItemRecord.find(approval.subjectID, on: db).map { "/complaints/reviews/\($0.reviewID)/items/\($0.id!)/notice" }
        case RoomBookings.subjectType:
            return "/rooms/bookings/\(approval.subjectID)"
        case LeaveRequests.subjectType:
            return "/leave/\(approval.subjectID)"
        case ShiftSwaps.subjectType:
            return "/shift-swaps/\(approval.subjectID)/print"
        default:
            return nil
        }
    }
}
