import FluentKit
import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import KefuCore
import KefuDomain
import KefuStore
import Leaf
import LeafKit
import Vapor

/// The composition root: database, migrations, rulebook, templates, middleware, services, routes.
public func configure(_ app: Application, settings: Settings) async throws {
    // The database drivers run SQLite's statements on this pool. With one thread per core (Vapor's default,
    // two here), two statements waiting for SQLite's write lock (busy_timeout) left none for the lock's
    // holder to finish with: set before the databases, which take the pool when they are first used.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 2))
    try configureDatabase(app, settings.database, poolTimeout: .seconds(Int64(settings.databasePoolTimeoutSeconds)))
    for migration in Migrations.all { app.migrations.add(migration) }

    let rulebook = try RulebookFiles.load(overrideFile: settings.rulebookFile)
    app.services = AppServices(rulebook: rulebook,
                               localization: try Localization.load(directory: KefuResources.localizationDirectory),
                               metrics: KefuMetrics(), settings: settings)
    if let start = settings.clockStart { app.services.now = AppClock.starting(at: start) }
    app.services.isWriteContention = { SQLiteWriteGate.isBusy($0) }
    if case .postgres = settings.database {} else { app.services.writeGate = AsyncGate() }
    // On an SQLite file, case openings are written through their own connection (`sqliteWriter`): a batch's
    // transaction then never holds the one connection of an event loop that other requests read through.
    // One connection of it, always the same: SQLite drops a connection's page cache when another one wrote
    // since its last transaction, so batches alternating between two connections would start cold.
    let writerLoop = app.eventLoopGroup.next()
    let writer: (@Sendable () -> any Database)? = if case .sqliteFile = settings.database {
        { [unowned app] in app.databases.database(.sqliteWriter, logger: app.logger, on: writerLoop)! }
    } else { nil }
    app.services.openCaseQueue = OpenCaseQueue(gate: app.services.writeGate, database: writer)
    // Issue 22: records created without an id get a time-ordered one from the app's clock, read at each
    // create (tests replace the clock after configure). Weak: the databases belong to the app.
    for id in app.databases.ids() {
        app.databases.middleware.use(TimeOrderedIDMiddleware(now: { [weak app] in app?.services.now() ?? AppClock.system() }), on: id)
    }
    CaseDeadlineEscalation.register(in: &app.services)
    ServiceOutcomes.register(in: &app.services)
    ComplaintOutcomes.register(in: &app.services)
    ReturnVisitEscalation.register(in: &app.services)
    _ = app.surveyLimiter
    KBOutcomes.register(in: &app.services)
    VisitorOutcomes.register(in: &app.services)
    Promotions.register(in: &app.services)
    RoomBookingFlow.register(in: &app.services)
    LeaveOutcomes.register(in: &app.services)
    SupplyOutcomes.register(in: &app.services)
    SafetyRequests.register(in: &app.services)
    // What each module's approvals look like to the approver (the inbox row, the approval page).
    LeaveApprovalContexts.register(in: &app.approvalContexts)
    ComplaintApprovalContexts.register(in: &app.approvalContexts)
    RoomBookingApprovalContexts.register(in: &app.approvalContexts)
    ServiceApprovalContexts.register(in: &app.approvalContexts)
    SupplyApprovalContexts.register(in: &app.approvalContexts)
    VisitorApprovalContexts.register(in: &app.approvalContexts)
    PromotionApprovalContexts.register(in: &app.approvalContexts)
    SafetyApprovalContexts.register(in: &app.approvalContexts)
    KBApprovalContexts.register(in: &app.approvalContexts)

    app.views.use(.leaf)
    app.leaf.sources = .singleSource(NIOLeafFiles(fileio: app.fileio, limits: [.toSandbox, .requireExtensions],
                                                  sandboxDirectory: KefuResources.viewsDirectory,
                                                  viewDirectory: KefuResources.viewsDirectory))
    app.leaf.tags["t"] = TranslateTag()
    app.leaf.cache.isEnabled = app.environment.isRelease

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = .sortedKeys  // stable bodies: the same answer is byte-for-byte the same
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    StrictInput.install()  // issue 20: strict JSON, dates and no control characters in any input
    app.routes.defaultMaxBodySize = ByteCount(stringLiteral: settings.maxBodySize)

    // Outermost first. Issue 22: run as one middleware (one Task per request, not one per middleware), static
    // files answered from memory (PublicFiles), before the chain when they need nothing of it.
    var chain: [any AsyncMiddleware] = [SecurityHeadersMiddleware(), RequestMetricsMiddleware(), KefuErrorMiddleware(),
                                        StrictQueryMiddleware()]  // issue 20: no control character in any query parameter
    if case .postgres = settings.database {} else {
        chain.append(SQLiteWriteGate(gate: app.services.writeGate!, attachmentLimit: CaseAttachmentsAPI.bodyLimit(app.services)))
    }
    let publicFiles = PublicFiles(directory: KefuResources.publicDirectory)
    chain += [PathGuardMiddleware(), PublicFilesMiddleware(files: publicFiles), ConfirmationMiddleware(), StaffAuthenticator(),
              CSRF.Middleware(secureCookies: settings.secureCookies)]
    app.middleware = Middlewares()
    app.middleware.use(MiddlewareStack(middleware: chain, publicFiles: publicFiles))

    // Issue 20: header and body read times and connections per address are bounded (SlowClientGuard).
    let limits = settings.connectionLimits
    app.servers.use { app in GuardedServer(inner: app.http.server.shared, limits: limits, logger: app.logger) }

    // Outbound webhooks go exactly where an administrator pointed them: no redirects followed.
    app.http.client.configuration.redirectConfiguration = .disallow
    // Made here, while one thread configures: Vapor creates it lazily into the application's storage, and the
    // scanner's first webhook pass racing the server's start lost that write once (the client was released
    // unshut and the process trapped).
    if settings.runsScanner { _ = app.http.client.shared }
    if settings.runsScanner { app.lifecycle.use(ScannerLoop()) }
    if settings.runsScanner { app.lifecycle.use(RulebookReloadLoop()) }
    if settings.runsScanner { app.lifecycle.use(ChatRouterLoop()) }  // issue 9: queued chats to on-duty agents
    // Issue 9: live chat messages cross nodes through PostgreSQL LISTEN/NOTIFY.
    if settings.runsScanner, case .postgres(let url) = settings.database {
        app.lifecycle.use(ChatNotifyListener(configuration: try SQLPostgresConfiguration(url: url).coreConfiguration))
    }
    try routes(app)
}

private func configureDatabase(_ app: Application, _ location: Settings.DatabaseLocation, poolTimeout: TimeAmount) throws {
    switch location {
    case .sqliteMemory:
        // SQLiteKit fakes an in-memory database with a file in the temporary folder and never deletes it
        // (about 2 MB per test app: a full test run left 2 GB behind). Name it, and delete it at shutdown.
        let identifier = UUID().uuidString
        app.databases.use(.sqlite(SQLiteConfiguration(storage: .memory(identifier: identifier)), connectionPoolTimeout: poolTimeout), as: .sqlite)
        app.lifecycle.use(TemporaryDatabaseFiles(identifier: identifier))
    case .sqliteFile(let path):
        let folder = (path as NSString).deletingLastPathComponent
        // Issue 20: a new data folder and database file are the owner's only (0700 / 0600, and SQLite gives
        // the -wal and -shm files the database file's mode).
        if !folder.isEmpty { try OwnerOnlyFiles.createFolder(folder) }
        try OwnerOnlyFiles.createFile(path)
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout), as: .sqlite, isDefault: true)
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: poolTimeout), as: .sqliteWriter, isDefault: false)
    case .postgres(let url):
        var configuration = try SQLPostgresConfiguration(url: url)
        // Issue 10: parallel query pays off for reports on many cores, not for a page that stops at 51 rows.
        // On a 2-core machine shared with Kefu, starting workers made a 2-character search 5–25× slower
        // (信号 as an agent at 1,000,000 cases: 154 ms with workers, 30 ms without). Set per connection.
        configuration.coreConfiguration.options.additionalStartupParameters.append(("max_parallel_workers_per_gather", "0"))
        app.databases.use(.postgres(configuration: configuration, connectionPoolTimeout: poolTimeout), as: .psql)
        Cursor.bindsMicroseconds = true
    }
}

extension DatabaseID {
    /// The connections that write batches of case openings on an SQLite file (the same file as `.sqlite`).
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}
