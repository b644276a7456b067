import Foundation
import KefuCore

/// A grouped bar chart drawn as plain SVG shapes (no script, no CDN): the geometry is computed here and
/// the template only places rectangles and text. Values are whole counts; the scale rounds up to a
/// readable maximum so grid lines fall on round numbers.
struct BarChart: Encodable {
    struct Bar: Encodable { let x: Int, y: Int, width: Int, height: Int, css: String, title: String }
    struct Tick: Encodable { let x: Int, y: Int, label: String }
    struct Legend: Encodable { let x: Int, css: String, label: String }

    let width: Int, height: Int, plotTop: Int, plotBottom: Int
    let bars: [Bar]
    let xLabels: [Tick]
    let yTicks: [Tick]
    let legend: [Legend]

    /// `series` are the names (label, css class) of the values in each group, in order.
    init(groups: [(label: String, values: [Int])], series: [(label: String, css: String)], width: Int = 1200, height: Int = 220) {
        let left = 44, right = 8, top = 24, bottom = height - 28
        let maximum = Self.niceMaximum(groups.flatMap(\.values).max() ?? 0)
        let slot = groups.isEmpty ? 0 : Double(width - left - right) / Double(groups.count)
        let barWidth = max(1, Int(slot * 0.8) / max(series.count, 1))
        var bars: [Bar] = [], labels: [Tick] = []
        // Label at most ~12 groups so the text never overlaps.
        let every = max(1, Int((Double(groups.count) / 12).rounded(.up)))
        for (index, group) in groups.enumerated() {
            let start = left + Int(Double(index) * slot + slot * 0.1)
            for (position, value) in group.values.enumerated() where position < series.count {
                let h = maximum == 0 ? 0 : value * (bottom - top) / maximum
                bars.append(Bar(x: start + position * barWidth, y: bottom - h, width: max(1, barWidth - 1), height: h,
                                css: series[position].css, title: "\(group.label) · \(series[position].label): \(value)"))
            }
            if index % every == 0 { labels.append(Tick(x: start, y: height - 10, label: group.label)) }
        }
        self.width = width; self.height = height; plotTop = top; plotBottom = bottom
        self.bars = bars; xLabels = labels
        yTicks = (0...4).map { step in Tick(x: left - 6, y: bottom - step * (bottom - top) / 4, label: "\(maximum * step / 4)") }
        legend = series.enumerated().map { Legend(x: left + $0.offset * 140, css: $0.element.css, label: $0.element.label) }
    }

    /// Four grid steps of a round size (1, 2, 3 or 5 × 10ⁿ): the smallest four steps that reach `value`.
    static func niceMaximum(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for step in [1, 2, 3, 5] where 4 * step * magnitude >= value { return 4 * step * magnitude }
            magnitude *= 10
        }
    }
}
