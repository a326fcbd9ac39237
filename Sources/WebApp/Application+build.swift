import CourseEngine
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Storage

/// What the routes need, built once at start-up and shared by production and tests.
public struct AppDependencies: Sendable {
    public let content: ContentStore
    public let assets: StaticAssets
    public let messages: MessageCatalogue
    public let pages: PageRenderer
    public let database: AppDatabase
    public let accounts: AccountService
    let config: AppConfig
    /// Re-reads the content, static files and templates for SIGHUP, `--watch` and `POST /api/v1/admin/reload`.
    public let reloader: ContentReloader

    /// Opens the database named by `config`: a file, or memory for `:memory:`.
    public static func openDatabase(_ config: AppConfig) throws -> AppDatabase {
        config.databasePath == ":memory:" ? try AppDatabase.inMemory() : try AppDatabase.open(path: config.databasePath)
    }

    /// Reads the message catalogue, static files, templates and content named by `config`, and opens the database.
    public static func load(_ config: AppConfig, logger: Logger, database: AppDatabase? = nil) async throws -> AppDependencies {
        let messages = try MessageCatalogue.load(directory: "\(config.staticPath)/i18n")
        let assets = try StaticAssets.load(directory: config.staticPath)
        var pages = try await PageRenderer.load(
            templatesDirectory: "\(config.staticPath)/templates", messages: messages, assets: assets)
        let loader = ContentLoader(
            coursesPath: config.coursesPath, assessmentsPath: config.assessmentsPath,
            builder: CatalogueBuilder(urls: SitePath.contentURLs, calloutTitles: messages.calloutTitles()))
        let content = try loader.load()
        pages.reloadStatus = ReloadStatus(watching: config.watch)
        let store = ContentStore(content)
        for diagnostic in content.diagnostics {
            let level: Logger.Level = diagnostic.severity == .error ? .error : .warning
            logger.log(level: level, "\(diagnostic.formatted)")
        }
        for course in content.rejectedCourseIDs {
            logger.error("course not published because it has errors", metadata: ["course": "\(course)"])
        }
        logger.info(
            "content loaded",
            metadata: [
                "courses": "\(content.catalogue.courses.count)", "lessons": "\(content.catalogue.lessonCount)",
                "duration": "\(content.loadDuration)",
            ])
        let database = try database ?? openDatabase(config)
        try recordPublished(content: content, database: database)
        let accounts = AccountService(
            database: database, throttle: SignInThrottle(policy: config.signInThrottle), bcryptCost: config.bcryptCost,
            sessionLifetime: config.sessionLifetime)
        return AppDependencies(
            content: store, assets: assets, messages: messages, pages: pages, database: database,
            accounts: accounts, config: config,
            reloader: ContentReloader(
                loader: loader, store: store, assets: assets, pages: pages, staticPath: config.staticPath,
                status: pages.reloadStatus, logger: logger,
                onPublish: { try recordPublished(content: $0, database: database) }))
    }

    /// On first start with an empty database, creates the `admin` account and returns its one-time password.
    public func createFirstAdminIfNeeded() async throws -> String? {
        guard try database.learnerCount() == 0 else { return nil }
        let password = OneTimePassword.generate()
        let hash = try await accounts.hashPassword(password)
        return try database.createFirstAdmin(username: "admin", displayName: "Quản trị viên", passwordHash: hash, now: Date())
            ? password : nil
    }
}

/// Every route and middleware of the site, in one place.
public func buildRouter(_ dependencies: AppDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    let cookies = SessionCookies(secure: dependencies.config.secureCookies)
    let recorder = ProgressRecorder(content: dependencies.content, database: dependencies.database)
    router.add(middleware: SiteHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(responder: ErrorResponder(messages: dependencies.messages, pages: dependencies.pages)))
    router.add(middleware: SessionMiddleware(accounts: dependencies.accounts))
    router.add(middleware: CSRFMiddleware(secureCookies: dependencies.config.secureCookies))
    router.add(middleware: DisplayMiddleware())
    DisplayController(database: dependencies.database, secureCookies: dependencies.config.secureCookies).addRoutes(to: router)
    PageController(
        content: dependencies.content, pages: dependencies.pages, messages: dependencies.messages, recorder: recorder,
        helpDesk: dependencies.config.helpDesk)
        .addRoutes(to: router)
    TrainerPageController(
        content: dependencies.content, pages: dependencies.pages, messages: dependencies.messages,
        coursesPath: dependencies.config.coursesPath
    ).addRoutes(to: router)
    AccountPageController(
        accounts: dependencies.accounts, cookies: cookies, pages: dependencies.pages, messages: dependencies.messages,
        content: dependencies.content
    ).addRoutes(to: router)
    CourseAPIController<AppRequestContext>(content: dependencies.content).addRoutes(to: router)
    SearchController(content: dependencies.content, pages: dependencies.pages, messages: dependencies.messages)
        .addRoutes(to: router)
    SessionAPIController(accounts: dependencies.accounts, cookies: cookies).addRoutes(to: router)
    ProgressAPIController(recorder: recorder, content: dependencies.content, database: dependencies.database)
        .addRoutes(to: router)
    let quizzes = QuizService(content: dependencies.content, database: dependencies.database)
    QuizAPIController(quizzes: quizzes, content: dependencies.content).addRoutes(to: router)
    QuizPageController(quizzes: quizzes, pages: dependencies.pages, messages: dependencies.messages).addRoutes(to: router)
    let officials = OfficialsService(content: dependencies.content, database: dependencies.database)
    let officialsAPI = OfficialsAPIController(
        officials: officials, verifyThrottle: SignInThrottle(policy: dependencies.config.verificationThrottle),
        messages: dependencies.messages)
    officialsAPI.addRoutes(to: router)
    OfficialsPageController(
        officials: officials, api: officialsAPI, pages: dependencies.pages, messages: dependencies.messages,
        publicURL: dependencies.config.resolvedPublicURL
    ).addRoutes(to: router)
    let volunteers = VolunteerService(accounts: dependencies.accounts, content: dependencies.content)
    let volunteersAPI = VolunteerAPIController(volunteers: volunteers)
    volunteersAPI.addRoutes(to: router)
    VolunteerPageController(
        volunteers: volunteers, api: volunteersAPI, cookies: cookies, pages: dependencies.pages, messages: dependencies.messages,
        publicURL: dependencies.config.resolvedPublicURL
    ).addRoutes(to: router)
    FunnelController(
        content: dependencies.content, database: dependencies.database, pages: dependencies.pages,
        messages: dependencies.messages
    ).addRoutes(to: router)
    AssetController<AppRequestContext>(content: dependencies.content, assets: dependencies.assets).addRoutes(to: router)
    AdminAPIController(reloader: dependencies.reloader, messages: dependencies.messages).addRoutes(to: router)
    return router
}

/// The application `binhdan serve` runs and end-to-end tests start.
public func buildApplication(
    _ config: AppConfig, logger: Logger? = nil, database: AppDatabase? = nil,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "binhdan")
    logger.logLevel = config.logLevel
    let dependencies = try await AppDependencies.load(config, logger: logger, database: database)
    if let password = try await dependencies.createFirstAdminIfNeeded() {
        // Shown once on the console, never through the logger, so it does not end up in log files.
        print("""

            An administrator account was created because the database was empty.
              username: admin
              password: \(password)
            This password is shown only now. Sign in and keep it safe.

            """)
        fflush(nil)
    }
    // SIGHUP reloads the content (HangupReloader) instead of ending the process, from before the server listens.
    signal(SIGHUP, SIG_IGN)
    var services: [any Service] = [HangupReloader(reloader: dependencies.reloader)]
    if config.watch {
        services.append(
            ContentWatcher(folders: [config.coursesPath, config.assessmentsPath, config.staticPath], reloader: dependencies.reloader))
    }
    return Application(
        router: buildRouter(dependencies),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "binhdan"),
        services: services,
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? config.port) },
        logger: logger)
}

extension MessageCatalogue {
    /// Callout titles per content language, from the message catalogue.
    func calloutTitles() -> [String: CalloutTitles] {
        var result: [String: CalloutTitles] = [:]
        for language in Language.allCases {
            var titles: [CalloutKind: String] = [:]
            for kind in CalloutKind.allCases { titles[kind] = text("callout_\(kind.rawValue)", language) }
            result[language.rawValue] = CalloutTitles(titles: titles)
        }
        return result
    }
}
