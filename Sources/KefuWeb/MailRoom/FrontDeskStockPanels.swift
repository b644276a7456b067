import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// The console's "parcels waiting" and "low stock" panels (issue 7 item 8), loaded in one place so the
/// console controller only carries them.
struct FrontDeskStockPanels: Encodable {
    struct Parcel: Encodable { let id: UUID, recipient: String, content: String, important: Bool, overdue: Bool }
    struct Item: Encodable { let name: String, stock: Int, minimum: Int, unit: String }

    let waitingCount: Int, parcels: [Parcel], lowStock: [Item], toIssue: Int

    static func load(_ req: Request) async throws -> FrontDeskStockPanels {
        let queries = ParcelQueries(db: req.db, services: req.services)
        let parcels = Parcels(db: req.db, services: req.services)
        let now = req.services.now()
        let waiting = try await queries.waiting(limit: 50)
        let low = try await SupplyItems(db: req.db, services: req.services).list(lowOnly: true)
        let toIssue = try await SupplyRequisitionRecord.query(on: req.db).filter(\.$state == SupplyRequisitions.State.approved.rawValue).count()
        return FrontDeskStockPanels(
            waitingCount: try await queries.waitingCount(),
            parcels: waiting.prefix(8).map { Parcel(id: $0.id!, recipient: $0.recipientName, content: $0.content, important: $0.important,
                                                    overdue: parcels.isOverdue($0, now: now)) },
            lowStock: low.map { Item(name: "\($0.name) \($0.specification)", stock: $0.stock, minimum: $0.minimumStock, unit: $0.unit) },
            toIssue: toIssue)
    }
}
