import KefuCore
import KefuDomain

/// One `<option>` or checkbox of a form: value, label in the request's language, whether it is chosen.
struct SelectOption: Encodable {
    let value: String
    let label: String
    var selected = false
}

/// Roles posted by a form as `roles[]`; an unknown role is a field error, never a crash.
enum FormRoles {
    static func parse(_ texts: [String]?) throws -> [Role] {
        try (texts ?? []).map { text in
            guard let role = Role(rawValue: text) else { throw DomainError.validation(fields: ["roles": "error.field.roles"]) }
            return role
        }
    }
}
