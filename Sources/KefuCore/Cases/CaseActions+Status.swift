import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// Waiting on the customer, resolving, closing and reopening.
extension CaseActions {
    /// Waiting for the customer: the case's business clocks stop until it resumes.
    package func pause(_ id: UUID, reason: String, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let reason = try Self.required(reason, field: "reason", limit: 500)
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.paused") { serviceCase, record, db in
            try serviceCase.pause()
            try await DeadlineService(db: db, services: services).pauseAll(subjectType: "case", subjectID: record.id!, actor: staff, reason: "waiting on customer",
                                                                              keeping: ["appointment"])
            return String(reason.prefix(200))
        }
    }

    package func resume(_ id: UUID, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.resumed") { serviceCase, record, db in
            try serviceCase.resume()
            try await DeadlineService(db: db, services: services).resumeAll(subjectType: "case", subjectID: record.id!, actor: staff)
            return nil
        }
    }

    /// Resolving answers the customer: it meets the first-response, dispatch and resolution clocks.
    package func resolve(_ id: UUID, resolution: String, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let resolution = try Self.required(resolution, field: "resolution", limit: 2_000)
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.resolved") { serviceCase, record, db in
            let wasPaused = serviceCase.status == .pendingCustomer
            try serviceCase.resolve(at: services.now())
            record.resolution = resolution
            record.firstRespondedAt = record.firstRespondedAt ?? services.now()
            let clocks = CaseClocks(db: db, services: services)
            if wasPaused { try await DeadlineService(db: db, services: services).resumeAll(subjectType: "case", subjectID: record.id!, actor: staff) }
            for kind in ["first_response", "dispatch", "resolve", "appointment"] { try await clocks.meet(kind, record, by: staff) }
            try await CaseText.reindex(record, db: db)
            // RTV-01: the result goes back to the customer through a return visit.
            try await ReturnVisits(db: db, services: services).open(for: record)
            return nil
        }
    }

    /// Closing: a complaint closes only when its closing conditions hold (CMP-24 / CMP-25, 422
    /// `complaints.close_requires`); the page and the API both come here.
    package func close(_ id: UUID, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.closed") { serviceCase, record, db in
            if let facts = try await ComplaintRepository(db: db).closingFacts(caseID: record.id!) {
                try serviceCase.close(complaint: facts, rules: services.rulebook.complaints, at: services.now())
            } else {
                try serviceCase.close(at: services.now())
            }
            try await CaseClocks(db: db, services: services).meet("close", record, by: staff)
            return nil
        }
    }

    /// Reopening (the customer came back) starts a new resolution clock.
    package func reopen(_ id: UUID, reason: String, by staff: StaffUser, expectedVersion: Int?) async throws -> CaseRecord {
        let reason = try Self.required(reason, field: "reason", limit: 500)
        return try await transition(id, by: staff, expectedVersion: expectedVersion, action: "case.reopened") { serviceCase, record, db in
            try serviceCase.reopen()
            record.resolution = nil
            try await CaseClocks(db: db, services: services).startResolve(for: record)
            return String(reason.prefix(200))
        }
    }

    package static func required(_ value: String, field: String, limit: Int) throws -> String {
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { throw DomainError.validation(fields: [field: "error.field.required"]) }
        if text.count > limit { throw DomainError.validation(fields: [field: "error.field.too_long"]) }
        return text
    }
}
