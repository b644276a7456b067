/// Request bodies of the chat's case, leave-a-message, transfer, invite and image routes (issue 9).
extension OpenAPISchemas {
    nonisolated(unsafe) static let chatCoreBodies: [String: [String: Any]] = [
        "POST /api/v1/chats/{id}/case": object(["case_id": uuid, "phone": string], required: []),
        "POST /api/v1/chats/{id}/leave-message": object(["text": string, "phone": string], required: ["text"]),
        "POST /api/v1/chats/{id}/transfer": object(["to_agent_id": uuid, "to_team_id": uuid, "note": string], required: ["note"]),
        "POST /api/v1/chats/{id}/invite": object(["user_id": uuid], required: []),
        "POST /api/v1/chats/{id}/images": ["type": "string", "format": "binary"],
    ]
}
