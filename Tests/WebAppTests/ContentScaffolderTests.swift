import CourseEngine
import Foundation
import Testing
import WebApp

@Suite("binhdan new")
struct ContentScaffolderTests {
    /// An empty temporary folder with `Courses/` and `Assessments/` paths inside (not created), removed by `cleanUp`.
    struct Workspace {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-new-\(UUID())").path
        var courses: String { "\(root)/Courses" }
        var assessments: String { "\(root)/Assessments" }
        var scaffolder: ContentScaffolder { ContentScaffolder(coursesPath: courses, assessmentsPath: assessments) }

        func load() throws -> PublishedContent {
            try ContentLoader(coursesPath: courses, assessmentsPath: assessments).load()
        }

        func contents(_ path: String) throws -> String {
            try String(contentsOfFile: path, encoding: .utf8)
        }

        func cleanUp() {
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    @Test("a course, a reading and a guided lesson, and a quiz load without any diagnostic")
    func everythingLoads() throws {
        // Given an empty folder
        let workspace = Workspace()
        defer { workspace.cleanUp() }

        // When a course, two lessons and its final quiz are scaffolded, and the quiz is named in course.md
        let course = try workspace.scaffolder.newCourse(id: "an-toan-so", title: "An toàn số", audience: .citizens)
        let reading = try workspace.scaffolder.newLesson(courseID: "an-toan-so", lessonID: "mat-khau")
        let guided = try workspace.scaffolder.newLesson(courseID: "an-toan-so", lessonID: "doi-mat-khau", guided: true)
        let quiz = try workspace.scaffolder.newQuiz(id: "an-toan-so-kiem-tra")
        let coursePath = "\(workspace.courses)/an-toan-so/course.md"
        let edited = try workspace.contents(coursePath).replacingOccurrences(of: "# final_quiz:", with: "final_quiz:")
        try edited.write(toFile: coursePath, atomically: true, encoding: .utf8)

        // Then the files are where the report says, and the loader publishes them without any diagnostic
        #expect(course.files == [coursePath, "\(workspace.courses)/an-toan-so/01-gioi-thieu.md"])
        #expect(reading.files == ["\(workspace.courses)/an-toan-so/02-mat-khau.md"])
        #expect(
            guided.files == [
                "\(workspace.courses)/an-toan-so/03-doi-mat-khau.md",
                "\(workspace.courses)/an-toan-so/images/doi-mat-khau.svg",
            ])
        #expect(
            quiz.files == [
                "\(workspace.assessments)/an-toan-so-kiem-tra.gift", "\(workspace.assessments)/an-toan-so-kiem-tra.yml",
            ])
        let content = try workspace.load()
        #expect(content.diagnostics.isEmpty, "\(content.diagnostics.map(\.formatted))")
        let published = try #require(content.catalogue.course(id: "an-toan-so"))
        #expect(published.lessons.map(\.id) == ["gioi-thieu", "mat-khau", "doi-mat-khau"])
        #expect(content.catalogue.quiz(id: "an-toan-so-kiem-tra") != nil)
    }

    @Test("a new quiz that no course uses loads with only the warning the report explains")
    func unreferencedQuiz() throws {
        // Given an empty folder
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        try FileManager.default.createDirectory(atPath: workspace.courses, withIntermediateDirectories: true)

        // When a quiz is scaffolded
        let report = try workspace.scaffolder.newQuiz(id: "kiem-tra-thu")

        // Then the check warns that nothing uses it, and the report says how to use it
        let content = try workspace.load()
        #expect(content.diagnostics.map(\.severity) == [.warning])
        #expect(content.diagnostics.first?.message.contains("no course or lesson uses quiz 'kiem-tra-thu'") == true)
        #expect(
            report.nextSteps.contains { $0.contains("final_quiz: kiem-tra-thu") && $0.contains("quiz: kiem-tra-thu") })
    }

    @Test("lessons are numbered after the highest existing number")
    func numbersAfterHighest() throws {
        // Given a course whose lessons are numbered 01 and 07
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        _ = try workspace.scaffolder.newCourse(id: "khoa-hoc")
        let folder = "\(workspace.courses)/khoa-hoc"
        try FileManager.default.copyItem(atPath: "\(folder)/01-gioi-thieu.md", toPath: "\(folder)/07-nang-cao.md")

        // When a lesson is added
        let report = try workspace.scaffolder.newLesson(courseID: "khoa-hoc", lessonID: "tiep-theo")

        // Then it is number 08
        #expect(report.files == ["\(folder)/08-tiep-theo.md"])
        #expect(try workspace.contents("\(folder)/08-tiep-theo.md").contains("title: Bài 8"))
    }

    @Test("an existing course folder, lesson id or quiz file is never overwritten")
    func refusesToOverwrite() throws {
        // Given a course with its first lesson, and a quiz
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        _ = try workspace.scaffolder.newCourse(id: "khoa-hoc")
        _ = try workspace.scaffolder.newQuiz(id: "kiem-tra")
        let coursePath = "\(workspace.courses)/khoa-hoc/course.md"
        try "sửa tay".write(toFile: coursePath, atomically: true, encoding: .utf8)
        try "sửa tay".write(toFile: "\(workspace.assessments)/kiem-tra.yml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: "\(workspace.assessments)/kiem-tra.gift")

        // When the same ids are scaffolded again
        // Then each is refused, naming what exists, and the edited files are untouched
        #expect(throws: ScaffoldError.alreadyExists(path: "\(workspace.courses)/khoa-hoc")) {
            try workspace.scaffolder.newCourse(id: "khoa-hoc")
        }
        #expect(
            throws: ScaffoldError.lessonExists(id: "gioi-thieu", file: "\(workspace.courses)/khoa-hoc/01-gioi-thieu.md")
        ) {
            try workspace.scaffolder.newLesson(courseID: "khoa-hoc", lessonID: "gioi-thieu")
        }
        #expect(throws: ScaffoldError.alreadyExists(path: "\(workspace.assessments)/kiem-tra.yml")) {
            try workspace.scaffolder.newQuiz(id: "kiem-tra")
        }
        #expect(try workspace.contents(coursePath) == "sửa tay")
        #expect(try workspace.contents("\(workspace.assessments)/kiem-tra.yml") == "sửa tay")
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.assessments)/kiem-tra.gift"))
    }

    @Test("a guided lesson whose picture exists is refused and writes nothing")
    func refusesExistingPicture() throws {
        // Given a course with a picture named as the new lesson's placeholder would be
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        _ = try workspace.scaffolder.newCourse(id: "khoa-hoc")
        let images = "\(workspace.courses)/khoa-hoc/images"
        try FileManager.default.createDirectory(atPath: images, withIntermediateDirectories: true)
        try "<svg/>".write(toFile: "\(images)/buoc-dau.svg", atomically: true, encoding: .utf8)

        // When a guided lesson with that id is added
        // Then it is refused and no lesson file was written
        #expect(throws: ScaffoldError.alreadyExists(path: "\(images)/buoc-dau.svg")) {
            try workspace.scaffolder.newLesson(courseID: "khoa-hoc", lessonID: "buoc-dau", guided: true)
        }
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.courses)/khoa-hoc/02-buoc-dau.md"))
    }

    @Test("a lesson for an unknown course is an error")
    func unknownCourse() throws {
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        #expect(throws: ScaffoldError.unknownCourse(id: "khong-co", coursesPath: workspace.courses)) {
            try workspace.scaffolder.newLesson(courseID: "khong-co", lessonID: "bai-mot")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.root))
    }

    @Test("invalid ids are refused before anything is written")
    func invalidIDs() throws {
        let workspace = Workspace()
        defer { workspace.cleanUp() }
        #expect(throws: ScaffoldError.invalidID(kind: .course, id: "Khoá-học")) {
            try workspace.scaffolder.newCourse(id: "Khoá-học")
        }
        #expect(throws: ScaffoldError.invalidID(kind: .quiz, id: "kiem_tra")) {
            try workspace.scaffolder.newQuiz(id: "kiem_tra")
        }
        #expect(throws: ScaffoldError.invalidID(kind: .course, id: "../x")) {
            try workspace.scaffolder.newLesson(courseID: "../x", lessonID: "bai")
        }
        #expect(!FileManager.default.fileExists(atPath: workspace.root))
    }
}
