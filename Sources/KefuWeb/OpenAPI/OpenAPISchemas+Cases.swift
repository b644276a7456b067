import KefuCore
import KefuDomain

/// Request bodies of the case, service, customer-file and webhook routes.
extension OpenAPISchemas {
    nonisolated(unsafe) static let money: [String: Any] = ["oneOf": [["type": "string", "pattern": #"^\d+(\.\d{1,2})?$"#], ["type": "number"]]]
    nonisolated(unsafe) static let dateTime: [String: Any] = ["type": "string", "format": "date-time"]

    static func words(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    nonisolated(unsafe) static let caseBodies: [String: [String: Any]] = {
        let action = object(["version": integer, "comment": string], required: [])
        var bodies: [String: [String: Any]] = [
            "POST /api/v1/cases": object([
                "type": words(CaseType.allCases.map(\.rawValue)), "channel": words(CaseChannel.allCases.map(\.rawValue)),
                "customer_id": uuid, "customer": requestBodies["POST /api/v1/customers"]!, "subject": string, "description": string,
                "priority": words(CasePriority.allCases.map(\.rawValue)), "department_id": uuid, "assignee_id": uuid,
                "call_at": dateTime, "caller_region": string, "contact": string, "related_department_id": uuid,
                "feedback_result": string, "appointment_at": dateTime,
                "service": object(["category": words(ServiceCategory.allCases.map(\.rawValue)), "product_model": string,
                                   "specification": string, "purchase_date": ["type": "string", "format": "date"],
                                   "purchase_place": string, "address": string, "offsite": ["type": "boolean"]],
                                  required: ["category", "product_model"]),
                "complaint": object(["category": words(ComplaintCategory.allCases.map(\.rawValue)), "cause": string, "order_no": string,
                                     "batch_no": string, "shipped_on": ["type": "string", "format": "date"], "defective_qty": integer,
                                     "customer_request": string, "claim_amount": money, "severity": words(["general", "important", "major"])],
                                    required: ["category", "customer_request"]),
            ], required: ["type", "channel", "subject"]),
            "POST /api/v1/cases/{id}/complaint/decision": object([
                "method": words(ComplaintSettlementMethod.allCases.map(\.rawValue)), "amount": money, "responsible_department_id": uuid,
                "track_improvement": ["type": "boolean"], "reason": string], required: ["method", "amount", "reason"]),
            "POST /api/v1/cases/{id}/complaint/refile": object(["reason": string], required: ["reason"]),
            "POST /api/v1/cases/{id}/assign": object(["assignee_id": uuid, "version": integer, "comment": string], required: ["assignee_id"]),
            "POST /api/v1/cases/{id}/notes": object(["body": string, "internal": ["type": "boolean"], "version": integer], required: ["body"]),
            "POST /api/v1/cases/{id}/pause": object(["reason": string, "version": integer], required: ["reason"]),
            "POST /api/v1/cases/{id}/resume": action,
            "POST /api/v1/cases/{id}/resolve": object(["resolution": string, "version": integer], required: ["resolution"]),
            "POST /api/v1/cases/{id}/close": action,
            "POST /api/v1/cases/{id}/reopen": object(["reason": string, "version": integer], required: ["reason"]),
            "POST /api/v1/cases/{id}/escalate": object(["reason": string, "emergency": ["type": "boolean"], "version": integer], required: ["reason"]),
            "POST /api/v1/cases/{id}/links": object(["other_case_id": uuid, "kind": words(["related", "duplicate"])], required: ["other_case_id"]),
            "POST /api/v1/cases/{id}/service/dispatch": object(["assignee_id": uuid, "version": integer], required: ["assignee_id"]),
            "POST /api/v1/cases/{id}/service/voucher": object([
                "service_start": dateTime, "service_end": dateTime, "content": string, "signature_png": ["type": "string", "contentEncoding": "base64"],
                "signed_on_paper_by": string, "fee": money, "version": integer], required: ["service_start", "service_end", "content"]),
            "POST /api/v1/cases/{id}/service/costs": object(["kind": words(ServiceCost.Kind.allCases.map(\.rawValue)), "amount": money, "note": string],
                                                            required: ["kind", "amount"]),
            "POST /api/v1/cases/{id}/service/cancel": object(["reason": string, "version": integer], required: ["reason"]),
            "POST /api/v1/customers/{id}/products": object(["model": string, "specification": string,
                                                            "purchased_on": ["type": "string", "format": "date"], "purchase_place": string],
                                                           required: ["model"]),
            "POST /api/v1/customers/{id}/notes": object(["body": string], required: ["body"]),
            "POST /api/v1/customers/{id}/phones": object(["phone": string], required: ["phone"]),
            "POST /api/v1/webhooks": object(["name": string, "url": string, "format": words(WebhookFormat.allCases.map(\.rawValue)),
                                             "secret": string, "events": ["type": "array", "items": string]], required: ["name", "url", "format"]),
        ]
        bodies["POST /api/v1/cases/{id}/service"] = (bodies["POST /api/v1/cases"]!["properties"] as! [String: Any])["service"] as? [String: Any]
        for step in ["start", "countersign", "file"] { bodies["POST /api/v1/cases/{id}/service/\(step)"] = action }
        return bodies
    }()
}
