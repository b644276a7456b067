import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Listed records read from hand-written SQL (issue 22): the statement is a string with its binds, not a
/// Fluent query serialized identifier by identifier, and each row is decoded through the record's listed
/// properties, exactly as Fluent decodes it. For the reads a request makes every time (a case by id, the
/// customers and clocks of a page, the complaint form of a case).
extension SQLDatabase {
    public func listed<Record: ListedProperties>(_ type: Record.Type, _ query: SQLQueryString) async throws -> [Record] {
        try await raw(query).all().map { row in
            let record = Record()
            let output = RowOutput(row: row)
            for property in record.listedProperties { try property.output(from: output) }
            return record
        }
    }
}

extension ListedProperties {
    /// The record's columns for a SELECT list, each qualified with the table's `alias`
    /// (`c."id", c."number", …`), for `SQLDatabase.listed`. Built once per record type and alias.
    public static func selectList(_ alias: String) -> String {
        let key = "\(ObjectIdentifier(Self.self).hashValue).\(alias)"
        if let known = ListedColumns.cache.withLockedValue({ $0[key] }) { return known }
        let list = Self().listedProperties.flatMap(\.keys).map { "\(alias).\"\($0.description)\"" }.joined(separator: ", ")
        ListedColumns.cache.withLockedValue { $0[key] = list }
        return list
    }
}

enum ListedColumns {
    static let cache = NIOLockedValueBox<[String: String]>([:])
}

/// One SQL row as Fluent's `DatabaseOutput` (the column names are the field keys; no table prefix).
struct RowOutput: DatabaseOutput {
    let row: any SQLRow

    var description: String { "\(row)" }
    func schema(_ schema: String) -> any DatabaseOutput { self }
    func contains(_ key: FieldKey) -> Bool { row.contains(column: key.description) }
    func decodeNil(_ key: FieldKey) throws -> Bool { try row.decodeNil(column: key.description) }
    func decode<T: Decodable>(_ key: FieldKey, as type: T.Type) throws -> T { try row.decode(column: key.description, as: T.self) }
}

extension Database {
    /// This database as SQLKit's (every database Kefu runs on is an SQL one).
    public var sqlKit: any SQLDatabase {
        get throws {
            guard let sql = self as? any SQLDatabase else { throw StoreError.corrupt("sql") }
            return sql
        }
    }
}
