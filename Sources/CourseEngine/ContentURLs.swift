import Foundation

/// How rendered content links to the site's pages and files; the web app passes its own route table.
public struct ContentURLs: Sendable {
    public var course: @Sendable (_ courseID: String) -> String
    public var lesson: @Sendable (_ courseID: String, _ lessonID: String) -> String
    public var asset: @Sendable (_ courseID: String, _ path: String) -> String

    public init(
        course: @escaping @Sendable (String) -> String,
        lesson: @escaping @Sendable (String, String) -> String,
        asset: @escaping @Sendable (String, String) -> String
    ) {
        self.course = course
        self.lesson = lesson
        self.asset = asset
    }

    /// The site's layout: `/courses/{courseId}`, `/courses/{courseId}/{lessonId}`, `/media/{courseId}/{path}`.
    public static let site = ContentURLs(
        course: { "/courses/\($0)" },
        lesson: { "/courses/\($0)/\($1)" },
        asset: { "/media/\($0)/\($1)" }
    )
}

/// Resolves the links and images an author writes relative to a lesson file into site URLs.
struct LinkResolver {
    /// What a link in the Markdown turned out to be.
    enum Resolution: Equatable {
        case url(String)
        case broken(String)
    }

    /// The files of one course that links may point at.
    struct CourseFiles {
        /// Lesson file name (`02-dang-nhap.md`) to lesson id (`dang-nhap`).
        var lessonIDsByFileName: [String: String]
        var assets: [String: AssetInfo]
    }

    let courseID: String
    let courses: [String: CourseFiles]
    let urls: ContentURLs

    private static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Resolves the destination of a `[text](destination)` link.
    func resolveLink(_ destination: String, anchors: Set<String>) -> Resolution {
        if destination.isEmpty { return .broken("the link has no destination") }
        if destination.hasPrefix("#") {
            let anchor = String(destination.dropFirst())
            return anchors.contains(anchor) ? .url(destination) : .broken("no heading in this lesson has the anchor '#\(anchor)'")
        }
        if let scheme = Self.scheme(of: destination) {
            return Self.allowedSchemes.contains(scheme.lowercased())
                ? .url(destination) : .broken("links with '\(scheme):' are not allowed; use https:// or a relative link")
        }
        if destination.hasPrefix("/") { return .url(destination) }
        let (path, fragment) = split(destination)
        guard let (targetCourse, file) = normalize(path), let course = courses[targetCourse] else {
            return .broken("'\(destination)' points to no file of the catalogue")
        }
        if file == "course.md" { return .url(urls.course(targetCourse) + fragment) }
        if let lessonID = course.lessonIDsByFileName[file] { return .url(urls.lesson(targetCourse, lessonID) + fragment) }
        if course.assets[file] != nil { return .url(urls.asset(targetCourse, file)) }
        return .broken("'\(destination)' points to no file of the catalogue")
    }

    /// Resolves the source of a `![alt](source)` image.
    func resolveImage(_ source: String) -> Resolution {
        if source.isEmpty { return .broken("the image has no file") }
        if let scheme = Self.scheme(of: source) {
            return scheme.lowercased() == "https"
                ? .url(source) : .broken("images must be files beside the lesson (images/...) or https:// addresses")
        }
        let (path, _) = split(source)
        guard let (targetCourse, file) = normalize(path), let course = courses[targetCourse],
            course.assets[file] != nil
        else {
            return .broken("missing image '\(source)': no such file in the course folder")
        }
        return .url(urls.asset(targetCourse, file))
    }

    /// The intrinsic size of a local image, so pages can reserve its space before it loads.
    func imageSize(_ source: String) -> ImageSize? {
        guard Self.scheme(of: source) == nil, let (targetCourse, file) = normalize(split(source).path) else { return nil }
        return courses[targetCourse]?.assets[file]?.size
    }

    private static func scheme(of url: String) -> String? {
        guard let colon = url.firstIndex(of: ":") else { return nil }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return String(scheme)
    }

    private func split(_ destination: String) -> (path: String, fragment: String) {
        var path = Substring(destination)
        var fragment = ""
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[hash...])
            path = path[..<hash]
        }
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        return (String(path).removingPercentEncoding ?? String(path), fragment)
    }

    /// Maps a path relative to a lesson file to (course id, path inside that course), refusing to leave the catalogue.
    private func normalize(_ path: String) -> (String, String)? {
        var segments: [String] = [courseID]
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                guard !segments.isEmpty else { return nil }
                segments.removeLast()
            default: segments.append(String(segment))
            }
        }
        guard segments.count >= 2 else { return nil }
        return (segments[0], segments.dropFirst().joined(separator: "/"))
    }
}
