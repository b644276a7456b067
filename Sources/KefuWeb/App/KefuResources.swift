import Foundation

/// Where the templates, static files, localizations and default rulebook are: the package's resource
/// bundle, so `kefu` finds them wherever it is started from (not the current folder).
public enum KefuResources {
    public static let directory: String = {
        // The bundle holds a folder "Resources" (copied whole); Foundation on Linux already reports that
        // folder as the bundle's resource URL, on other platforms it is one level below.
        let candidates = [Bundle.module.resourceURL, Bundle.module.bundleURL.appendingPathComponent("Resources"),
                          Bundle.module.resourceURL?.appendingPathComponent("Resources")].compactMap { $0 }
        let found = candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Views").path) }
        return (found ?? candidates[0]).path + "/"
    }()

    public static var viewsDirectory: String { directory + "Views/" }
    public static var publicDirectory: String { directory + "Public/" }
    public static var localizationDirectory: String { directory + "Localization/" }
    public static var defaultRulebookPath: String { directory + "Rulebook/default.yaml" }

    public static func defaultRulebookText() throws -> String {
        try String(contentsOfFile: defaultRulebookPath, encoding: .utf8)
    }
}
