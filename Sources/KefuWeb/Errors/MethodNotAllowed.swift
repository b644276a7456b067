import KefuCore
import Vapor

/// A known path asked with a method it does not answer (TRACE, PUT on a record …) is 405 with `Allow`
/// listing the methods it does answer, not 404: the path exists (RFC 9110 §15.5.6).
///
/// The router prefers a constant over a parameter at each level, and so does this: `/duties/generate`
/// answers POST only, although `GET /duties/{id}` would take "generate" as an id and say 404.
enum MethodNotAllowed {
    /// The methods the routes answer at `path`; empty when no route has that path.
    static func allowed(at path: String, in routes: [Route]) -> [HTTPMethod] {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var best: [Int] = []
        var methods: [HTTPMethod] = []
        for route in routes {
            guard let rank = rank(route.path, segments) else { continue }
            if rank.lexicographicallyPrecedes(best) { continue }
            if best.lexicographicallyPrecedes(rank) { best = rank; methods = [] }
            if !methods.contains(route.method) { methods.append(route.method) }
        }
        if methods.contains(.GET), !methods.contains(.HEAD) { methods.append(.HEAD) }
        return methods
    }

    /// 2 for a constant, 1 for a parameter, 0 for a catch-all, per segment; nil when the route does not match.
    static func rank(_ components: [PathComponent], _ segments: [String]) -> [Int]? {
        var index = 0
        var rank: [Int] = []
        for component in components {
            switch component {
            case .catchall: return index < segments.count ? rank + [0] : nil
            case .anything, .parameter: guard index < segments.count else { return nil }; rank.append(1)
            case .constant(let text): guard index < segments.count, segments[index] == text else { return nil }; rank.append(2)
            }
            index += 1
        }
        return index == segments.count ? rank : nil
    }

    /// The methods to announce for a 404: none when the request reached the route the path is best
    /// described by (a record that does not exist), else those of that route's path.
    static func instead(of request: Request) -> [HTTPMethod] {
        let allowed = allowed(at: request.url.path, in: request.application.routes.all)
        return allowed.contains(request.method) ? [] : allowed
    }
}
