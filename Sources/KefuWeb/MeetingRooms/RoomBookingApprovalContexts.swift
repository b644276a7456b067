import FluentKit
import Foundation
import KefuCore
import KefuDomain
import KefuStore

/// What an approver reads about a room booking (MR-16/17): which room, when, what meeting, how many people,
/// what equipment, an outside party and its fee; a weekly series says how many times. It fits in an inbox row.
enum RoomBookingApprovalContexts {
    static func register(in contexts: inout ApprovalContexts) {
        contexts.register(subjectType: RoomBookings.subjectType, bookings)
    }

    @Sendable static func bookings(_ approvals: [Approval], _ asking: ApprovalContextRequest) async throws -> [UUID: ApprovalContext] {
        // Every occurrence of a series shares the series' approval: one query gives the subjects and their counts.
        let rows = try await RoomBookingRecord.query(on: asking.db).filter(\.$approvalID ~~ approvals.map(\.id)).all()
        let byApproval = Dictionary(grouping: rows, by: { $0.approvalID! })
        let req = asking.req
        var contexts: [UUID: ApprovalContext] = [:]
        for approval in approvals {
            guard let occurrences = byApproval[approval.id],
                  let booking = occurrences.first(where: { $0.id == approval.subjectID }) ?? occurrences.min(by: { $0.startsAt < $1.startsAt })
            else { continue }
            let period = DisplayTime.period(booking.startsAt, booking.endsAt, req)
            let when = occurrences.count > 1 ? req.t("approvals.room.series", [period, String(occurrences.count)]) : period
            var facts = [ApprovalFact(label: req.t("room.title"), value: booking.roomName),
                         ApprovalFact(label: req.t("approvals.fact.meeting"), value: booking.title),
                         ApprovalFact(label: req.t("approvals.fact.time"), value: when),
                         ApprovalFact(label: req.t("room.attendees"), value: "\(booking.attendees)"),
                         ApprovalFact(label: req.t("room.booker"), value: booking.bookerName)]
            let equipment = RoomJSON.strings(booking.equipment)
            if !equipment.isEmpty { facts.append(ApprovalFact(label: req.t("room.equipment"), value: equipment.joined(separator: "、"))) }
            if let party = booking.externalParty { facts.append(ApprovalFact(label: req.t("room.external_party"), value: party)) }
            if let fee = booking.fee { facts.append(ApprovalFact(label: req.t("approvals.fact.fee"), value: req.t("approvals.unit.yuan", [fee]))) }
            contexts[approval.id] = ApprovalContext(
                summary: [booking.roomName, booking.title, when].joined(separator: " · "), facts: facts, decidableInRow: true,
                object: req.t("approvals.room.object", [booking.bookerName, booking.roomName, when, booking.title]),
                link: "/rooms/bookings/\(booking.id!)")
        }
        return contexts
    }
}
