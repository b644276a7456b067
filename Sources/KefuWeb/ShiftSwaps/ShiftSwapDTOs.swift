import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `POST /api/v1/shift-swaps` (API.md "Workforce"): the requester's shift the counterpart takes over; the
/// counterpart's shift the requester works instead, or `return_roster_id`, a later shift of the counterpart
/// the requester works in return (还班).
struct CreateShiftSwapRequest: Content {
    var requesterRosterID: UUID?
    var counterpartRosterID: UUID?
    var returnRosterID: UUID?
    var reason: String?

    enum CodingKeys: String, CodingKey {
        case reason
        case requesterRosterID = "requester_roster_id", counterpartRosterID = "counterpart_roster_id", returnRosterID = "return_roster_id"
    }
}

struct ShiftSwapResponse: Content {
    let id: UUID, requesterID: UUID, requesterName: String, counterpartID: UUID, counterpartName: String
    let requesterRosterID: UUID, counterpartRosterID: UUID, returnRosterID: UUID?, swapDate: String, returnDate: String
    let reason: String, state: String, approvalID: UUID?, applied: Bool, missedUserID: UUID?, version: Int

    enum CodingKeys: String, CodingKey {
        case id, reason, state, applied, version
        case requesterID = "requester_id", requesterName = "requester_name", counterpartID = "counterpart_id", counterpartName = "counterpart_name"
        case requesterRosterID = "requester_roster_id", counterpartRosterID = "counterpart_roster_id", returnRosterID = "return_roster_id"
        case swapDate = "swap_date", returnDate = "return_date", approvalID = "approval_id", missedUserID = "missed_user_id"
    }

    init(_ r: ShiftSwapRecord, names: [UUID: String]) {
        id = r.id!; requesterID = r.requesterID; requesterName = names[r.requesterID] ?? ""; counterpartID = r.counterpartID
        counterpartName = names[r.counterpartID] ?? ""; requesterRosterID = r.requesterRosterID; counterpartRosterID = r.counterpartRosterID
        returnRosterID = r.returnRosterID; swapDate = r.swapDate; returnDate = r.returnDate; reason = r.reason; state = r.state
        approvalID = r.approvalID; applied = r.appliedAt != nil; missedUserID = r.missedUserID; version = r.version
    }
}
