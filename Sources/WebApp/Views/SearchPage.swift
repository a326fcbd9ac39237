import CourseEngine
import Foundation
import Storage

/// The search page: the search field with what was typed, then the results as links with highlighted snippets,
/// or a plain message when there is nothing to show.
struct SearchPage {
    /// One result: where it opens, what it is called, where it sits in the catalogue, and the matching text.
    struct Item {
        let href: String
        let titleHTML: String
        let kindLabel: String
        /// The course, and lesson for a step, the result belongs to; nil for a course.
        let place: String?
        /// Nil when the result has no text besides its title.
        let snippetHTML: String?
        let contentLanguage: String
    }

    let query: String
    let maximumCharacters: Int
    let items: [Item]
    let hasItems: Bool
    /// "Tìm thấy 3 kết quả cho …", shown above the results.
    let summary: String?
    /// Shown when a query was searched and nothing was found.
    let noResults: String?
    /// Why the query could not be searched.
    let error: String?
    /// The document title names the query, so that the browser tab and history say what was searched.
    let documentTitle: String

    init(
        query: String, results: [SearchResult]?, error: String? = nil, messages: MessageCatalogue, language: Language
    ) {
        self.query = query
        maximumCharacters = SearchQuery.maximumCharacters
        self.error = error
        items = (results ?? []).map { Item($0, messages: messages, language: language) }
        hasItems = !items.isEmpty
        let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines)
        switch results {
        case .some(let results) where !trimmed.isEmpty && results.isEmpty:
            summary = nil
            noResults = messages.text("search_no_results", language, ["query": trimmed])
        case .some(let results) where !trimmed.isEmpty:
            let key = results.count == 1 ? "search_results_count_one" : "search_results_count"
            summary = messages.text(key, language, ["count": "\(results.count)", "query": trimmed])
            noResults = nil
        default:
            summary = nil
            noResults = nil
        }
        documentTitle =
            trimmed.isEmpty
            ? messages.text("search_title", language)
            : messages.text(
                "search_results_title", language, ["query": String(trimmed.prefix(SearchQuery.maximumCharacters))])
    }
}

extension SearchPage.Item {
    init(_ result: SearchResult, messages: MessageCatalogue, language: Language) {
        let document = result.document
        href = result.href
        titleHTML = result.titleHTML
        snippetHTML = result.snippetHTML.isEmpty ? nil : result.snippetHTML
        contentLanguage = result.contentLanguage
        if let step = document.step {
            kindLabel = messages.text("search_kind_step", language, ["number": "\(step)"])
        } else {
            kindLabel = messages.text(document.lessonID == nil ? "search_kind_course" : "search_kind_lesson", language)
        }
        // A course needs no place; a lesson sits in its course; a step in its course and lesson.
        place =
            document.lessonID == nil
            ? nil
            : ([document.courseTitle] + [document.step == nil ? nil : document.lessonTitle].compactMap { $0 })
                .joined(separator: " › ")
    }
}

/// A hit made ready to show: its link, and its title and snippet with the searched words marked on the original text.
struct SearchResult {
    let document: SearchDocument
    let href: String
    let titleHTML: String
    let snippetHTML: String
    let contentLanguage: String

    init(_ hit: SearchIndex.Hit, query: SearchQuery, catalogue: Catalogue) {
        let document = hit.document
        self.document = document
        if let lesson = document.lessonID {
            href =
                document.step.map { SitePath.step(document.courseID, lesson, $0).path }
                ?? SitePath.lesson(document.courseID, lesson).path
        } else {
            href = SitePath.course(document.courseID).path
        }
        titleHTML = SearchSnippet.highlight(document.title, words: query.words)
        snippetHTML = SearchSnippet.excerpt(document.text, words: query.words)
        contentLanguage = catalogue.course(id: document.courseID)?.language ?? "vi"
    }
}
