/// Request-body schemas by "METHOD /path" and the shared components of the OpenAPI document.
enum OpenAPISchemas {
    // Immutable after initialization; JSONSerialization needs [String: Any].

    static func object(_ properties: [String: Any], required: [String]) -> [String: Any] {
        ["type": "object", "properties": properties, "required": required]
    }

    nonisolated(unsafe) static let string: [String: Any] = ["type": "string"]
    nonisolated(unsafe) static let uuid: [String: Any] = ["type": "string", "format": "uuid"]
    nonisolated(unsafe) static let integer: [String: Any] = ["type": "integer"]

    nonisolated(unsafe) static let requestBodies: [String: [String: Any]] = [
        "POST /api/v1/auth/login": object(["username": string, "password": string], required: ["username", "password"]),
        "POST /api/v1/me/password": object(["current_password": string, "new_password": string],
                                           required: ["current_password", "new_password"]),
        "POST /api/v1/departments": object(["name": string, "kind": ["type": "string", "enum": [
            "customer_service", "sales", "marketing", "rnd", "finance", "warehouse", "hr", "admin_office", "gm_office",
            "it", "front_desk", "other"]]], required: ["name", "kind"]),
        "POST /api/v1/teams": object(["name": string, "department_id": uuid, "leader_id": uuid], required: ["name", "department_id"]),
        "POST /api/v1/users": object([
            "username": string, "display_name": string, "password": string,
            "roles": ["type": "array", "items": string], "department_id": uuid, "team_id": uuid,
            "grade": ["type": "string", "enum": ["probation", "junior", "intermediate", "senior", "reserve_supervisor"]],
            "skill": ["type": "string", "enum": ["technical", "theory", "all_round"]],
            "hired_on": ["type": "string", "format": "date"],
        ], required: ["username", "display_name", "password", "roles"]),
        "PATCH /api/v1/users/{id}": object([
            "display_name": string, "roles": ["type": "array", "items": string], "department_id": uuid, "team_id": uuid,
            "grade": string, "skill": string, "active": ["type": "boolean"], "version": integer,
        ], required: []),
        "POST /api/v1/customers": object(["name": string, "phone": string, "address": string, "region": string,
                                          "is_member": ["type": "boolean"], "tier": string], required: ["name", "phone"]),
        "POST /api/v1/approvals/{id}/approve": object(["comment": string, "version": integer], required: []),
        "POST /api/v1/approvals/{id}/reject": object(["comment": string, "version": integer], required: ["comment"]),
    ]

    /// Raw uploads: the handler reads the bytes themselves (`req.body.data`), sent as application/octet-stream.
    nonisolated(unsafe) static let uploadBodies: [String: [String: Any]] = [
        "POST /api/v1/cases/{id}/attachments": ["type": "string", "format": "binary"],
        "POST /api/v1/kb/entries/{id}/attachments": ["type": "string", "format": "binary"],
        "POST /api/v1/chats/{chatID}/images": ["type": "string", "format": "binary"],
    ]

    /// Every hand-written body by "METHOD /path"; it wins over the route's declared type. A contract test
    /// checks that each key names a registered route: keys written `{id}` for `{chatID}` once documented nothing.
    nonisolated(unsafe) static let handWritten: [String: [String: Any]] = [requestBodies, caseBodies, chatBodies, uploadBodies]
        .reduce(into: [:]) { all, bodies in all.merge(bodies) { current, _ in current } }

    nonisolated(unsafe) static let components: [String: Any] = [
        "Error": object(["error": object([
            "code": ["type": "string", "enum": ["bad_request", "validation_failed", "unauthorized", "forbidden", "not_found",
                                                "conflict", "payload_too_large", "rule_violation", "rate_limited", "internal"]],
            "message": string,
            "fields": ["type": "object", "additionalProperties": string],
            "rule": string,
        ], required: ["code", "message"])], required: ["error"]),
    ]
}
