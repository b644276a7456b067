import FluentKit
import FluentSQL
import SQLKit

/// Which index SQLite reads a case list through (issue 10, PERFORMANCE.md).
///
/// Given a scope of ORs (an agent: owner, assignee or the unassigned queue; a leader: the team too) and a
/// filter that no index orders (several statuses, or none), SQLite's planner reads every case of the
/// scope or every case of the statuses — all 866,000 closed ones for 已解决/已关闭 — and sorts them to
/// return 51: 40–830 ms at 1,000,000 cases. Walking `cases_created` newest first and stopping at the page
/// costs 0.2–3 ms there, because a list's rows are spread over the recent cases; breached-first walks the
/// breached cases newest first (`cases_breached_newest`) the same way. A filter that picks a small set
/// through its own index (one customer, one assignee, the unassigned queue, due today, untouched since,
/// one status, one type) keeps the planner's choice; a text search walks the search index (CaseSearchWalk).
/// PostgreSQL plans these lists well from its statistics, so nothing is forced there.
extension CaseRepository {
    static func newestFirstIndex(for filter: Filter) -> String? {
        let selective = filter.customerID != nil || filter.assigneeID != nil || filter.unassigned || filter.dueBefore != nil
            || filter.updatedBefore != nil || filter.statuses.count == 1 || filter.type != nil || filter.types.count == 1
            || filter.text != nil
        if selective { return nil }
        return filter.breached == true ? "cases_breached_newest" : "cases_created"
    }

    /// `query` told to read `index` (FluentSQL writes a custom join right after `FROM "cases"`, which is
    /// where SQLite's `INDEXED BY` goes).
    static func read(_ query: QueryBuilder<CaseRecord>, through index: String) {
        query.query.joins.append(.custom(SQLRaw("INDEXED BY \"\(index)\"")))
    }
}
