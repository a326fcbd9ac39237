import CourseEngine
import Foundation
import Logging
import Mustache
import Synchronization

/// What the last reload did, read on every page (the trainers' banner, the watch marker) and by the version endpoint.
public final class ReloadStatus: Sendable {
    struct State: Sendable {
        /// Goes up by one after every reload, published or refused, so that a watching page knows to refresh.
        var generation = 0
        /// The diagnostics of the last reload when it was refused; empty when it was published.
        var refusal: [Diagnostic] = []
    }

    private let state = Mutex(State())
    /// True under `binhdan serve --watch`: pages carry a marker that makes them refresh themselves.
    public let watching: Bool

    public init(watching: Bool) {
        self.watching = watching
    }

    public var generation: Int { state.withLock { $0.generation } }

    /// The diagnostics that kept the last reload from being published, or an empty list.
    public var refusal: [Diagnostic] { state.withLock { $0.refusal } }

    func record(refusal: [Diagnostic]) {
        state.withLock {
            $0.generation += 1
            $0.refusal = refusal
        }
    }
}

/// The answer to one reload: published, or refused with the errors that stopped it.
public struct ReloadOutcome: Sendable {
    public let published: Bool
    public let courses: Int
    public let lessons: Int
    public let quizzes: Int
    /// Every diagnostic of the content that was read (for a refusal, the errors that stopped it come first).
    public let diagnostics: [Diagnostic]
}

/// Re-reads `Courses/`, `Assessments/`, the static files and the templates, and publishes them only when they hold
/// no new error. One reload runs at a time; requests keep the snapshot they started with.
public actor ContentReloader {
    let loader: ContentLoader
    let store: ContentStore
    let assets: StaticAssets
    let pages: PageRenderer
    let staticPath: String
    public nonisolated let status: ReloadStatus
    let logger: Logger
    /// Told of each content published, after the swap (the database keeps the published content hashes).
    let onPublish: @Sendable (PublishedContent) throws -> Void

    init(
        loader: ContentLoader, store: ContentStore, assets: StaticAssets, pages: PageRenderer, staticPath: String,
        status: ReloadStatus, logger: Logger,
        onPublish: @escaping @Sendable (PublishedContent) throws -> Void = { _ in }
    ) {
        self.onPublish = onPublish
        self.loader = loader
        self.store = store
        self.assets = assets
        self.pages = pages
        self.staticPath = staticPath
        self.status = status
        self.logger = logger
    }

    /// Errors of `fresh` that the live content did not already have. A course refused since start-up (or since the
    /// last reload) stays refused without blocking others; any error it did not have before blocks the reload.
    static func newErrors(in fresh: [Diagnostic], comparedWith live: [Diagnostic]) -> [Diagnostic] {
        let known = Set(live.filter { $0.severity == .error }.map { "\($0.file)\u{0}\($0.message)" })
        return fresh.filter { $0.severity == .error && !known.contains("\($0.file)\u{0}\($0.message)") }
    }

    /// Reads everything again; publishes it whole, or keeps the live content and reports why.
    @discardableResult
    public func reload(logDiagnostics: Bool = true) async -> ReloadOutcome {
        let live = store.current
        var diagnostics: [Diagnostic] = []
        var content: PublishedContent?
        var freshAssets: StaticAssets?
        var freshLibrary: MustacheLibrary?
        do {
            content = try loader.load()
            diagnostics = content?.diagnostics ?? []
        } catch {
            diagnostics.append(Self.diagnostic(for: error, fallbackFile: loader.coursesPath))
        }
        do {
            let loadedAssets = try StaticAssets.load(directory: staticPath)
            freshLibrary = try await PageRenderer.load(
                templatesDirectory: "\(staticPath)/templates", messages: pages.messages, assets: loadedAssets
            ).library
            freshAssets = loadedAssets
        } catch {
            diagnostics.append(Self.diagnostic(for: error, fallbackFile: "\(staticPath)/templates"))
        }

        let blocking = Self.newErrors(in: diagnostics, comparedWith: live.diagnostics)
        guard let content, let freshAssets, let freshLibrary, blocking.isEmpty else {
            let refusal = blocking + diagnostics.filter { !blocking.contains($0) }
            status.record(refusal: refusal)
            logger.error(
                "content not reloaded: the live content stays published",
                metadata: ["errors": "\(blocking.count)"])
            if logDiagnostics { for diagnostic in refusal { log(diagnostic) } }
            let catalogue = live.catalogue
            return ReloadOutcome(
                published: false, courses: catalogue.courses.count, lessons: catalogue.lessonCount,
                quizzes: catalogue.quizzes.count, diagnostics: refusal)
        }
        // Between two requests: each request reads the store once, so it sees the old content or the new, whole.
        store.replace(with: content)
        assets.replaceFiles(with: freshAssets)
        pages.replaceLibrary(with: freshLibrary)
        status.record(refusal: [])
        do {
            try onPublish(content)
        } catch {
            logger.error("the published content hashes were not recorded", metadata: ["error": "\(error)"])
        }
        if logDiagnostics { for diagnostic in diagnostics { log(diagnostic) } }
        logger.info(
            "content reloaded",
            metadata: [
                "courses": "\(content.catalogue.courses.count)", "lessons": "\(content.catalogue.lessonCount)",
                "rejected": "\(content.rejectedCourseIDs.joined(separator: ","))",
                "duration": "\(content.loadDuration)",
            ])
        return ReloadOutcome(
            published: true, courses: content.catalogue.courses.count, lessons: content.catalogue.lessonCount,
            quizzes: content.catalogue.quizzes.count, diagnostics: diagnostics)
    }

    private func log(_ diagnostic: Diagnostic) {
        logger.log(level: diagnostic.severity == .error ? .error : .warning, "\(diagnostic.formatted)")
    }

    /// A read or template failure as a diagnostic, with the file and line when the error knows them.
    static func diagnostic(for error: any Error, fallbackFile: String) -> Diagnostic {
        if let error = error as? MustacheLibrary.ParserError {
            return Diagnostic(
                file: error.filename, line: error.context.lineNumber, column: error.context.columnNumber,
                severity: .error,
                message: "template cannot be read: \(error.error)")
        }
        if let error = error as? StartupError {
            switch error {
            case .invalidFile(let file, let message):
                return Diagnostic(file: file, line: 1, column: 1, severity: .error, message: message)
            case .missingDirectory(let directory):
                return Diagnostic(
                    file: directory, line: 1, column: 1, severity: .error, message: "the folder is missing")
            default:
                break
            }
        }
        return Diagnostic(file: fallbackFile, line: 1, column: 1, severity: .error, message: "\(error)")
    }
}
