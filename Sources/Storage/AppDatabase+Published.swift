import CourseEngine
import Foundation
import GRDB

/// One course, lesson or quiz as the server last published it.
public struct PublishedItem: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case course, lesson, quiz
    }

    public var kind: Kind
    /// The course; for a quiz, empty.
    public var courseID: String
    /// The lesson or quiz id; empty for the course itself.
    public var itemID: String
    public var contentHash: String
    /// The course's `version` when it was published; nil for a quiz.
    public var courseVersion: Int?

    public init(kind: Kind, courseID: String, itemID: String = "", contentHash: String, courseVersion: Int?) {
        self.kind = kind
        self.courseID = courseID
        self.itemID = itemID
        self.contentHash = contentHash
        self.courseVersion = courseVersion
    }
}

/// A row of `publishedContent`.
struct PublishedContentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "publishedContent"
    var kind: String
    var courseId: String
    var itemId: String
    var contentHash: String
    var courseVersion: Int?
    var publishedAt: Date

    var item: PublishedItem? {
        PublishedItem.Kind(rawValue: kind).map {
            PublishedItem(kind: $0, courseID: courseId, itemID: itemId, contentHash: contentHash, courseVersion: courseVersion)
        }
    }
}

extension AppDatabase {
    /// Remembers what was just published, replacing each item's earlier hash; items no longer published are kept.
    public func recordPublished(_ items: [PublishedItem], now: Date) throws {
        try writer.write { db in
            for item in items {
                try PublishedContentRecord(
                    kind: item.kind.rawValue, courseId: item.courseID, itemId: item.itemID, contentHash: item.contentHash,
                    courseVersion: item.courseVersion, publishedAt: now
                ).save(db, onConflict: .replace)
            }
        }
    }

    /// Every course, lesson and quiz as last published.
    public func publishedItems() throws -> [PublishedItem] {
        try writer.read { db in
            try PublishedContentRecord.order(Column("kind"), Column("courseId"), Column("itemId")).fetchAll(db).compactMap(\.item)
        }
    }

    /// The ids of the courses some active (not withdrawn) assignment asks officials to learn.
    public func assignedCourseIDs() throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, sql: "SELECT DISTINCT courseId FROM assignment WHERE withdrawnAt IS NULL"))
        }
    }
}
