import CourseEngine
import Foundation
import Storage

/// What `binhdan check` runs: reads the content as the server would and returns every diagnostic.
public enum ContentChecker {
    /// With `databasePath` naming an existing database, also warns about assigned courses whose content changed
    /// since they were last published while their `version` stayed the same.
    public static func check(coursesPath: String, assessmentsPath: String, databasePath: String? = nil) throws -> [Diagnostic] {
        let content = try ContentLoader(coursesPath: coursesPath, assessmentsPath: assessmentsPath).load()
        guard let databasePath, databasePath != ":memory:", FileManager.default.fileExists(atPath: databasePath) else {
            return content.diagnostics
        }
        return try check(content, against: AppDatabase.open(path: databasePath))
    }

    /// The content's own diagnostics and the warnings about assigned courses changed without a new version.
    static func check(_ content: PublishedContent, against database: AppDatabase) throws -> [Diagnostic] {
        let warnings = content.unversionedChanges(
            published: try database.publishedItems(), assigned: try database.assignedCourseIDs())
        return (content.diagnostics + warnings).sortedByLocation()
    }
}
