import Foundation
import KefuDomain
import FluentKit
import Fluent
import Vapor

/// Registers the controllers; each lists its routes (and their `Access`) at the top of its `boot`.
func routes(_ app: Application) throws {
    try app.register(collection: OperationsController())
    try app.register(collection: OpenAPIController())
    try app.register(collection: AuthAPIController())
    try app.register(collection: AuthWebController())
    try app.register(collection: OrganizationAPIController())
    try app.register(collection: UsersAPIController())
    try app.register(collection: AdminUsersWebController())
    try app.register(collection: AdminUserEditWebController())
    try app.register(collection: AdminOrganizationWebController())
    try app.register(collection: ApprovalsAPIController())
    try app.register(collection: ApprovalsWebController())
    try app.register(collection: NotificationsAPIController())
    try app.register(collection: NotificationsWebController())
    try app.register(collection: AuditAPIController())
    try app.register(collection: CustomersAPIController())
    try app.register(collection: CustomersWebController())
    let attachmentLimit = CaseAttachmentsAPI.bodyLimit(app.services)
    try app.register(collection: CasesAPIController(attachmentLimit: attachmentLimit))
    try app.register(collection: CasesWebController())
    try app.register(collection: CaseNewWebController())
    try app.register(collection: CaseBoardWebController())
    try app.register(collection: CaseWebController(attachmentLimit: attachmentLimit))
    try app.register(collection: ServiceAPIController())
    try app.register(collection: ServiceWebController())
    try app.register(collection: WebhooksAPIController())
    try app.register(collection: ComplaintsAPIController())
    try app.register(collection: ComplaintListsAPIController())
    try app.register(collection: ComplaintWebController())
    try app.register(collection: ComplaintDocumentsWebController())
    try app.register(collection: ComplaintListsWebController())
    try app.register(collection: AccountabilityAPIController())
    try app.register(collection: AccountabilityWebController())
    try app.register(collection: KBAPIController(attachmentLimit: attachmentLimit))
    try app.register(collection: KBWebController(attachmentLimit: attachmentLimit))
    try app.register(collection: PhrasesAPIController())
    try app.register(collection: RulebookController())
    try app.register(collection: DashboardWebController())
}
