import CourseEngine
import Foundation
import Storage

/// A file served as-is, kept in memory with its validator.
public struct MemoryFile: Sendable {
    public let bytes: [UInt8]
    public let contentType: String
    /// Strong ETag (quoted), from the content hash.
    public let etag: String

    init(bytes: [UInt8], contentType: String) {
        self.bytes = bytes
        self.contentType = contentType
        self.etag = "\"\(ContentHash.hex(of: bytes).prefix(32))\""
    }
}

/// The content the server publishes at one moment: the catalogue, the files beside lessons, and the diagnostics.
public struct PublishedContent: Sendable {
    /// What learners and guests see: the published courses without drafts.
    public let catalogue: Catalogue
    /// Everything that loaded without errors, drafts included, for trainers and admins.
    public let preview: Catalogue
    public let diagnostics: [Diagnostic]
    public let rejectedCourseIDs: [String]
    /// Course id → path inside the course folder → file.
    let media: [String: [String: MemoryFile]]
    /// How long reading and rendering took.
    public let loadDuration: Duration
    /// The full-text index of this catalogue, so that a reload swaps the catalogue and its index together.
    public let search: SearchIndex

    init(
        catalogue: Catalogue, diagnostics: [Diagnostic], rejectedCourseIDs: [String],
        media: [String: [String: MemoryFile]], loadDuration: Duration, search: SearchIndex = .empty,
        preview: Catalogue? = nil
    ) {
        self.catalogue = catalogue
        self.preview = preview ?? catalogue
        self.diagnostics = diagnostics
        self.rejectedCourseIDs = rejectedCourseIDs
        self.media = media
        self.loadDuration = loadDuration
        self.search = search
    }
}

/// Reads the content folders from disk and hands their contents to the engine.
public struct ContentLoader: Sendable {
    public var coursesPath: String
    public var assessmentsPath: String
    public var builder: CatalogueBuilder

    public init(coursesPath: String, assessmentsPath: String, builder: CatalogueBuilder = CatalogueBuilder()) {
        self.coursesPath = coursesPath
        self.assessmentsPath = assessmentsPath
        self.builder = builder
    }

    /// Files larger than this are not read into memory; the checker reports them.
    static let maximumFileSize = 5 * 1024 * 1024

    /// Reads everything, builds the catalogue and its search index, and keeps the published courses' media in memory.
    public func load() throws -> PublishedContent {
        let clock = ContinuousClock()
        let start = clock.now
        let (source, media, readDiagnostics) = try readSource()
        let result = builder.build(source)
        let published = Set(result.catalogue.courses.map(\.id))
        // Drafts are left out of the index, so nobody finds them by searching; trainers reach them from /trainer.
        let learnerCatalogue = result.catalogue.withoutDrafts()
        let search = try SearchIndex(documents: SearchDocument.documents(in: learnerCatalogue))
        return PublishedContent(
            catalogue: learnerCatalogue,
            diagnostics: (readDiagnostics + result.diagnostics).sortedByLocation(),
            rejectedCourseIDs: result.rejectedCourseIDs,
            media: media.filter { published.contains($0.key) },
            loadDuration: clock.now - start, search: search, preview: result.catalogue)
    }

    /// Reads the course folders (or one course folder, when `coursesPath` holds a course.md) and the quiz ids.
    func readSource() throws -> (CatalogueSource, [String: [String: MemoryFile]], [Diagnostic]) {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: coursesPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw StartupError.missingDirectory(coursesPath)
        }
        let singleCourse = fileManager.fileExists(atPath: join(coursesPath, "course.md"))
        let courseDirectories: [(id: String, path: String)]
        if singleCourse {
            let url = URL(fileURLWithPath: coursesPath).standardizedFileURL
            courseDirectories = [(url.lastPathComponent, coursesPath)]
        } else {
            courseDirectories = try visibleEntries(coursesPath)
                .filter { isDirectoryAt(join(coursesPath, $0)) }
                .map { ($0, join(coursesPath, $0)) }
        }

        var courses: [CourseSource] = []
        var media: [String: [String: MemoryFile]] = [:]
        var diagnostics: [Diagnostic] = []
        for (id, directory) in courseDirectories {
            var courseFile: SourceFile?
            var lessons: [SourceFile] = []
            var assets: [String: AssetInfo] = [:]
            var files: [String: MemoryFile] = [:]
            for relative in try filesBelow(directory) {
                let path = join(directory, relative)
                if let problem = oversized(path) {
                    diagnostics.append(problem)
                    continue
                }
                let bytes = try readBytes(path)
                if relative == "course.md" {
                    courseFile = SourceFile(path: path, name: relative, contents: bytes)
                } else if relative.hasSuffix(".md") && !relative.contains("/") {
                    if relative != "README.md" { lessons.append(SourceFile(path: path, name: relative, contents: bytes)) }
                } else {
                    assets[relative] = AssetInfo(size: ImageSize.sniff(bytes))
                    files[relative] = MemoryFile(bytes: bytes, contentType: MediaType.forFile(relative))
                }
            }
            courses.append(CourseSource(id: id, directory: directory, courseFile: courseFile, lessonFiles: lessons, assets: assets))
            media[id] = files
        }

        var quizzes: [QuizSource] = []
        if isDirectoryAt(assessmentsPath) {
            let names = try visibleEntries(assessmentsPath)
            for name in names where name.hasSuffix(".gift") {
                let id = String(name.dropLast(".gift".count))
                if let problem = oversized(join(assessmentsPath, name)) {
                    diagnostics.append(problem)
                    continue
                }
                let bankPath = join(assessmentsPath, name)
                let settingsPath = join(assessmentsPath, "\(id).yml")
                let bank = SourceFile(path: bankPath, name: name, contents: try readBytes(bankPath))
                let settings = names.contains("\(id).yml")
                    ? SourceFile(path: settingsPath, name: "\(id).yml", contents: try readBytes(settingsPath)) : nil
                quizzes.append(QuizSource(id: id, bank: bank, settings: settings))
            }
            for name in names where name.hasSuffix(".yml") && !names.contains(name.dropLast(".yml".count) + ".gift") {
                diagnostics.append(
                    Diagnostic(file: join(assessmentsPath, name), line: 1, column: 1, severity: .warning,
                               message: "settings for a quiz that has no question bank: expected \(name.dropLast(".yml".count)).gift beside it"))
            }
        }
        return (CatalogueSource(courses: courses, quizzes: quizzes, assessmentsDirectory: assessmentsPath), media, diagnostics)
    }

    /// An error for a file too large to keep in memory, or nil.
    private func oversized(_ path: String) -> Diagnostic? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > Self.maximumFileSize else { return nil }
        return Diagnostic(
            file: path, line: 1, column: 1, severity: .error,
            message: "the file is larger than \(Self.maximumFileSize / 1024 / 1024) MB; make it smaller")
    }

    private func readBytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    private func visibleEntries(_ path: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// Regular files below a folder, as paths relative to it, skipping hidden files and folders.
    private func filesBelow(_ directory: String) throws -> [String] {
        var result: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let absolute = relative.isEmpty ? directory : join(directory, relative)
            for name in try visibleEntries(absolute) {
                let child = relative.isEmpty ? name : "\(relative)/\(name)"
                if isDirectoryAt(join(directory, child)) { pending.append(child) } else { result.append(child) }
            }
        }
        return result.sorted()
    }

    private func isDirectoryAt(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
    }
}

/// Content types by file extension, for the files the server keeps in memory.
enum MediaType {
    static func forFile(_ name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json", "webmanifest": return "application/json"
        case "yaml", "yml": return "application/yaml; charset=utf-8"
        case "pdf": return "application/pdf"
        case "txt": return "text/plain; charset=utf-8"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        default: return "application/octet-stream"
        }
    }
}
