import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Full-text search over the published content: `GET /api/v1/search?q=` for programs and `GET /search?q=` for people.
///
/// An empty query, or one of only punctuation, finds nothing (200 with no results). A query longer than
/// `SearchQuery.maximumCharacters` characters or with more than `SearchQuery.maximumWords` words is refused with 400,
/// never cut, so a result never silently ignores part of what was asked.
struct SearchController: Sendable {
    typealias Context = AppRequestContext
    /// The most results one search returns.
    static let resultLimit = 20

    let content: ContentStore
    let pages: PageRenderer
    let messages: MessageCatalogue

    /// One result: the course, lesson or step to open, with the searched words marked in its snippet.
    struct Result: Codable, Equatable {
        var courseId: String
        var courseTitle: String
        var lessonId: String?
        var lessonTitle: String?
        var step: Int?
        var title: String
        var snippetHtml: String
        var href: String
    }

    struct Answer: Codable, Equatable {
        var query: String
        var results: [Result]
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.apiSearch.pattern), use: api)
        router.get(RouterPath(SitePath.search.pattern), use: page)
    }

    @Sendable func api(_ request: Request, context: Context) async throws -> Response {
        let text = try Self.queryText(request)
        let query: SearchQuery
        do {
            query = try SearchQuery(text)
        } catch {
            throw RequestError.badParameter(name: "q", value: text, reasonKey: "reason_search_query")
        }
        let answer = Answer(
            query: query.text,
            results: try search(query).map { result in
                let document = result.document
                return Result(
                    courseId: document.courseID, courseTitle: document.courseTitle, lessonId: document.lessonID,
                    lessonTitle: document.lessonTitle, step: document.step, title: document.title,
                    snippetHtml: result.snippetHTML, href: result.href)
            })
        return HTTPCaching.response(
            bytes: try JSONCoding.encoder.encode(answer), contentType: "application/json; charset=utf-8",
            request: request)
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let model: SearchPage
        var status = HTTPResponse.Status.ok
        do {
            let text = try Self.queryText(request)
            do {
                let query = try SearchQuery(text)
                model = SearchPage(query: text, results: try search(query), messages: messages, language: language)
            } catch let error as SearchQueryError {
                status = .badRequest
                model = SearchPage(
                    query: String(text.prefix(SearchQuery.maximumCharacters)), results: nil,
                    error: refusal(error, language), messages: messages, language: language)
            }
        } catch is RequestError {
            status = .badRequest
            model = SearchPage(
                query: "", results: nil, error: messages.text("search_unreadable", language), messages: messages,
                language: language)
        }
        return pages.response(
            "search", title: model.documentTitle, page: model,
            breadcrumbs: [Breadcrumb(name: messages.text("nav_home", language), href: SitePath.home.path)],
            language: language, request: request, context: context, status: status)
    }

    /// Why a query was refused, in the reader's words, with the limits.
    private func refusal(_ error: SearchQueryError, _ language: Language) -> String {
        let limits = ["characters": "\(SearchQuery.maximumCharacters)", "words": "\(SearchQuery.maximumWords)"]
        return messages.text(error == .tooLong ? "search_too_long" : "search_too_many_words", language, limits)
    }

    /// The best results for a query, from one snapshot of the content and its index.
    private func search(_ query: SearchQuery) throws -> [SearchResult] {
        let current = content.current
        return try current.search.search(query, limit: Self.resultLimit).map {
            SearchResult($0, query: query, catalogue: current.catalogue)
        }
    }

    /// The `q` parameter as a form sends it ("+" for spaces, percent-encoded UTF-8); empty when absent.
    /// Hummingbird's `queryParameters` leaves "+" as it is, which would show "dang+ky" back to the reader.
    static func queryText(_ request: Request) throws -> String {
        guard let query = request.uri.query else { return "" }
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first == "q" else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            guard let text = raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding else {
                throw RequestError.badParameter(name: "q", value: raw, reasonKey: "reason_search_encoding")
            }
            return text
        }
        return ""
    }
}
