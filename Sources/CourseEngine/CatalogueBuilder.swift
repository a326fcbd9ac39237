import Crypto

/// Turns the content tree into a catalogue: parses and checks every course and lesson, renders them once, and
/// keeps only the courses without errors.
public struct CatalogueBuilder: Sendable {
    /// The catalogue to publish and everything found wrong or doubtful on the way.
    public struct Result: Sendable {
        /// Courses without errors.
        public var catalogue: Catalogue
        /// Every problem, sorted by location.
        public var diagnostics: [Diagnostic]
        /// Ids of the courses left out because they have errors.
        public var rejectedCourseIDs: [String]
    }

    public var urls: ContentURLs
    /// Callout titles by content language; the Vietnamese ones are used for any language not listed.
    public var calloutTitles: [String: CalloutTitles]

    public init(urls: ContentURLs = .site, calloutTitles: [String: CalloutTitles] = ["vi": .vietnamese]) {
        self.urls = urls
        self.calloutTitles = calloutTitles
    }

    /// Builds the catalogue from file contents. Pure: the same source always gives the same result.
    public func build(_ source: CatalogueSource) -> Result {
        var diagnostics: [Diagnostic] = []
        var parsed: [ParsedCourse] = []
        var seenIDs: [String: String] = [:]

        // Well-formed ids first, so that when two folders differ only in case the well-formed one keeps the id.
        let ordered = source.courses.sorted { (Slug.isValid($0.id) ? 0 : 1, $0.id) < (Slug.isValid($1.id) ? 0 : 1, $1.id) }
        var unique: [CourseSource] = []
        for courseSource in ordered {
            let folded = courseSource.id.lowercased()
            if let other = seenIDs[folded] {
                diagnostics.append(
                    .error("duplicate course id '\(courseSource.id)': '\(other)' has the same id", file: courseSource.directory)
                )
                continue
            }
            seenIDs[folded] = courseSource.id
            unique.append(courseSource)
        }
        // Courses are parsed, then rendered, on every core; results are taken in order, so the output is the same.
        let parses = unique.concurrentMap { courseSource in
            parseCourse(courseSource, quizIDs: source.quizIDs, quizFolder: source.assessmentsDirectory)
        }
        for (course, courseDiagnostics) in parses {
            diagnostics += courseDiagnostics
            if let course { parsed.append(course) }
        }

        let files = Dictionary(uniqueKeysWithValues: parsed.map { course in
            (course.source.id, LinkResolver.CourseFiles(
                lessonIDsByFileName: Dictionary(uniqueKeysWithValues: course.lessons.map { ($0.file.name, $0.id) }),
                assets: course.source.assets))
        })

        var courses: [Course] = []
        var rejected: [String] = []
        let renders = parsed.concurrentMap { course in render(course, files: files) }
        for (course, (rendered, renderDiagnostics)) in zip(parsed, renders) {
            diagnostics += renderDiagnostics
            let hasErrors = (course.diagnostics + renderDiagnostics).hasErrors
            if hasErrors { rejected.append(course.source.id) } else { courses.append(rendered) }
        }
        rejected += source.courses.map(\.id).filter { id in !parsed.contains { $0.source.id == id } }

        var referenced: Set<String> = []
        for course in parsed {
            if let quiz = course.values.texts["final_quiz"] { referenced.insert(quiz) }
            for lesson in course.lessons { if let quiz = lesson.values.texts["quiz"] { referenced.insert(quiz) } }
        }
        var quizzes: [String: Quiz] = [:]
        let quizSources = source.quizzes.sorted(by: { $0.id < $1.id })
        for (quizSource, (quiz, quizDiagnostics)) in zip(quizSources, quizSources.concurrentMap(buildQuiz)) {
            diagnostics += quizDiagnostics
            if !referenced.contains(quizSource.id) {
                diagnostics.append(.warning("no course or lesson uses quiz '\(quizSource.id)'; name it with 'quiz:' or 'final_quiz:'", file: quizSource.bank.path))
            }
            if let quiz, !quizDiagnostics.hasErrors { quizzes[quiz.id] = quiz }
        }
        return Result(
            catalogue: Catalogue(courses: courses, quizzes: quizzes), diagnostics: diagnostics.sortedByLocation(),
            rejectedCourseIDs: rejected.sorted())
    }

    /// Reads a quiz's bank and settings; the quiz is nil when the bank cannot be used at all.
    func buildQuiz(_ source: QuizSource) -> (Quiz?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if !Slug.isValid(source.id) {
            diagnostics.append(.error("quiz file name '\(source.id)' is not a valid id: use lowercase letters, digits and hyphens", file: source.bank.path))
        }
        let (questions, bankDiagnostics) = GIFTParser.parse(source.bank.contents, file: source.bank.path)
        diagnostics += bankDiagnostics
        var settings = QuizSettings()
        if let file = source.settings {
            let (parsed, settingsDiagnostics) = QuizSettings.parse(file.contents, file: file.path)
            settings = parsed
            diagnostics += settingsDiagnostics
        }
        let graded = questions.filter { $0.type != .description }.count
        if graded == 0 && !bankDiagnostics.hasErrors {
            diagnostics.append(.error("the quiz has no questions", file: source.bank.path))
        }
        if let count = settings.questionCount, count > graded, let file = source.settings {
            diagnostics.append(.warning("'questions: \(count)' asks for more questions than the bank's \(graded)", file: file.path))
        }
        var hasher = SHA256()
        hasher.update(data: source.bank.contents)
        hasher.update(data: source.settings?.contents ?? [])
        let quiz = Quiz(
            id: source.id, title: settings.title ?? questions.compactMap(\.category).first ?? source.id, settings: settings,
            questions: questions, contentHash: hasher.finalize().hexString, sourcePath: source.bank.path)
        return (quiz, diagnostics)
    }

    // MARK: Parsing

    private struct ParsedLesson {
        var id: String
        var position: Int
        var file: SourceFile
        var frontMatter: FrontMatter
        var values: FrontMatterSchema.Values
    }

    private struct ParsedCourse {
        var source: CourseSource
        var frontMatter: FrontMatter
        var values: FrontMatterSchema.Values
        var lessons: [ParsedLesson]
        /// Problems found while parsing, which keep the course from being published.
        var diagnostics: [Diagnostic]
    }

    private func parseCourse(_ source: CourseSource, quizIDs: Set<String>, quizFolder: String) -> (ParsedCourse?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if !Slug.isValid(source.id) {
            diagnostics.append(
                .error("course folder name '\(source.id)' is not a valid id: use lowercase letters, digits and hyphens, such as 'vneid-co-ban'", file: source.directory)
            )
        }
        guard let courseFile = source.courseFile else {
            diagnostics.append(.error("the course has no course.md", file: source.directory + "/course.md"))
            return (nil, diagnostics)
        }
        let (courseParse, fileDiagnostics) = parseFile(courseFile, schema: .course)
        diagnostics += fileDiagnostics
        guard let (frontMatter, values) = courseParse else { return (nil, diagnostics) }

        if let quiz = values.texts["final_quiz"], !quizIDs.contains(quiz), let entry = frontMatter.entry("final_quiz") {
            diagnostics.append(
                .error("final quiz '\(quiz)' names no file: expected \(quizFolder)/\(quiz).gift", file: courseFile.path, line: entry.line, column: entry.column)
            )
        }
        var lessons: [ParsedLesson] = []
        var lessonIDs: [String: String] = [:]
        var positions: [Int: String] = [:]
        for file in source.lessonFiles.sorted(by: { $0.name < $1.name }) {
            guard let (position, id) = Self.lessonName(file.name) else {
                diagnostics.append(
                    .error("lesson file name '\(file.name)' must look like 'NN-lesson-id.md', for example '01-cai-dat-ung-dung.md'", file: file.path)
                )
                continue
            }
            if let other = lessonIDs[id] {
                diagnostics.append(.error("duplicate lesson id '\(id)': '\(other)' has the same id", file: file.path))
                continue
            }
            lessonIDs[id] = file.name
            if let other = positions[position] {
                diagnostics.append(.warning("lesson number \(position) is also used by '\(other)'; the order between them is by name", file: file.path))
            }
            positions[position] = file.name
            let (lessonParse, lessonDiagnostics) = parseFile(file, schema: .lesson)
            diagnostics += lessonDiagnostics
            guard let (lessonFrontMatter, lessonValues) = lessonParse else { continue }
            if let quiz = lessonValues.texts["quiz"], !quizIDs.contains(quiz), let entry = lessonFrontMatter.entry("quiz") {
                diagnostics.append(
                    .error("quiz '\(quiz)' names no file: expected \(quizFolder)/\(quiz).gift", file: file.path, line: entry.line, column: entry.column)
                )
            }
            lessons.append(
                ParsedLesson(id: id, position: position, file: file, frontMatter: lessonFrontMatter, values: lessonValues)
            )
        }
        if source.lessonFiles.isEmpty {
            diagnostics.append(.error("the course has no lessons: add a file such as '01-gioi-thieu.md'", file: courseFile.path))
        }
        let course = ParsedCourse(source: source, frontMatter: frontMatter, values: values, lessons: lessons, diagnostics: diagnostics)
        return (course, diagnostics)
    }

    /// Decodes a file and checks its front matter; the parse is nil when the file cannot be read at all.
    private func parseFile(
        _ file: SourceFile, schema: FrontMatterSchema
    ) -> ((FrontMatter, FrontMatterSchema.Values)?, [Diagnostic]) {
        let text: String
        switch TextDecoding.decodeUTF8(file.contents) {
        case .failure(let invalid):
            return (nil, [.error("the file is not valid UTF-8: save it as UTF-8", file: file.path, line: invalid.line, column: invalid.column)])
        case .success(let decoded):
            text = decoded
        }
        let (frontMatter, blockDiagnostics) = FrontMatter.parse(text, file: file.path)
        guard let frontMatter else { return (nil, blockDiagnostics) }
        let (values, valueDiagnostics) = schema.validate(frontMatter, file: file.path)
        return ((frontMatter, values), blockDiagnostics + valueDiagnostics)
    }

    /// Splits `02-dang-nhap.md` into (2, "dang-nhap").
    static func lessonName(_ fileName: String) -> (Int, String)? {
        guard fileName.hasSuffix(".md") else { return nil }
        let stem = fileName.dropLast(3)
        guard let hyphen = stem.firstIndex(of: "-") else { return nil }
        let number = stem[..<hyphen]
        let id = String(stem[stem.index(after: hyphen)...])
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let position = Int(number),
            Slug.isValid(id)
        else { return nil }
        return (position, id)
    }

    // MARK: Rendering

    private func render(_ parsed: ParsedCourse, files: [String: LinkResolver.CourseFiles]) -> (Course, [Diagnostic]) {
        let resolver = LinkResolver(courseID: parsed.source.id, courses: files, urls: urls)
        let language = parsed.values.texts["language"] ?? "vi"
        let titles = calloutTitles[language] ?? calloutTitles["vi"] ?? .vietnamese
        var diagnostics: [Diagnostic] = []

        let introRenderer = MarkdownRenderer(
            file: parsed.source.courseFile?.path ?? parsed.source.directory, bodyStartLine: parsed.frontMatter.bodyStartLine,
            splitsSteps: false, calloutTitles: titles, resolver: resolver)
        let intro = introRenderer.render(parsed.frontMatter.body)
        diagnostics += intro.diagnostics

        var lessons: [Lesson] = []
        var hasher = SHA256()
        hasher.update(data: parsed.source.courseFile?.contents ?? [])
        for lesson in parsed.lessons.sorted(by: { ($0.position, $0.id) < ($1.position, $1.id) }) {
            let kind = LessonKind(rawValue: lesson.values.texts["kind"] ?? "") ?? .reading
            let renderer = MarkdownRenderer(
                file: lesson.file.path, bodyStartLine: lesson.frontMatter.bodyStartLine, splitsSteps: kind == .guided,
                calloutTitles: titles, resolver: resolver)
            let output = renderer.render(lesson.frontMatter.body)
            diagnostics += output.diagnostics
            let hash = ContentHash.hex(of: lesson.file.contents)
            hasher.update(data: Array(hash.utf8))
            lessons.append(
                Lesson(
                    id: lesson.id, courseID: parsed.source.id, position: lesson.position,
                    title: lesson.values.texts["title"] ?? lesson.id, kind: kind,
                    estimatedMinutes: lesson.values.integers["estimated_minutes"] ?? 0,
                    quiz: lesson.values.texts["quiz"], html: output.html, introHTML: output.introHTML,
                    steps: output.steps, headings: output.headings, contentHash: hash, sourcePath: lesson.file.path,
                    draft: lesson.values.flags["draft"] ?? false))
        }
        let values = parsed.values
        let course = Course(
            id: parsed.source.id, title: values.texts["title"] ?? parsed.source.id, summary: values.texts["summary"] ?? "",
            audience: Audience(rawValue: values.texts["audience"] ?? "") ?? .everyone,
            version: values.integers["version"] ?? 1, estimatedMinutes: values.integers["estimated_minutes"] ?? 0,
            language: language, tags: values.lists["tags"] ?? [], finalQuiz: values.texts["final_quiz"],
            refreshRequired: values.flags["refresh_required"] ?? false, draft: values.flags["draft"] ?? false,
            introHTML: intro.html, lessons: lessons,
            contentHash: hasher.finalize().hexString)
        return (course, diagnostics)
    }
}

/// SHA-256 content hashes, hex encoded.
public enum ContentHash {
    public static func hex(of bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).hexString
    }
}

extension Sequence where Element == UInt8 {
    var hexString: String {
        var result = ""
        for byte in self {
            result += String(byte >> 4, radix: 16) + String(byte & 0x0F, radix: 16)
        }
        return result
    }
}
