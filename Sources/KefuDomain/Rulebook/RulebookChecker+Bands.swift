import Foundation

extension RulebookChecker {
    /// Approval bands: each item well-formed, the table starting at `at_least: 0`, contiguous (no gap,
    /// no overlap) and ending with a band that has no upper edge.
    func checkBands(_ node: RulebookNode, unit: String, _ context: Context) throws -> Checked {
        guard case .list(let items) = node.content, !items.isEmpty else { throw failure(context, "found \(node.found)") }
        var bands: [ApprovalBand] = []
        for (index, item) in items.enumerated() {
            let band = try parseBand(item, context.item(index, at: item.origin))
            let here = context.item(index, at: item.origin)
            if let previous = bands.last {
                guard let edge = previous.upper else {
                    throw failure(context.item(index - 1, at: items[index - 1].origin),
                                  "band \(index) (\(previous)) has no upper edge but is not the last band")
                }
                let meets = band.lower == edge && band.lowerInclusive != previous.upperInclusive
                if !meets {
                    let overlaps = band.lower < edge || (band.lower == edge && band.lowerInclusive && previous.upperInclusive)
                    throw failure(here, overlaps
                        ? "band \(index + 1) (\(band)) overlaps band \(index) (\(previous))"
                        : "there is a gap between band \(index) (\(previous)) and band \(index + 1) (\(band))")
                }
            } else if band.lower != 0 || !band.lowerInclusive {
                throw failure(here, "the first band (\(band)) does not start at `at_least: 0`")
            }
            bands.append(band)
        }
        if let last = bands.last, last.upper != nil {
            throw failure(context.item(items.count - 1, at: items[items.count - 1].origin),
                          "the last band (\(last)) has an upper edge; leave it open-ended")
        }
        let canonical = bands.map { band in
            let upper = band.upper.map { ",\"\(band.upperInclusive ? "at_most" : "below")\":\($0)" } ?? ""
            return "{\"\(band.lowerInclusive ? "at_least" : "above")\":\(band.lower)\(upper),\"role\":\(quoted(band.role.rawValue))}"
        }
        return Checked(canonical: "[" + canonical.joined(separator: ",") + "]",
                       display: bands.map(\.description).joined(separator: "; "), value: .bands(bands, unit: unit))
    }

    /// One band map; used by the checker and (on checked input) by the typed builder.
    func parseBand(_ node: RulebookNode, _ context: Context) throws -> ApprovalBand {
        let keys = ["at_least", "above", "below", "at_most", "role"]
        guard let entries = node.entries else { throw failure(context, "found \(node.found)") }
        var numbers: [String: Decimal] = [:]
        var role: Role?
        for entry in entries {
            let inner = context.appending(entry.key, at: entry.keyOrigin)
            guard keys.contains(entry.key) else {
                let hint = RulebookSchema.suggestion(for: entry.key, among: keys).map { " (did you mean \"\($0)\"?)" } ?? ""
                let unknown = Context(path: inner.path, origin: entry.keyOrigin, documented: nil)
                throw failure(unknown, "found unknown key \"\(entry.key)\"\(hint)", expected: context.documented?.expected)
            }
            guard case .scalar(let text, let plain) = entry.value.content else { throw failure(inner, "found \(entry.value.found)") }
            if entry.key == "role" {
                guard let found = Role(rawValue: text) else { throw failure(inner, "found role \(entry.value.found)") }
                role = found
            } else {
                guard plain, let value = RulebookChecker.decimal(text), value >= 0 else {
                    throw failure(inner, "found \(entry.value.found)")
                }
                numbers[entry.key] = value
            }
        }
        guard let role else { throw failure(context, "the band has no role") }
        let lowers = numbers.filter { $0.key == "at_least" || $0.key == "above" }
        let uppers = numbers.filter { $0.key == "below" || $0.key == "at_most" }
        guard lowers.count == 1, let lower = lowers.first else {
            throw failure(context, "the band needs exactly one of at_least / above")
        }
        guard uppers.count <= 1 else { throw failure(context, "the band has both below and at_most") }
        let band = ApprovalBand(lower: lower.value, lowerInclusive: lower.key == "at_least",
                                upper: uppers.first?.value, upperInclusive: uppers.first?.key == "at_most", role: role)
        if let upper = band.upper, upper < band.lower || (upper == band.lower && !(band.lowerInclusive && band.upperInclusive)) {
            throw failure(context, "the band (\(band)) is empty: its upper edge is not above its lower edge")
        }
        return band
    }
}
