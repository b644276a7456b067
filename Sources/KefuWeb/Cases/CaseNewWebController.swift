import FluentKit
import Fluent
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Vapor

/// `/cases/new`: the form for a phone call — the caller's number first (matching customers appear as
/// you type; an existing number is reused without JavaScript too), type and channel preset, the
/// CHN-08/09 phone-record fields, and the §27 phrases as hints beside it.
struct CaseNewWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.GET, "cases", "new", access: .permission(.casesCreate), summary: "New case form", use: form)
        routes.on(.POST, "cases", access: .permission(.casesCreate), summary: "Open a case (form)", use: create)
    }

    struct NewCaseForm: Content {
        var customerID: String?
        var phone: String?
        var name: String?
        var type: String?
        var channel: String?
        var priority: String?
        var subject: String?
        var description: String?
        var callerRegion: String?
        var contact: String?
        var relatedDepartmentID: String?
        var feedbackResult: String?
        var appointmentAt: String?
        var assignToMe: String?
        // The complaint form (客户投诉处理表, CMP-04/12/13), used when the type is complaint.
        var complaintCategory: String?, complaintCause: String?, complaintOrderNo: String?, complaintBatchNo: String?
        var complaintShippedOn: String?, complaintDefectiveQty: String?, complaintSpecQuantity: String?, complaintRequest: String?
        var complaintClaimAmount: String?, complaintSeverity: String?, complaintSampleReceived: String?, complaintSampleLocation: String?
        var complaintMarketingOpinion: String?
        // The service order (服务登记表, SRV-02), used when the type is service request.
        var serviceCategory: String?, serviceProductModel: String?, serviceSpecification: String?, servicePurchaseDate: String?
        var servicePurchasePlace: String?, serviceAddress: String?, serviceOffsite: String?

        enum CodingKeys: String, CodingKey {
            case complaintCategory = "complaint_category", complaintCause = "complaint_cause", complaintOrderNo = "complaint_order_no"
            case complaintBatchNo = "complaint_batch_no", complaintShippedOn = "complaint_shipped_on"
            case complaintDefectiveQty = "complaint_defective_qty", complaintSpecQuantity = "complaint_spec_quantity"
            case complaintRequest = "complaint_customer_request", complaintClaimAmount = "complaint_claim_amount"
            case complaintSeverity = "complaint_severity", complaintSampleReceived = "complaint_sample_received"
            case complaintSampleLocation = "complaint_sample_location", complaintMarketingOpinion = "complaint_marketing_opinion"
            case serviceCategory = "service_category", serviceProductModel = "service_product_model"
            case serviceSpecification = "service_specification", servicePurchaseDate = "service_purchase_date"
            case servicePurchasePlace = "service_purchase_place", serviceAddress = "service_address", serviceOffsite = "service_offsite"
            case phone, name, type, channel, priority, subject, description, contact
            case customerID = "customer_id", callerRegion = "caller_region", relatedDepartmentID = "related_department_id"
            case feedbackResult = "feedback_result", appointmentAt = "appointment_at", assignToMe = "assign_to_me"
        }
    }

    struct NewCasePage: Encodable {
        let shell: PageShell
        let form: NewCaseForm
        let types: [SelectOption]
        let channels: [SelectOption]
        let priorities: [SelectOption]
        let departments: [SelectOption]
        let assignToMe: Bool
        let errors: [String: String]
        let scripts: [String]
        let complaintCategories: [SelectOption]
        let severities: [SelectOption]
        let isComplaint: Bool
        let serviceCategories: [SelectOption]
        let isServiceRequest: Bool
    }

    @Sendable func form(req: Request) async throws -> View {
        var form = NewCaseForm()
        form.phone = req.query[String.self, at: "phone"]
        form.type = req.query[String.self, at: "type"]
        form.channel = req.query[String.self, at: "channel"]
        // From a customer's file: the customer is chosen already (its number may be masked for this reader).
        if let id = req.query[UUID.self, at: "customer_id"], let customer = try await CustomerRepository(db: req.db).find(id) {
            form.customerID = id.uuidString
            form.name = customer.name
            let privacy = CustomerPrivacy(db: req.db, staff: try req.requireStaff(), services: req.services)
            form.phone = CustomerResponse(customer, unmasked: try await privacy.unmasked(customer)).phone
            form.callerRegion = customer.region
        }
        return try await render(req, form, errors: [:], assignToMe: true)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let form = try req.content.decode(NewCaseForm.self)
        let staff = try req.requireStaff()
        do {
            var input = try CaseFormInput.parse(form, req: req, staff: staff)
            if input.type == .complaint { input.complaint = try ComplaintWebForm.parse(form) }
            if input.type == .serviceRequest { input.service = try ServiceWebForm.order(form) }
            let record = try await OpenCase(db: req.db, services: req.services).run(input, by: staff)
            let assignee = try await CasePeople.names(of: record.assigneeID.map { [$0] } ?? [], db: req.db).values.first
            let done = input.service != nil ? "done.case.opened_with_service" : assignee == nil ? "done.case.opened" : "done.case.opened_assigned"
            return Confirmation(done, [record.number, assignee ?? ""])
                .redirect(req, to: "/cases/\(record.id!)")
        } catch let error as DomainError {
            let errors: [String: String]
            switch error {
            case .validation(let fields):
                errors = Dictionary(fields.map { ($0.key.replacingOccurrences(of: ".", with: "_"), req.t($0.value)) }, uniquingKeysWith: { a, _ in a })
            case .conflict(let reason), .forbidden(let reason): errors = ["phone": req.t(reason)]
            default: throw error
            }
            let response = try await render(req, form, errors: errors, assignToMe: form.assignToMe != nil).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
    }

    private func render(_ req: Request, _ form: NewCaseForm, errors: [String: String], assignToMe: Bool) async throws -> View {
        let departments = try await OrganizationRepository(db: req.db).departments()
        func options<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ prefix: String, _ chosen: String?, _ fallback: T) -> [SelectOption]
        where T.RawValue == String {
            T.allCases.map { SelectOption(value: $0.rawValue, label: req.t("\(prefix).\($0.rawValue)"), selected: $0.rawValue == (chosen ?? fallback.rawValue)) }
        }
        return try await req.view.render("cases/new", NewCasePage(
            shell: PageShell(req, title: req.t("cases.new"), flashError: errors.isEmpty ? nil : req.t("error.validation_failed")),
            form: form,
            types: options(CaseType.self, "case.type", form.type, .consultation),
            channels: options(CaseChannel.self, "case.channel", form.channel, .phone),
            priorities: options(CasePriority.self, "case.priority", form.priority, .normal),
            departments: [SelectOption(value: "", label: req.t("case.no_department"))]
                + departments.map { SelectOption(value: $0.id!.uuidString, label: $0.name, selected: $0.id!.uuidString == form.relatedDepartmentID) },
            assignToMe: assignToMe, errors: errors,
            // PHR / KB-14: the phrase library's call phrases, with the organization's own greeting (C20).
            scripts: try await PhraseLibrary(db: req.db, services: req.services)
                .rendered([.greeting, .confirm, .waiting, .transfer, .apology, .closing], agent: req.staff?.displayName),
            complaintCategories: options(ComplaintCategory.self, "complaint.category", form.complaintCategory, .quality),
            severities: options(ComplaintRules.Severity.self, "complaint.severity", form.complaintSeverity, .general),
            isComplaint: form.type == CaseType.complaint.rawValue,
            serviceCategories: ServiceCategory.allCases.map {
                SelectOption(value: $0.rawValue, label: "\($0.letter). " + req.t("service.category.\($0.rawValue)"),
                             selected: $0.rawValue == form.serviceCategory)
            },
            isServiceRequest: form.type == CaseType.serviceRequest.rawValue))
    }
}

/// The form's text fields turned into the use case's input; malformed choices are field errors.
enum CaseFormInput {
    static func parse(_ form: CaseNewWebController.NewCaseForm, req: Request, staff: StaffUser) throws -> OpenCase.Input {
        var fields: [String: String] = [:]
        let type = CaseType(rawValue: form.type ?? "")
        if type == nil { fields["type"] = "error.field.choice" }
        let channel = CaseChannel(rawValue: form.channel ?? "")
        if channel == nil { fields["channel"] = "error.field.choice" }
        let priority = CasePriority(rawValue: form.priority ?? "normal")
        if priority == nil { fields["priority"] = "error.field.choice" }
        var appointment: Date?
        if let text = form.appointmentAt?.nilIfBlank {
            appointment = LocalDateTimeField.parse(text, calendar: req.services.rulebook.calendar)
            if appointment == nil { fields["appointment_at"] = "error.field.invalid_value" }
        }
        let customerID = form.customerID?.nilIfBlank.flatMap(UUID.init(uuidString:))
        if customerID == nil, (form.phone ?? "").nilIfBlank == nil { fields["phone"] = "error.field.required" }
        guard fields.isEmpty, let type, let channel else { throw DomainError.validation(fields: fields) }
        return OpenCase.Input(
            type: type, channel: channel, customerID: customerID,
            newCustomer: customerID == nil ? .init(name: form.name ?? "", phone: form.phone ?? "", address: nil,
                                                   region: form.callerRegion, isMember: false, tier: nil) : nil,
            subject: form.subject ?? "", description: form.description ?? "", priority: priority, departmentID: nil,
            assigneeID: form.assignToMe != nil ? staff.id : nil, callAt: nil, callerRegion: form.callerRegion, contact: form.contact,
            relatedDepartmentID: form.relatedDepartmentID?.nilIfBlank.flatMap(UUID.init(uuidString:)),
            feedbackResult: form.feedbackResult, appointmentAt: appointment)
    }
}

/// `<input type="datetime-local">` values (`2026-11-23T14:30`) read in the organization's time zone, or a
/// time with an offset; strictly (issue 20, `StrictTime`).
enum LocalDateTimeField {
    static func parse(_ text: String, calendar: BusinessCalendar) -> Date? {
        StrictTime.instant(text, localStartOfDay: calendar.startOfDay)
    }
}
