@testable import CourseEngine

/// A well-formed course.md, to build test courses from.
let validCourseFile = """
    ---
    title: Làm quen với VNeID
    summary: Cài đặt và dùng VNeID.
    audience: citizens
    version: 1
    estimated_minutes: 30
    ---
    Giới thiệu khóa học.

    """

/// A reading lesson with the given body.
func readingLesson(_ body: String, title: String = "Bài đọc") -> String {
    "---\ntitle: \(title)\nkind: reading\nestimated_minutes: 5\n---\n\(body)"
}

/// A guided lesson with the given body.
func guidedLesson(_ body: String, title: String = "Hướng dẫn") -> String {
    "---\ntitle: \(title)\nkind: guided\nestimated_minutes: 5\n---\n\(body)"
}

/// One course folder made from file contents: "course.md" and lesson files by name.
func courseSource(
    _ files: [String: String], id: String = "vneid-co-ban", assets: [String: AssetInfo] = [:],
    rawFiles: [String: [UInt8]] = [:]
) -> CourseSource {
    let directory = "Courses/\(id)"
    var course: SourceFile?
    var lessons: [SourceFile] = []
    let all = files.mapValues { Array($0.utf8) }.merging(rawFiles) { $1 }
    for (name, bytes) in all {
        let file = SourceFile(path: "\(directory)/\(name)", name: name, contents: bytes)
        if name == "course.md" { course = file } else { lessons.append(file) }
    }
    return CourseSource(id: id, directory: directory, courseFile: course, lessonFiles: lessons, assets: assets)
}

/// Builds a catalogue from one course folder.
func build(
    _ files: [String: String], assets: [String: AssetInfo] = [:], quizIDs: Set<String> = [],
    rawFiles: [String: [UInt8]] = [:]
) -> CatalogueBuilder.Result {
    CatalogueBuilder().build(
        CatalogueSource(courses: [courseSource(files, assets: assets, rawFiles: rawFiles)], quizIDs: quizIDs))
}

/// Renders one lesson body and returns the lesson, failing the test if the course was rejected.
func renderLesson(
    _ lessonFile: String, assets: [String: AssetInfo] = [:], extraFiles: [String: String] = [:]
) -> (Lesson?, [Diagnostic]) {
    var files = ["course.md": validCourseFile, "01-bai-hoc.md": lessonFile]
    files.merge(extraFiles) { $1 }
    let result = build(files, assets: assets)
    return (result.catalogue.course(id: "vneid-co-ban")?.lesson(id: "bai-hoc"), result.diagnostics)
}

extension Array where Element == Diagnostic {
    /// The first diagnostic whose message contains `text`.
    func first(containing text: String) -> Diagnostic? {
        first { $0.message.contains(text) }
    }
}
