import CourseEngine
import Foundation
import GRDB

/// The full-text index of the published content: an SQLite FTS5 table in a private in-memory database, built in one
/// go from search documents. It is derived from the content, so it is rebuilt with it and never stored on disk.
public struct SearchIndex: Sendable {
    /// A document that matched, with its bm25 score (lower is better).
    public struct Hit: Sendable {
        public let document: SearchDocument
        public let score: Double
    }

    /// A title counts this many times as much as the body, so "Đăng ký tài khoản" ranks the lesson named so first.
    static let titleWeight = 10.0

    private let documents: [SearchDocument]
    private let queue: DatabaseQueue?

    /// An index of nothing, for content that is never searched (benchmarks).
    public static let empty = SearchIndex(documents: [], queue: nil)

    private init(documents: [SearchDocument], queue: DatabaseQueue?) {
        self.documents = documents
        self.queue = queue
    }

    /// Indexes the folded title and text of every document; a document's row id is its position plus one.
    public init(documents: [SearchDocument]) throws {
        var configuration = Configuration()
        configuration.label = "search"
        let queue = try DatabaseQueue(configuration: configuration)
        // Folding is most of the work and each document's is independent, so it runs on every core first.
        let folded = documents.concurrentMap { (title: SearchText.fold($0.title), body: SearchText.fold($0.text)) }
        try queue.write { db in
            // The text is folded before it is indexed (đ → d among others, which unicode61 does not do);
            // remove_diacritics stays as a second net for anything folding missed.
            try db.execute(
                sql: "CREATE VIRTUAL TABLE document USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')"
            )
            let insert = try db.makeStatement(sql: "INSERT INTO document (rowid, title, body) VALUES (?, ?, ?)")
            for (offset, document) in folded.enumerated() {
                try insert.execute(arguments: [offset + 1, document.title, document.body])
            }
            try db.execute(sql: "INSERT INTO document (document) VALUES ('optimize')")
        }
        self.init(documents: documents, queue: queue)
    }

    /// The number of documents indexed.
    public var count: Int { documents.count }

    /// The documents that contain every word of the query (each as a word or the start of one), best first:
    /// those with the words in the order typed, side by side, before the others, then by bm25.
    public func search(_ query: SearchQuery, limit: Int) throws -> [Hit] {
        guard let queue, let pattern = Self.matchPattern(query.words), let phrase = Self.phrasePattern(query.words),
            limit > 0
        else { return [] }
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT rowid, bm25(document, ?, 1.0) AS score,
                        rowid IN (SELECT rowid FROM document WHERE document MATCH ?) AS isPhrase
                    FROM document WHERE document MATCH ?
                    ORDER BY isPhrase DESC, score, rowid LIMIT ?
                    """,
                arguments: [Self.titleWeight, phrase, pattern, limit])
        }
        return rows.compactMap { row in
            let position = (row["rowid"] as Int) - 1
            guard documents.indices.contains(position) else { return nil }
            return Hit(document: documents[position], score: row["score"])
        }
    }

    /// An FTS5 query asking for every word as a prefix, in any order: `"dang"* AND "ky"*`. Each word is a quoted
    /// string, so nothing a reader types is read as an FTS5 operator. Nil when there is no word.
    static func matchPattern(_ words: [String]) -> String? {
        let terms = words.filter { !$0.isEmpty }.map { quoted($0) + "*" }
        return terms.isEmpty ? nil : terms.joined(separator: " AND ")
    }

    /// An FTS5 phrase of the words in order, the last one as a prefix: `"dang" + "ky"*`. Nil when there is no word.
    static func phrasePattern(_ words: [String]) -> String? {
        let terms = words.filter { !$0.isEmpty }.map(quoted)
        return terms.isEmpty ? nil : terms.joined(separator: " + ") + "*"
    }

    private static func quoted(_ word: String) -> String {
        "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
