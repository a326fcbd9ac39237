import CourseEngine
import Foundation
import Storage

/// Remembers in the database the hash of every course, lesson and quiz just published, with each course's version,
/// so `binhdan check --database` can tell when assigned content changed without a new version. Call it after every
/// successful load: at start-up and after each reload.
public func recordPublished(content: PublishedContent, database: AppDatabase, now: Date = Date()) throws {
    try database.recordPublished(content.publishedItems, now: now)
}

extension PublishedContent {
    /// What learners are served now, as items to remember; drafts are not published, so they are left out.
    var publishedItems: [PublishedItem] {
        var items: [PublishedItem] = []
        for course in catalogue.courses {
            items.append(PublishedItem(kind: .course, courseID: course.id, contentHash: course.contentHash, courseVersion: course.version))
            for lesson in course.lessons {
                items.append(PublishedItem(
                    kind: .lesson, courseID: course.id, itemID: lesson.id, contentHash: lesson.contentHash,
                    courseVersion: course.version))
            }
        }
        for quiz in catalogue.quizzes.values.sorted(by: { $0.id < $1.id }) {
            items.append(PublishedItem(kind: .quiz, courseID: "", itemID: quiz.id, contentHash: quiz.contentHash, courseVersion: nil))
        }
        return items
    }

    /// A warning on course.md's `version` line for each assigned course whose content changed since it was last
    /// published while its version stayed the same.
    func unversionedChanges(published: [PublishedItem], assigned: Set<String>) -> [Diagnostic] {
        let before = Dictionary(
            published.filter { $0.kind == .course }.map { ($0.courseID, $0) }, uniquingKeysWith: { first, _ in first })
        return catalogue.courses.compactMap { course -> Diagnostic? in
            guard assigned.contains(course.id), let last = before[course.id], last.contentHash != course.contentHash,
                last.courseVersion == course.version
            else { return nil }
            let folder = course.lessons.first.map { lesson in
                lesson.sourcePath.lastIndex(of: "/").map { String(lesson.sourcePath[..<$0]) } ?? "."
            }
            guard let folder else { return nil }
            let file = "\(folder)/course.md"
            return Diagnostic(
                file: file, line: Self.versionLine(ofFile: file), column: 1, severity: .warning,
                message: "course '\(course.id)' is assigned to officials and its content changed since it was published "
                    + "as version \(course.version); raise 'version' (and set refresh_required if officials must learn it again)")
        }
    }

    /// The line of the `version:` key in a course.md, or 1 when it cannot be read.
    static func versionLine(ofFile path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 1 }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.firstIndex { $0.hasPrefix("version:") }).map { $0 + 1 } ?? 1
    }
}
