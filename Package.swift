// swift-tools-version:6.1
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// Tests keep ExistentialAny but not MemberImportVisibility: VaporTesting's helpers live in several modules.
let testSettings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
    name: "kefu",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kefu", targets: ["kefu"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        .target(
            name: "KefuDomain",
            // Yams parses the rulebook text (with line numbers for errors), Crypto hashes it into its version;
            // neither does I/O or brings server code.
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KefuStore",
            dependencies: [
                "KefuDomain",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict
        ),
        .target(
            // The use cases: one type per action (load through the repository, apply the domain's rule, save,
            // emit), compiled where Vapor is not visible so that the pages, the API, the CLI, the background
            // jobs and the tests call the same code (issue 22, ARCHITECTURE §2).
            name: "KefuCore",
            dependencies: [
                "KefuDomain", "KefuStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQL", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "KefuWeb",
            dependencies: [
                "KefuDomain", "KefuStore", "KefuCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // Path "." so that the templates, static files, localizations and the default rulebook can
            // live in the top-level Resources/ folder and still ship as package resources (found
            // wherever `kefu` is started from).
            path: ".",
            exclude: ["Tests", "Benchmarks", "docs", "README.md", ".ci"],
            sources: ["Sources/KefuWeb"],
            resources: [.copy("Resources")],
            swiftSettings: strict
        ),
        .target(
            name: "KefuTestSupport",
            dependencies: [
                "KefuCore", "KefuWeb",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "kefu",
            dependencies: [
                "KefuCore", "KefuWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .testTarget(name: "KefuDomainTests", dependencies: ["KefuDomain"], swiftSettings: strict),
        .testTarget(name: "KefuStoreTests", dependencies: ["KefuStore", "KefuCore", "KefuTestSupport"], swiftSettings: testSettings),
        .testTarget(name: "KefuWebTests", dependencies: ["KefuCore", "KefuWeb", "KefuTestSupport"], swiftSettings: testSettings),
    ],
    swiftLanguageModes: [.v6]
)
