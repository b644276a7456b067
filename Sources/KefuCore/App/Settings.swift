import Foundation

/// Everything Kefu reads from its environment, parsed once at start-up; a malformed value stops start-up
/// with the variable's name (STYLE D.6).
public struct Settings: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        /// The embedded default: one SQLite file in WAL mode.
        case sqliteFile(String)
        case sqliteMemory
        case postgres(URL)
    }

    public var database: DatabaseLocation
    public var dataDirectory: String
    /// An organization's rulebook override file (`--rulebook` / `KEFU_RULEBOOK`).
    public var rulebookFile: String?
    /// bcrypt cost: 12 in production; tests lower it to stay fast.
    public var bcryptCost: Int = 12
    /// Whether `serve` runs the deadline scanner loop in-process.
    public var runsScanner: Bool = false
    /// Secure cookies when served over HTTPS (`KEFU_SECURE_COOKIES=1`).
    public var secureCookies: Bool = false
    /// Bearer token that Prometheus presents on `/metrics` (`KEFU_METRICS_TOKEN`); nil → `/metrics` refuses
    /// everyone unless `metricsPublic`. Loopback alone is no proof: behind a reverse proxy on the same host
    /// every caller is loopback (issue 20).
    public var metricsToken: String?
    /// `KEFU_METRICS_PUBLIC=1`: `/metrics` answers anyone without a token (a deliberate choice).
    public var metricsPublic: Bool = false
    /// Largest request body accepted (API.md 413); attachments have their own limit.
    public var maxBodySize: String = "2mb"
    /// Who may frame the customer chat pages (`KEFU_CHAT_FRAME_ANCESTORS`, a CSP source list): the chat
    /// widget opens them in a frame on the organization's websites. Default `*`: any site.
    public var chatFrameAncestors: String = "*"
    /// Slow-client limits of `kefu serve` (issue 20; `KEFU_HEADER_TIMEOUT_SECONDS`, `KEFU_BODY_TIMEOUT_SECONDS`,
    /// `KEFU_MAX_CONNECTIONS_PER_ADDRESS`).
    public var connectionLimits = ConnectionLimits()
    /// The address staff open Kefu at (`KEFU_PUBLIC_URL`), for links in webhook messages; none when unset.
    public var publicURL: String?
    /// Tests only (`KEFU_TEST_CLOCK_START`): the instant the application's clock starts at; nil → the real clock.
    public var clockStart: Date?
    /// How long a request waits for a database connection before failing (Fluent's default: 10 s).
    public var databasePoolTimeoutSeconds: Int = 10

    public init(database: DatabaseLocation, dataDirectory: String, rulebookFile: String? = nil) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.rulebookFile = rulebookFile
    }

    public struct Invalid: Error, CustomStringConvertible {
        public let variable: String
        public let expected: String

        package init(variable: String, expected: String) {
            self.variable = variable
            self.expected = expected
        }
        public var description: String { "\(variable): expected \(expected)" }
    }

    /// Reads `KEFU_DATA_DIR` (default `./kefu-data`), `KEFU_DATABASE_URL` (absent → embedded SQLite in the
    /// data folder, the product's default), `KEFU_RULEBOOK`, `KEFU_SECURE_COOKIES`.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        let dataDirectory = env["KEFU_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "kefu-data"
        let database: DatabaseLocation
        if let text = env["KEFU_DATABASE_URL"], !text.isEmpty {
            database = try parseDatabaseURL(text, variable: "KEFU_DATABASE_URL")
        } else {
            database = .sqliteFile((dataDirectory as NSString).appendingPathComponent("kefu.sqlite"))
        }
        var settings = Settings(database: database, dataDirectory: dataDirectory,
                                rulebookFile: env["KEFU_RULEBOOK"].flatMap { $0.isEmpty ? nil : $0 })
        settings.metricsToken = env["KEFU_METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        settings.metricsPublic = env["KEFU_METRICS_PUBLIC"] == "1"
        settings.connectionLimits = try ConnectionLimits.fromEnvironment(env)
        if let ancestors = env["KEFU_CHAT_FRAME_ANCESTORS"]?.trimmingCharacters(in: .whitespaces), !ancestors.isEmpty {
            guard !ancestors.contains(where: { $0 == ";" || $0 == "," || $0.isNewline }) else {
                throw Invalid(variable: "KEFU_CHAT_FRAME_ANCESTORS", expected: "a CSP source list such as https://www.example.com or 'none'")
            }
            settings.chatFrameAncestors = ancestors
        }
        settings.publicURL = env["KEFU_PUBLIC_URL"].flatMap { $0.isEmpty ? nil : ($0.hasSuffix("/") ? String($0.dropLast()) : $0) }
        // Issue 20: served at an https address → cookies are `Secure` without a second setting to forget.
        settings.secureCookies = env["KEFU_SECURE_COOKIES"] == "1" || (settings.publicURL?.lowercased().hasPrefix("https://") ?? false)
        return settings
    }

    package static func parseDatabaseURL(_ text: String, variable: String) throws -> DatabaseLocation {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            return path == ":memory:" ? .sqliteMemory : .sqliteFile(path)
        }
        guard let url = URL(string: text), ["postgres", "postgresql"].contains(url.scheme ?? ""), url.host != nil else {
            throw Invalid(variable: variable, expected: "postgres://user:password@host:port/database or sqlite://PATH")
        }
        return .postgres(url)
    }

    /// Settings for tests: SQLite in memory, or the PostgreSQL named by `KEFU_TEST_DATABASE_URL`.
    public static func testing(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Settings {
        var settings = Settings(database: .sqliteMemory, dataDirectory: NSTemporaryDirectory())
        if let text = env["KEFU_TEST_DATABASE_URL"], !text.isEmpty {
            settings.database = try parseDatabaseURL(text, variable: "KEFU_TEST_DATABASE_URL")
        }
        settings.bcryptCost = 4
        // Tests run hundreds of applications in parallel on a 2-core machine that may be building at the same
        // time; a burst of concurrent requests then waited more than 10 s for the one SQLite connection. The
        // tests check order and outcome, never latency, so they wait as long as the machine needs.
        settings.databasePoolTimeoutSeconds = 300
        if let text = env["KEFU_TEST_CLOCK_START"], !text.isEmpty {
            guard let start = AppClock.parseStart(text) else {
                throw Invalid(variable: "KEFU_TEST_CLOCK_START", expected: "an instant like 2025-12-31T23:58:00+08:00")
            }
            settings.clockStart = start
        }
        return settings
    }
}
