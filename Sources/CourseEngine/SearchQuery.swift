import Foundation

/// What a reader typed into the search box, checked and cut into folded words.
///
/// Queries longer than `maximumCharacters` or with more than `maximumWords` words are refused rather than cut, so
/// that a result never silently ignores part of what was asked. Punctuation, quotes and search operators are not
/// words: "\"dang\" AND ky*" searches for the words "dang", "and" and "ky".
public struct SearchQuery: Sendable, Hashable {
    /// The longest query accepted, in characters (a letter with its tone mark is one), after trimming spaces.
    public static let maximumCharacters = 200
    /// The most words a query may have.
    public static let maximumWords = 20

    /// The query as typed, without surrounding white space.
    public let text: String
    /// Its distinct folded words, in the order typed; every one must appear in a result, in any order.
    public let words: [String]

    /// Checks and cuts a query; an empty or punctuation-only query has no words and finds nothing.
    public init(_ text: String) throws(SearchQueryError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A character with its accents counts as one, but a flood of combining marks is refused too.
        guard trimmed.count <= Self.maximumCharacters, trimmed.unicodeScalars.count <= Self.maximumCharacters * 4
        else { throw .tooLong }
        var seen: Set<String> = []
        let words = SearchText.words(trimmed).filter { seen.insert($0).inserted }
        guard words.count <= Self.maximumWords else { throw .tooManyWords }
        self.text = trimmed
        self.words = words
    }

    /// True when there is nothing to search for.
    public var isEmpty: Bool { words.isEmpty }
}

/// Why a query was refused.
public enum SearchQueryError: Error, Equatable, Sendable {
    /// More than `SearchQuery.maximumCharacters` characters.
    case tooLong
    /// More than `SearchQuery.maximumWords` words.
    case tooManyWords
}
