import Foundation

/// Validation of the `link` placed inside markdown `[查看详情](link)`.
enum WebhookLink {
    static let maxBytes = 2048

    /// Returns the link if it is an absolute http(s) URL with a host, with `(`/`)` percent-
    /// encoded so it cannot close the markdown link early; nil otherwise (link is omitted).
    static func markdownSafe(_ link: String?) -> String? {
        guard let link, link.utf8.count <= maxBytes,
              let url = URL(string: link),
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty
        else { return nil }
        return link
            .replacingOccurrences(of: "(", with: "%28")
            .replacingOccurrences(of: ")", with: "%29")
    }
}
