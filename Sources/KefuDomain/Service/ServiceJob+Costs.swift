import Foundation

/// SRV-12: booking service cost lines on a job.
extension ServiceJob {
    /// Books a cost line (travel, allowance, material, other).
    ///
    /// WHY the state limit: costs arise once someone has been sent and must be final before
    /// the job is filed, because filing closes the job's accounts.
    /// - Throws: `.conflict(reason: "service.cost_not_bookable")` outside dispatched…countersigned;
    ///   `.conflict(reason: "service.cost_duplicate")` if a line with the same id exists;
    ///   `.validation(fields:)` with the keys of `ServiceCost.validate(isOffsite:)`.
    public mutating func bookCost(_ line: ServiceCost, at now: Date) throws {
        guard status.acceptsCosts else {
            throw DomainError.conflict(reason: "service.cost_not_bookable")
        }
        guard !costs.contains(where: { $0.id == line.id }) else {
            throw DomainError.conflict(reason: "service.cost_duplicate")
        }
        let errors = line.validate(isOffsite: isOffsite)
        guard errors.isEmpty else { throw DomainError.validation(fields: errors) }
        costs.append(line)
        touch(now)
    }
}
