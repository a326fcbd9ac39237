import CourseEngine
import Foundation
import Storage
import WebApp

/// The benchmark cases, on the repository's sample content read at start.
struct Cases {
    let harness: Harness
    let courses: String
    let assessments: String
    let filter: String?
    private(set) var results: [Measurement] = []

    init(harness: Harness, courses: String, assessments: String, filter: String?) {
        self.harness = harness
        self.courses = courses
        self.assessments = assessments
        self.filter = filter
    }

    private func wanted(_ name: String) -> Bool {
        filter.map { name.localizedCaseInsensitiveContains($0) } ?? true
    }

    private mutating func run(_ name: String, input: String, _ body: () throws -> Void) rethrows {
        guard wanted(name) else { return }
        results.append(try harness.measure(name, input: input, body))
    }

    private mutating func run(_ name: String, input: String, runs: Int, _ body: () throws -> Void) rethrows {
        guard wanted(name) else { return }
        results.append(try harness.measure(name, input: input, runs: runs, body))
    }

    mutating func all(runs: Int, syntheticLessons: Int) throws -> [Measurement] {
        let sample = try ContentLoader(coursesPath: courses, assessmentsPath: assessments).load()
        let sources = try readCourses()

        // Markdown: the largest reading and guided lessons, rendered as the catalogue builder renders them.
        for kind in [LessonKind.reading, .guided] {
            guard let (lesson, course) = largestLesson(kind: kind, in: sources),
                let rendering = LessonRendering(lesson: lesson, of: course)
            else { continue }
            run("markdown: render \(kind.rawValue) lesson", input: "\(lesson.name) (\(kb(lesson.contents.count)))") {
                blackHole(rendering.render())
            }
        }
        if let course = sources.max(by: { size($0) < size($1) }) {
            let source = CatalogueSource(courses: [course], quizIDs: quizIDs())
            run("markdown: build one course", input: "\(course.id), \(course.lessonFiles.count) lessons (\(kb(size(course))))") {
                blackHole(CatalogueBuilder().build(source))
            }
        }

        // GIFT: the largest bank.
        if let (name, bytes) = largestQuizBank() {
            run("gift: parse bank", input: "\(name) (\(kb(bytes.count)))") {
                blackHole(GIFTParser.parse(bytes, file: name))
            }
        }

        // Grading: a whole attempt at the quiz with the most questions, every question answered.
        if let quiz = sample.catalogue.quizzes.values.max(by: { $0.questions.count < $1.questions.count }) {
            var generator = SystemRandomNumberGenerator()
            let paper = AttemptPaper.draw(from: quiz, using: &generator)
            let responses = Self.rightResponses(paper)
            run("grade: whole attempt", input: "\(quiz.id), \(paper.items.count) questions") {
                blackHole(Grader.grade(paper, responses: responses, passPercent: quiz.settings.passPercent))
            }
        }

        // Search normalisation: a typical query, and a whole lesson's text.
        let query = "Đăng ký tài khoản định danh điện tử"
        run("search: SearchText.fold", input: "query, \(query.count) characters") { blackHole(SearchText.fold(query)) }
        run("search: VietnameseText.fold", input: "query, \(query.count) characters") {
            blackHole(VietnameseText.fold(query))
        }
        try run("search: SearchQuery(_:)", input: "query, \(query.count) characters") { blackHole(try SearchQuery(query)) }
        if let (lesson, _) = largestLesson(kind: nil, in: sources) {
            let text = String(decoding: lesson.contents, as: UTF8.self)
            run("search: SearchText.fold", input: "\(lesson.name) (\(kb(lesson.contents.count)))") {
                blackHole(SearchText.fold(text))
            }
            run("search: VietnameseText.fold", input: "\(lesson.name) (\(kb(lesson.contents.count)))") {
                blackHole(VietnameseText.fold(text))
            }
        }
        let searchQuery = try SearchQuery("nộp hồ sơ trực tuyến")
        try run("search: index query", input: "sample, \(sample.search.count) documents, 3 words") {
            blackHole(try sample.search.search(searchQuery, limit: 20))
        }

        // Start-up: read and render the whole catalogue as `binhdan serve` does at start.
        let loader = ContentLoader(coursesPath: courses, assessmentsPath: assessments)
        try run("start-up: load catalogue", input: "sample, \(sample.catalogue.lessonCount) lessons", runs: runs * 4) {
            blackHole(try loader.load())
        }
        if syntheticLessons > 0 && (wanted("start-up") || wanted("1,000") || wanted("generated")) {
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("binhdan-microbench-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: directory) }
            try SyntheticCatalogue.write(lessons: syntheticLessons, to: directory)
            let generated = ContentLoader(coursesPath: "\(directory)/Courses", assessmentsPath: "\(directory)/Assessments")
            let content = try generated.load()
            let errors = content.diagnostics.filter { $0.severity == .error }
            if !errors.isEmpty || content.catalogue.lessonCount != syntheticLessons {
                FileHandle.standardError.write(
                    Data("generated catalogue: \(errors.count) error(s), \(content.catalogue.lessonCount) lessons\n".utf8))
            }
            try run("start-up: load catalogue", input: "generated, \(syntheticLessons) lessons", runs: runs) {
                blackHole(try generated.load())
            }
            try run("search: index query", input: "generated, \(content.search.count) documents, 3 words") {
                blackHole(try content.search.search(searchQuery, limit: 20))
            }
        }
        return results
    }

    // MARK: Inputs

    /// Every course folder as the loader reads it (Markdown and assets; media bytes are not kept).
    private func readCourses() throws -> [CourseSource] {
        let manager = FileManager.default
        return try manager.contentsOfDirectory(atPath: courses).sorted().compactMap { id in
            let directory = "\(courses)/\(id)"
            guard manager.fileExists(atPath: "\(directory)/course.md") else { return nil }
            var lessons: [SourceFile] = []
            var courseFile: SourceFile?
            var assets: [String: AssetInfo] = [:]
            for relative in (manager.subpaths(atPath: directory) ?? []).sorted() {
                let path = "\(directory)/\(relative)"
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                if relative == "course.md" {
                    courseFile = SourceFile(path: path, name: relative, contents: bytes)
                } else if relative.hasSuffix(".md") && !relative.contains("/") {
                    if relative != "README.md" { lessons.append(SourceFile(path: path, name: relative, contents: bytes)) }
                } else {
                    assets[relative] = AssetInfo(size: ImageSize.sniff(bytes))
                }
            }
            return CourseSource(id: id, directory: directory, courseFile: courseFile, lessonFiles: lessons, assets: assets)
        }
    }

    private func largestLesson(kind: LessonKind?, in sources: [CourseSource]) -> (SourceFile, CourseSource)? {
        let lessons = sources.flatMap { course in course.lessonFiles.map { ($0, course) } }.filter { lesson, _ in
            guard let kind else { return true }
            let guided = String(decoding: lesson.contents.prefix(400), as: UTF8.self).contains("\nkind: guided")
            return guided == (kind == .guided)
        }
        return lessons.max { $0.0.contents.count < $1.0.contents.count }
    }

    private func largestQuizBank() -> (String, [UInt8])? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: assessments)) ?? []
        return names.filter { $0.hasSuffix(".gift") }.compactMap { name -> (String, [UInt8])? in
            guard let data = FileManager.default.contents(atPath: "\(assessments)/\(name)") else { return nil }
            return (name, Array(data))
        }.max { $0.1.count < $1.1.count }
    }

    private func quizIDs() -> Set<String> {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: assessments)) ?? []
        return Set(names.filter { $0.hasSuffix(".gift") }.map { String($0.dropLast(".gift".count)) })
    }

    private func size(_ course: CourseSource) -> Int {
        course.lessonFiles.reduce(course.courseFile?.contents.count ?? 0) { $0 + $1.contents.count }
    }

    private func kb(_ bytes: Int) -> String { String(format: "%.1f KB", Double(bytes) / 1000) }

    /// The right answer to every question of a paper, as a learner would send it.
    static func rightResponses(_ paper: AttemptPaper) -> [String: QuestionResponse] {
        var responses: [String: QuestionResponse] = [:]
        for item in paper.items {
            let question = item.question
            switch question.type {
            case .description:
                continue
            case .multichoice:
                let shown = item.choiceOrder.enumerated()
                if question.single == false {
                    responses[item.id] = .choices(
                        shown.filter { question.answers[$0.element].fraction > 0 }.map { $0.offset + 1 })
                } else {
                    let best = shown.max { question.answers[$0.element].fraction < question.answers[$1.element].fraction }
                    responses[item.id] = .choice((best?.offset ?? 0) + 1)
                }
            case .truefalse:
                responses[item.id] = .trueFalse(question.correct ?? true)
            case .shortanswer, .numerical:
                let best = question.answers.max { $0.fraction < $1.fraction }
                responses[item.id] = .text(best?.text.text ?? "")
            case .matching:
                var matches: [Int: Int] = [:]
                for (position, pairIndex) in item.promptOrder.enumerated() {
                    if let option = item.matchOptions.firstIndex(of: question.pairs[pairIndex].answer) {
                        matches[position + 1] = option + 1
                    }
                }
                responses[item.id] = .matches(matches)
            case .essay:
                responses[item.id] = .text("Tôi sẽ hướng dẫn người dân cài ứng dụng từ kho chính thức.")
            }
        }
        return responses
    }
}
