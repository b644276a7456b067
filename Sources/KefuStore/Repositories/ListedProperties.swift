import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// A record whose database properties are listed by hand, so that the hot lists can read it without
/// Fluent's per-row reflection (issue 10, PERFORMANCE.md).
///
/// `QueryBuilder.all()` finds a fresh model's properties through the runtime's reflection for every row it
/// decodes, and the runtime looks each property's type up by its mangled name on every call: a page of 50
/// cases with their customers and 150 clocks spent most of its time there. Reading the same rows through
/// `allListed()` calls each listed property's own `output(from:)`, exactly what Fluent does after its
/// reflection. `ListedPropertiesTests` compares the list with Fluent's reflection, so a field added to the
/// record but not to the list fails a test, not a page.
///
/// Issue 22: a listed record also answers Fluent's own `properties` from its list (the records below declare
/// `properties` themselves, which is the witness Fluent calls). Fluent asked the runtime for the properties
/// again on every query it built (`Model.keys`, the soft-delete check), every insert and every save: on the
/// hot paths (a case opened, a page of cases) that reflection was about a tenth of the server's time.
public protocol ListedProperties: Model {
    /// Every property of the record (`$id`, `$number`, …), in any order; all of them are database properties.
    var listedProperties: [any AnyDatabaseProperty] { get }
}

extension ListedProperties {
    /// What the records return as Fluent's `properties`.
    public var listedAsProperties: [any AnyProperty] { listedProperties.map { $0 as any AnyProperty } }
}

extension QueryBuilder where Model: ListedProperties {
    /// `all()`, selecting the listed columns by their plain names (one piece of SQL written once per record
    /// type, instead of Fluent's `"cases"."number" AS "cases_number"` serialized identifier by identifier) and
    /// decoding each row through the listed properties, without the per-row key prefixing.
    public func allListed() async throws -> [Model] {
        let query = copy()
        query.query.fields = [.custom(SQLRaw(Model.selectList("\"\(Model.schemaOrAlias)\"")))]
        let rows = NIOLockedValueBox<(models: [Model], error: (any Error)?)>(([], nil))
        let done: EventLoopFuture<Void> = query.run { output in
            let model = Model()
            do {
                for property in model.listedProperties { try property.output(from: output) }
                rows.withLockedValue { $0.models.append(model) }
            } catch {
                rows.withLockedValue { $0.error = $0.error ?? error }
            }
        }
        try await done.get()
        let result = rows.withLockedValue { $0 }
        if let error = result.error { throw error }
        return result.models
    }
}

extension CaseRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $number, $type, $channel, $status, $priority, $subject, $description, $customerID, $callAt, $callerRegion,
         $contact, $relatedDepartmentID, $feedbackResult, $ownerID, $assigneeID, $teamID, $departmentID, $escalationLevel,
         $appointmentAt, $resolution, $createdAt, $updatedAt, $firstRespondedAt, $resolvedAt, $closedAt, $breachedAt,
         $searchRowID, $version]
    }
}

extension CustomerRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $name, $phone, $address, $region, $isMember, $tier, $createdBy, $createdAt, $version]
    }
}

extension DeadlineClockRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $subjectType, $subjectID, $kind, $unit, $startedAt, $dueAt, $warnAt, $state, $pausedAt, $remainingSeconds,
         $warnedAt, $breachedAt, $metAt, $ruleKey, $rulebookVersion, $version]
    }
}

extension AuditEventRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $at, $actorID, $actorName, $action, $subjectType, $subjectID, $summary, $ruleKey, $rulebookVersion, $requestID]
    }
}

extension TeamRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $name, $departmentID, $leaderID, $active, $version, $createdAt]
    }
}

extension CustomerReadRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $customerID, $userID, $userName, $via, $at]
    }
}

extension CaseNoteRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $caseID, $authorID, $authorName, $body, $isInternal, $createdAt]
    }
}

extension ComplaintRecord: ListedProperties {
    public var properties: [any AnyProperty] { listedAsProperties }
    public var listedProperties: [any AnyDatabaseProperty] {
        [$id, $caseID, $category, $cause, $orderNo, $batchNo, $shippedOn, $defectiveQuantity, $customerRequest, $claimAmount,
         $severity, $decisionMethod, $decisionAmount, $decisionReason, $responsibleDepartmentID, $trackImprovement, $approvalID,
         $decisionState, $refiledFromID, $version, $specQuantity, $sampleReceived, $sampleLocation, $marketingOpinion, $nextReplyAt,
         $fault, $lossBasis, $lossAmount, $penaltyType, $penaltyPersonID, $returnQuantity, $reportText, $reportAt, $reportBy,
         $instructionText, $instructedAt, $instructedBy, $replyChannel, $replyText, $repliedAt, $petitionText, $petitionApprovalID]
    }
}
