import CourseEngine
import Hummingbird
import Logging

/// What the routes need, built once at start-up and shared by production and tests.
public struct AppDependencies: Sendable {
    public let content: ContentStore
    public let assets: StaticAssets
    public let messages: MessageCatalogue
    public let pages: PageRenderer

    /// Reads the message catalogue, static files, templates and content named by `config`.
    public static func load(_ config: AppConfig, logger: Logger) async throws -> AppDependencies {
        let messages = try MessageCatalogue.load(directory: "\(config.staticPath)/i18n")
        let assets = try StaticAssets.load(directory: config.staticPath)
        let pages = try await PageRenderer.load(
            templatesDirectory: "\(config.staticPath)/templates", messages: messages, assets: assets)
        let loader = ContentLoader(
            coursesPath: config.coursesPath, assessmentsPath: config.assessmentsPath,
            builder: CatalogueBuilder(urls: SitePath.contentURLs, calloutTitles: messages.calloutTitles()))
        let content = try loader.load()
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
        return AppDependencies(content: ContentStore(content), assets: assets, messages: messages, pages: pages)
    }
}

/// The request context of every route.
public typealias AppRequestContext = BasicRequestContext

/// Every route and middleware of the site, in one place.
public func buildRouter(_ dependencies: AppDependencies) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self, options: [.autoGenerateHeadEndpoints])
    router.add(middleware: SiteHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(responder: ErrorResponder(messages: dependencies.messages, pages: dependencies.pages)))
    PageController(content: dependencies.content, pages: dependencies.pages, messages: dependencies.messages)
        .addRoutes(to: router)
    CourseAPIController(content: dependencies.content).addRoutes(to: router)
    AssetController(content: dependencies.content, assets: dependencies.assets).addRoutes(to: router)
    return router
}

/// The application `binhdan serve` runs and end-to-end tests start.
public func buildApplication(
    _ config: AppConfig, logger: Logger? = nil, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "binhdan")
    logger.logLevel = config.logLevel
    let dependencies = try await AppDependencies.load(config, logger: logger)
    return Application(
        router: buildRouter(dependencies),
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "binhdan"),
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
