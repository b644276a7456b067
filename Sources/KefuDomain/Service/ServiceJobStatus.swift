/// Lifecycle of a service job; raw values are the snake_case strings used in APIs and
/// in `DomainError.invalidTransition`.
///
/// registered → dispatched → in_service → voucher_signed → countersigned → filed,
/// with awaiting_offsite_approval before registered for off-site jobs (SRV-11) and
/// cancelled reachable from any state before voucher_signed.
public enum ServiceJobStatus: String, Codable, CaseIterable, Sendable {
    /// Off-site job waiting for its application to be approved (SRV-11).
    case awaitingOffsiteApproval = "awaiting_offsite_approval"
    /// Registered and waiting to be dispatched (SRV-02, SRV-10).
    case registered
    /// Assigned to a service person by the department manager (SRV-03/04).
    case dispatched
    /// The service person has started the work.
    case inService = "in_service"
    /// Voucher recorded with the customer's signature (SRV-05/08).
    case voucherSigned = "voucher_signed"
    /// Countersigned by the department manager (SRV-09).
    case countersigned
    /// Filed (归档); final.
    case filed
    /// Cancelled before the voucher was signed, or off-site application rejected; final.
    case cancelled

    /// States from which `cancel` is allowed: once the customer signed, the service has
    /// happened and the voucher must go through countersign and filing instead.
    public var isCancellable: Bool {
        switch self {
        case .awaitingOffsiteApproval, .registered, .dispatched, .inService: true
        case .voucherSigned, .countersigned, .filed, .cancelled: false
        }
    }

    /// States in which cost lines may be booked (SRV-12): someone has been sent and the
    /// job is not yet filed.
    public var acceptsCosts: Bool {
        switch self {
        case .dispatched, .inService, .voucherSigned, .countersigned: true
        case .awaitingOffsiteApproval, .registered, .filed, .cancelled: false
        }
    }
}
