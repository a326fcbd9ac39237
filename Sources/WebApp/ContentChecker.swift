import CourseEngine

/// What `binhdan check` runs: reads the content as the server would and returns every diagnostic.
public enum ContentChecker {
    public static func check(coursesPath: String, assessmentsPath: String) throws -> [Diagnostic] {
        try ContentLoader(coursesPath: coursesPath, assessmentsPath: assessmentsPath).load().diagnostics
    }
}
