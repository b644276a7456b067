import Foundation
import KefuCore
import KefuTestSupport
@testable import KefuWeb
import Testing
import Vapor
import VaporTesting

extension Application {
    /// Tells the complaint's customer the approved conclusion (CMP-25) and closes the case. Without an approved
    /// decision yet, a discount of 500 yuan is decided and approved by `approver` (a sales manager: the band below
    /// 1000, CMP-32). The complaint must have no open department task (CMP-24).
    func concludeAndClose(_ id: String, as staff: TestStaff, approver: TestStaff? = nil) async throws {
        if let approver {
            let decided = try await send(.POST, "api/v1/cases/\(id)/complaint/decision", as: staff,
                                         json: ["method": "discount", "amount": 500, "reason": "质量问题属实，给予折扣"]).object()
            let approval = try #require(((decided["complaint"] as? [String: Any])?["decision"] as? [String: Any])?["approval_id"] as? String)
            #expect(try await send(.POST, "api/v1/approvals/\(approval)/approve", as: approver, json: [:]).status == .ok)
        }
        let reply = try await send(.POST, "api/v1/cases/\(id)/complaint/reply", as: staff,
                                   json: ["kind": "conclusion", "channel": "phone", "content": "经核实，按核决结论处理。"])
        #expect(reply.status == .ok, "\(reply.body.string)")
        try await close(id, as: staff)
    }
}
