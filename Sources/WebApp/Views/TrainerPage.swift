import CourseEngine

/// The trainer's page: every course as it was last loaded, with its version, lessons, drafts and diagnostics, and
/// links to preview each course, lesson and quiz.
struct TrainerPage {
    struct DiagnosticItem {
        let text: String
        let severity: String
    }

    struct LessonItem {
        let title: String
        let href: String
        let draft: Bool
        let facts: String
    }

    struct CourseItem {
        let id: String
        let title: String
        /// The preview link; nil for a course that was refused.
        let href: String?
        let facts: String
        let draft: Bool
        let rejected: Bool
        let lessons: [LessonItem]
        let hasLessons: Bool
        let diagnostics: [DiagnosticItem]
        let hasDiagnostics: Bool
    }

    struct QuizItem {
        let id: String
        let title: String
        let href: String
        /// What `binhdan quiz inspect` prints for the bank.
        let inspection: String
        let diagnostics: [DiagnosticItem]
        let hasDiagnostics: Bool
    }

    let summary: String
    let courses: [CourseItem]
    let quizzes: [QuizItem]
    let hasQuizzes: Bool
    /// Diagnostics of files that belong to no course or quiz shown above.
    let otherDiagnostics: [DiagnosticItem]
    let hasOtherDiagnostics: Bool

    /// `coursesPath` is the folder the courses were loaded from, to tell which diagnostics belong to which course.
    init(content: PublishedContent, coursesPath: String, messages: MessageCatalogue, language: Language) {
        let catalogue = content.preview
        let errors = content.diagnostics.filter { $0.severity == .error }.count
        summary = messages.text("trainer_summary", language, [
            "courses": "\(catalogue.courses.count)", "lessons": "\(catalogue.lessonCount)",
            "errors": "\(errors)", "warnings": "\(content.diagnostics.count - errors)",
        ])
        let folder = coursesPath.hasSuffix("/") ? String(coursesPath.dropLast()) : coursesPath
        var claimed: Set<Diagnostic> = []
        func diagnostics(where belongs: (Diagnostic) -> Bool) -> [DiagnosticItem] {
            let found = content.diagnostics.filter(belongs)
            claimed.formUnion(found)
            return found.map { DiagnosticItem(text: $0.formatted, severity: $0.severity.rawValue) }
        }
        func inCourse(_ id: String, _ lessons: [Lesson]) -> (Diagnostic) -> Bool {
            let directories = Set([folder + "/" + id] + lessons.map { Self.directory(of: $0.sourcePath) })
            return { diagnostic in
                directories.contains { diagnostic.file == $0 || diagnostic.file.hasPrefix($0 + "/") }
            }
        }
        var items: [CourseItem] = catalogue.courses.map { course in
            var facts = [
                messages.text("course_version", language, ["version": "\(course.version)"]),
                messages.text("lessons_count", language, ["count": "\(course.lessons.count)"]),
            ]
            let drafts = course.lessons.filter(\.draft).count
            if drafts > 0 { facts.append(messages.text("trainer_draft_lessons", language, ["count": "\(drafts)"])) }
            facts.append(messages.text("audience_\(course.audience.rawValue)", language))
            let found = diagnostics(where: inCourse(course.id, course.lessons))
            return CourseItem(
                id: course.id, title: course.title, href: SitePath.course(course.id).path,
                facts: facts.joined(separator: " · "), draft: course.draft, rejected: false,
                lessons: course.lessons.map { lesson in
                    var facts = [messages.text("lesson_kind_\(lesson.kind.rawValue)", language)]
                    if lesson.kind == .guided {
                        facts.append(messages.text("steps_count", language, ["count": "\(lesson.steps.count)"]))
                    }
                    facts.append(String(lesson.contentHash.prefix(12)))
                    return LessonItem(
                        title: lesson.title, href: SitePath.lesson(course.id, lesson.id).path, draft: lesson.draft,
                        facts: facts.joined(separator: " · "))
                },
                hasLessons: !course.lessons.isEmpty, diagnostics: found, hasDiagnostics: !found.isEmpty)
        }
        for id in content.rejectedCourseIDs {
            let found = diagnostics(where: inCourse(id, []))
            items.append(CourseItem(
                id: id, title: id, href: nil, facts: messages.text("trainer_rejected", language), draft: false,
                rejected: true, lessons: [], hasLessons: false, diagnostics: found, hasDiagnostics: !found.isEmpty))
        }
        courses = items
        quizzes = catalogue.quizzes.values.sorted { $0.id < $1.id }.map { quiz in
            let directory = Self.directory(of: quiz.sourcePath)
            let found = diagnostics { diagnostic in
                diagnostic.file == quiz.sourcePath || diagnostic.file == "\(directory)/\(quiz.id).yml"
            }
            return QuizItem(
                id: quiz.id, title: quiz.title, href: SitePath.quiz(quiz.id).path,
                inspection: QuizInspection.summary(quiz.questions), diagnostics: found, hasDiagnostics: !found.isEmpty)
        }
        hasQuizzes = !quizzes.isEmpty
        otherDiagnostics = content.diagnostics.filter { !claimed.contains($0) }
            .map { DiagnosticItem(text: $0.formatted, severity: $0.severity.rawValue) }
        hasOtherDiagnostics = !otherDiagnostics.isEmpty
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return String(path[..<slash])
    }
}
