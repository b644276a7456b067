import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// What the approvers of a complaint's settlement decision said, for the printed complaint form: one line
/// per decided step ("副总经理 何勇 同意：按 3000 元赔付 · 12月7日 10:00"), the vice president's comment for
/// the 副总经理批示 box, and the signers' names.
struct ComplaintApprovalOpinions {
    let lines: [String]
    let vicePresident: String
    let signers: String

    static func of(complaintID: UUID, req: Request) async throws -> ComplaintApprovalOpinions {
        guard let approval = try await ApprovalRepository(db: req.db).latest(subjectType: Complaints.decisionSubject, subjectID: complaintID) else {
            return ComplaintApprovalOpinions(lines: [], vicePresident: "", signers: "")
        }
        let decided = approval.steps.filter { $0.decidedBy != nil }
        let names = try await CasePeople.names(of: decided.compactMap(\.decidedBy), db: req.db)
        let lines = decided.map { step in
            let who = "\(req.t("role.\(step.role.rawValue)")) \(step.decidedBy.flatMap { names[$0] } ?? "")"
            let what = req.t("approval.step.\(step.state.rawValue)") + (step.comment.map { "：\($0)" } ?? "")
            return [who, what, step.decidedAt.map { DisplayTime.format($0, req) }].compactMap { $0 }.joined(separator: " ")
        }
        let vicePresident = decided.filter { [Role.vp, .salesVP].contains($0.role) }.compactMap(\.comment).joined(separator: "；")
        let signers = decided.compactMap { $0.decidedBy.flatMap { names[$0] } }.joined(separator: "、")
        return ComplaintApprovalOpinions(lines: lines, vicePresident: vicePresident, signers: signers)
    }
}
