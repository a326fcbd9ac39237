import Foundation
import Testing

@testable import CourseEngine

@Suite("Scaffold templates")
struct ScaffoldTests {
    /// The catalogue source made of scaffolded files: course paths relative to `Courses/`, quiz paths to `Assessments/`.
    private func source(courses: [String: String], quizzes: [String: String] = [:]) -> CatalogueSource {
        var byCourse: [String: [String: String]] = [:]
        for (path, contents) in courses {
            let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
            byCourse[parts[0], default: [:]][parts[1]] = contents
        }
        let courseSources = byCourse.map { id, files in
            var course: SourceFile?
            var lessons: [SourceFile] = []
            var assets: [String: AssetInfo] = [:]
            for (name, contents) in files {
                let file = SourceFile(path: "Courses/\(id)/\(name)", name: name, contents: Array(contents.utf8))
                if name == "course.md" {
                    course = file
                } else if name.hasSuffix(".md") {
                    lessons.append(file)
                } else {
                    assets[name] = AssetInfo(size: ImageSize.sniff(Array(contents.utf8)))
                }
            }
            return CourseSource(
                id: id, directory: "Courses/\(id)", courseFile: course, lessonFiles: lessons, assets: assets)
        }
        let quizIDs = Set(quizzes.keys.filter { $0.hasSuffix(".gift") }.map { String($0.dropLast(".gift".count)) })
        let quizSources = quizIDs.sorted().map { id in
            QuizSource(
                id: id,
                bank: SourceFile(
                    path: "Assessments/\(id).gift", name: "\(id).gift",
                    contents: Array(quizzes["\(id).gift", default: ""].utf8)),
                settings: quizzes["\(id).yml"].map {
                    SourceFile(path: "Assessments/\(id).yml", name: "\(id).yml", contents: Array($0.utf8))
                })
        }
        return CatalogueSource(courses: courseSources, quizzes: quizSources)
    }

    @Test("a new course is published with its first lesson and no diagnostic")
    func newCourseBuilds() throws {
        // Given a scaffolded course
        let files = Scaffold.course(id: "an-toan-so", title: "An toàn số: bước đầu", audience: .citizens)

        // When it is built
        let result = CatalogueBuilder().build(source(courses: files))

        // Then it is published as written, without any diagnostic
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let course = try #require(result.catalogue.course(id: "an-toan-so"))
        #expect(course.title == "An toàn số: bước đầu")
        #expect(course.audience == .citizens)
        #expect(course.lessons.map(\.id) == [Scaffold.firstLessonID])
        #expect(Set(files.keys) == ["an-toan-so/course.md", "an-toan-so/01-gioi-thieu.md"])
    }

    @Test("course.md names every key of the schema, each with a comment")
    func courseNamesEveryKey() throws {
        // Given a scaffolded course.md
        let text = try #require(Scaffold.course(id: "an-toan-so")["an-toan-so/course.md"])
        let lines = text.split(separator: "\n").map(String.init)

        // Then every course key has its line (optional ones commented out) and that line has a comment
        for field in FrontMatterSchema.course.fields {
            let line = lines.first { $0.hasPrefix("\(field.key):") || $0.hasPrefix("# \(field.key):") }
            #expect(line?.contains("  # ") == true, "no commented line for '\(field.key)'")
        }
    }

    @Test("a reading lesson added as number 2 is published after the first")
    func readingLessonBuilds() throws {
        // Given a course and a second reading lesson
        var files = Scaffold.course(id: "an-toan-so")
        files.merge(Scaffold.lesson(courseID: "an-toan-so", lessonID: "mat-khau", number: 2, title: "Mật khẩu")) { $1 }

        // When it is built
        let result = CatalogueBuilder().build(source(courses: files))

        // Then the lesson is second, a reading lesson, and nothing is reported
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let lesson = try #require(result.catalogue.course(id: "an-toan-so")?.lessons.last)
        #expect(lesson.id == "mat-khau")
        #expect(lesson.kind == .reading)
        #expect(lesson.title == "Mật khẩu")
        #expect(files["an-toan-so/02-mat-khau.md"] != nil)
    }

    @Test("a guided lesson has three steps, a sized placeholder picture with alt text, and a tip")
    func guidedLessonBuilds() throws {
        // Given a course and a guided lesson
        var files = Scaffold.course(id: "an-toan-so")
        files.merge(Scaffold.lesson(courseID: "an-toan-so", lessonID: "doi-mat-khau", number: 2, guided: true)) { $1 }

        // When it is built
        let result = CatalogueBuilder().build(source(courses: files))

        // Then it has three steps, the picture with its size and alt text, and a tip, without any diagnostic
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let lesson = try #require(result.catalogue.course(id: "an-toan-so")?.lesson(id: "doi-mat-khau"))
        #expect(lesson.kind == .guided)
        #expect(lesson.steps.count == 3)
        #expect(lesson.steps[1].html.contains("width=\"360\" height=\"640\""))
        #expect(lesson.steps[1].html.contains("alt=\"Khung hình minh họa tạm thời"))
        #expect(lesson.steps[2].hintHTML?.contains("Một lời khuyên ngắn") == true)
        let svg = try #require(files["an-toan-so/images/doi-mat-khau.svg"])
        #expect(ImageSize.sniff(Array(svg.utf8)) == ImageSize(width: 360, height: 640))
    }

    @Test("the quiz has one question of each common type and builds with its settings, used by a course")
    func quizBuilds() throws {
        // Given a course whose final quiz is a scaffolded quiz
        var courses = Scaffold.course(id: "an-toan-so")
        courses["an-toan-so/course.md"] = courses["an-toan-so/course.md"]?
            .replacingOccurrences(of: "# final_quiz:", with: "final_quiz:")
        let quizzes = Scaffold.quiz(id: "an-toan-so-kiem-tra", title: "Kiểm tra – An toàn số")

        // When they are built
        let result = CatalogueBuilder().build(source(courses: courses, quizzes: quizzes))

        // Then nothing is reported, and the bank holds every type but descriptions
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.formatted))")
        let quiz = try #require(result.catalogue.quizzes["an-toan-so-kiem-tra"])
        #expect(quiz.title == "Kiểm tra – An toàn số")
        #expect(quiz.settings.oneQuestionPerPage)
        #expect(Set(quiz.questions.map(\.type)) == Set(QuestionType.allCases).subtracting([.description]))
        #expect(quiz.questions.filter { $0.type == .multichoice }.map(\.single) == [true, false])
    }

    @Test("the quiz's settings name every settings key")
    func settingsNameEveryKey() throws {
        let text = try #require(Scaffold.quiz(id: "kiem-tra")["kiem-tra.yml"])
        for key in QuizSettings.keys {
            #expect(text.contains("\n\(key):") || text.contains("\n# \(key):"), "no line for '\(key)'")
        }
    }

    @Test("an id that is not a slug is refused with the rule")
    func invalidIDs() {
        for id in ["", "Vneid", "tiếng-việt", "-a", "a-", "a--b", "a_b", "a b"] {
            #expect(throws: ScaffoldError.invalidID(kind: .lesson, id: id)) {
                try Scaffold.validate(id: id, kind: .lesson)
            }
        }
        #expect(ScaffoldError.invalidID(kind: .course, id: "A").description.contains("lowercase letters a-z"))
        #expect(throws: Never.self) { try Scaffold.validate(id: "vneid-co-ban-2", kind: .course) }
    }

    @Test("a title on more than one line is refused")
    func invalidTitle() {
        #expect(throws: ScaffoldError.invalidTitle("a\nb")) { try Scaffold.validate(title: "a\nb") }
        #expect(throws: ScaffoldError.invalidTitle("  ")) { try Scaffold.validate(title: "  ") }
    }

    @Test("titles that YAML would misread are quoted")
    func quotedTitles() {
        #expect(Scaffold.yamlScalar("Làm quen với VNeID") == "Làm quen với VNeID")
        #expect(Scaffold.yamlScalar("Bước 1: cài đặt") == "\"Bước 1: cài đặt\"")
        #expect(Scaffold.yamlScalar("\"Số\" #1") == "\"\\\"Số\\\" #1\"")
        #expect(Scaffold.yamlScalar("true") == "\"true\"")
        #expect(Scaffold.yamlScalar("2025") == "\"2025\"")
    }

    @Test("the next lesson number follows the highest, skipping other files")
    func nextNumber() {
        #expect(Scaffold.nextLessonNumber(after: ["course.md", "images"]) == 1)
        #expect(Scaffold.nextLessonNumber(after: ["course.md", "01-a.md", "07-b.md", "03-c.md", "README.md"]) == 8)
        #expect(Scaffold.lessonFileName(number: 8, lessonID: "x") == "08-x.md")
        #expect(Scaffold.lessonFileName(number: 120, lessonID: "x") == "120-x.md")
    }
}
