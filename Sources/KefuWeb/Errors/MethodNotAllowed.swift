import Vapor

/// A known path asked with a method it does not answer (TRACE, PUT on a record …) is 405 with `Allow`
/// listing the methods it does answer, not 404: the path exists (RFC 9110 §15.5.6).
enum MethodNotAllowed {
    /// The methods the routes answer at `path`; empty when no route has that path.
    static func allowed(at path: String, in routes: [Route]) -> [HTTPMethod] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var methods: [HTTPMethod] = []
        for route in routes where matches(route.path, segments) && !methods.contains(route.method) {
            methods.append(route.method)
        }
        if methods.contains(.GET), !methods.contains(.HEAD) { methods.append(.HEAD) }
        return methods
    }

    static func matches(_ components: [PathComponent], _ segments: [String]) -> Bool {
        var index = 0
        for component in components {
            switch component {
            case .catchall: return index < segments.count
            case .anything, .parameter: guard index < segments.count else { return false }
            case .constant(let text): guard index < segments.count, segments[index] == text else { return false }
            }
            index += 1
        }
        return index == segments.count
    }
}
