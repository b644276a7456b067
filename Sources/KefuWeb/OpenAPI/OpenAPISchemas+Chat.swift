import KefuCore
import KefuDomain

/// Web chat (API.md "Online chat"): request bodies, the chat and message schemas, and the WebSocket's frames —
/// the socket is not an HTTP operation, so its path carries the frames as `x-websocket` schemas.
extension OpenAPISchemas {
    nonisolated(unsafe) static let chatBodies: [String: [String: Any]] = [
        "POST /api/v1/chats": object(["name": string, "phone": string], required: []),
        "POST /api/v1/chats/{chatID}/messages": object(["text": string], required: ["text"]),
        "POST /api/v1/chats/{chatID}/rate": object(["rating": ["type": "integer", "minimum": 1, "maximum": 5]], required: ["rating"]),
    ]

    nonisolated(unsafe) static let chatComponents: [String: Any] = [
        "Chat": object([
            "id": uuid, "state": words(ChatState.allCases.map(\.rawValue)), "customer_name": string, "agent_name": string, "agent_id": uuid, "team_id": uuid,
            "queued_at": dateTime, "assigned_at": dateTime, "ended_at": dateTime, "last_seq": integer, "answer_due": dateTime,
            "rating": integer, "case_id": uuid, "queue_position": integer, "estimated_wait_seconds": integer, "version": integer,
        ], required: ["id", "state", "customer_name", "queued_at", "last_seq", "version"]),
        "ChatMessage": object([
            "seq": integer, "party": words(["customer", "agent", "system"]), "author_name": string, "body": string,
            "image_url": string, "at": dateTime,
        ], required: ["seq", "party", "author_name", "at"]),
        "ChatSocketSend": object(["type": words(["send", "ping"]), "text": string, "client_id": string], required: ["type"]),
        "ChatSocketMessages": object(["type": words(["messages"]), "items": ["type": "array", "items": ["$ref": "#/components/schemas/ChatMessage"]],
                                      "chat": ["$ref": "#/components/schemas/Chat"]], required: ["type", "items", "chat"]),
        "ChatSocketAck": object(["type": words(["ack"]), "client_id": string, "seq": integer], required: ["type", "seq"]),
        "ChatSocketError": object(["type": words(["error"]), "client_id": string, "status": integer, "code": string, "message": string,
                                   "rule": string], required: ["type", "status", "code", "message"]),
    ]

    /// `GET /chat/ws/{chatID}`: the upgrade and what travels over it.
    nonisolated(unsafe) static let chatSocketPath: [String: Any] = [
        "get": [
            "summary": "Chat WebSocket. Customer: ?token=<chat token>; staff: the web session. ?after=N sends every message after N first.",
            "operationId": "get_chat_ws",
            "parameters": [["name": "chatID", "in": "path", "required": true, "schema": uuid],
                           ["name": "token", "in": "query", "required": false, "schema": string],
                           ["name": "after", "in": "query", "required": false, "schema": integer]],
            "security": [] as [Any],
            "responses": ["101": ["description": "Switching protocols"],
                          "200": ["description": "A request without the WebSocket upgrade headers: an empty answer, nothing opened"],
                          "400": ["description": "A query value that is not plain text (control characters), or an `after` that is not a whole number"],
                          "401": ["description": "No token and no session"],
                          "404": ["description": "Unknown chat, or another chat's token"]],
            "x-websocket": [
                "client": ["$ref": "#/components/schemas/ChatSocketSend"],
                "server": ["oneOf": [["$ref": "#/components/schemas/ChatSocketMessages"], ["$ref": "#/components/schemas/ChatSocketAck"],
                                     ["$ref": "#/components/schemas/ChatSocketError"]]],
            ] as [String: Any],
        ] as [String: Any],
    ]
}
