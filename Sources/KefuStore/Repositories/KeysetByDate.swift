import FluentKit
import Foundation

extension QueryBuilder where Model.IDValue == UUID {
    /// One keyset page ordered by a date column, then the id (API.md "Lists"): newest first unless
    /// `ascending`. The cursor is the last row's date and id, so a page resumes exactly after it (ties on the
    /// date are broken by the id), whatever was inserted meanwhile.
    public func keysetPage(by date: KeyPath<Model, FieldProperty<Model, Date>>, ascending: Bool = false,
                           after cursor: Cursor?, limit: Int) async throws -> KeysetPage<Model> {
        if let cursor {
            let at = try Cursor.date(cursor.key)
            let beyond: DatabaseQuery.Filter.Method = ascending ? .greaterThan : .lessThan
            group(.or) { group in
                group.filter(date, beyond, at).group(.and) { $0.filter(date, .equal, at).filter(\._$id, beyond, cursor.id) }
            }
        }
        let direction: DatabaseQuery.Sort.Direction = ascending ? .ascending : .descending
        let rows = try await sort(date, direction).sort(\._$id, direction).limit(limit + 1).all()
        let items = Array(rows.prefix(limit))
        let next = rows.count > limit ? items.last.map { Cursor(key: Cursor.key($0[keyPath: date].wrappedValue), id: $0.id!).encoded } : nil
        return KeysetPage(items: items, nextCursor: next)
    }
}
