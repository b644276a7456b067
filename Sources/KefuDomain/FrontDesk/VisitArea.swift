/// Where a visitor goes (FDV-08/09, FDA-06). The reception needs nothing; the offices and the machine room
/// need a prior approval, each by its rulebook role.
public enum VisitArea: String, CaseIterable, Sendable, Codable {
    case reception
    case office
    case machineRoom = "machine_room"

    /// The rulebook key that names the approver, or nil when no approval is needed.
    public var approverKey: String? {
        switch self {
        case .reception: nil
        case .office: "front_desk.office_entry_approver"
        case .machineRoom: "front_desk.machine_room_approver"
        }
    }

    public func approver(_ rules: FrontDeskRules) -> Role? {
        switch self {
        case .reception: nil
        case .office: rules.officeEntryApprover
        case .machineRoom: rules.machineRoomApprover
        }
    }
}
