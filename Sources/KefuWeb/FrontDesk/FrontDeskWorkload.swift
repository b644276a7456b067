import FluentKit
import Foundation
import KefuCore
import KefuStore
import SQLKit

/// RPT-15: the front desk's workload counts over a period — visitors received, phone messages taken
/// (calls answered for staff), mail and parcels handled, office-supply issues — per desk person and in
/// total. Each count is one grouped query over an indexed time column.
struct FrontDeskWorkload {
    let db: any Database

    struct Counts: Encodable, Equatable {
        var visitors = 0, messages = 0, parcels = 0, supplies = 0
        var total: Int { visitors + messages + parcels + supplies }
    }

    /// One source of counts: a table, its time column and the column naming the desk person.
    struct Source { let table: String, time: String, person: String, keyPath: WritableKeyPath<Counts, Int> }

    static let sources: [Source] = [
        Source(table: "visitors", time: "arrived_at", person: "registered_by", keyPath: \.visitors),
        Source(table: "phone_messages", time: "taken_at", person: "taken_by", keyPath: \.messages),
        Source(table: "parcels", time: "registered_at", person: "registered_by", keyPath: \.parcels),
        Source(table: "supply_requisitions", time: "issued_at", person: "issued_by", keyPath: \.supplies),
    ]

    func counts(from: Date, to: Date) async throws -> (total: Counts, byPerson: [UUID: Counts]) {
        guard let sql = db as? any SQLDatabase else { return (Counts(), [:]) }
        var total = Counts(), byPerson: [UUID: Counts] = [:]
        for source in Self.sources {
            let rows = try await sql.select().column(SQLIdentifier(source.person), as: "person")
                .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(source.table)
                .where(SQLIdentifier(source.time), .greaterThanOrEqual, SQLBind(from))
                .where(SQLIdentifier(source.time), .lessThan, SQLBind(to))
                .where(SQLIdentifier(source.person), .isNot, SQLLiteral.null)
                .groupBy(SQLIdentifier(source.person)).all()
            for row in rows {
                let person = try row.decode(column: "person", as: UUID.self), n = try row.decode(column: "n", as: Int.self)
                byPerson[person, default: Counts()][keyPath: source.keyPath] += n
                total[keyPath: source.keyPath] += n
            }
        }
        return (total, byPerson)
    }
}
