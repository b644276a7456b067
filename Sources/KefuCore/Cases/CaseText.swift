import FluentKit
import Foundation
import KefuDomain
import KefuStore

/// What the search index holds for a case (issue 3 §6): its number, subject, description, phone-record
/// text, the customer's name and number, and its notes. Rebuilt whenever one of them changes.
package enum CaseText {
    /// As many chats as the case page's transcript shows.
    static let chatLimit = 20

    package static func of(_ record: CaseRecord, customer: CustomerRecord?, notes: [CaseNoteRecord], transcripts: [String] = []) -> String {
        // The number, the customer (name, phone and its 4–8 digit endings, so "the last four digits" finds
        // the customer's cases) come first: the index keeps the first 2,000 tokens of a long text.
        var parts = [record.number]
        if let customer { parts += [customer.name, customer.phone] + (PhoneNumber(customer.phone)?.suffixKeys ?? []) }
        parts += [record.searchableText] + notes.map(\.body) + transcripts
        return parts.joined(separator: "\n")
    }

    /// Re-indexes a case from what is stored (after a note or a resolution); the caller saves the record.
    package static func reindex(_ record: CaseRecord, db: any Database) async throws {
        let customer = try await CustomerRepository(db: db).find(record.customerID)
        let notes = try await CaseRepository(db: db).notes(caseID: record.id!, includeInternal: true)
        // Issue 9: the transcripts of the case's chats are searchable too.
        let transcripts = try await ChatRepository(db: db).transcriptTexts(caseID: record.id!, limit: Self.chatLimit)
        try await CaseSearchIndex(db: db).write(record, text: of(record, customer: customer, notes: notes, transcripts: transcripts))
    }
}
