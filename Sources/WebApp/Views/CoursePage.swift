import CourseEngine

/// A course's page: its introduction and its lessons in order.
struct CoursePage {
    struct LessonItem {
        let number: String
        let title: String
        let href: String
        let kindLabel: String
        let isGuided: Bool
        let details: String
        /// A draft lesson, seen by a trainer or admin.
        var draft = false
    }

    let title: String
    let summary: String
    let contentLanguage: String
    let audienceLabel: String
    let facts: String
    let introHTML: String
    let lessons: [LessonItem]
    let startHref: String?
    /// The course's final quiz, when it is published.
    let finalQuizHref: String?
    /// A draft course, seen by a trainer or admin: marked "Bản nháp".
    let draft: Bool

    init(course: Course, messages: MessageCatalogue, language: Language, quizPublished: (String) -> Bool = { _ in true }) {
        finalQuizHref = course.finalQuiz.flatMap { quizPublished($0) ? SitePath.quiz($0).path : nil }
        title = course.title
        draft = course.draft
        summary = course.summary
        contentLanguage = course.language
        audienceLabel = messages.text("audience_\(course.audience.rawValue)", language)
        facts = [
            messages.text("lessons_count", language, ["count": "\(course.lessons.count)"]),
            messages.text("minutes", language, ["count": "\(course.estimatedMinutes)"]),
            messages.text("course_version", language, ["version": "\(course.version)"]),
        ].joined(separator: " · ")
        introHTML = course.introHTML
        lessons = course.lessons.enumerated().map { offset, lesson in
            var details = [messages.text("minutes", language, ["count": "\(lesson.estimatedMinutes)"])]
            if lesson.kind == .guided {
                details.insert(messages.text("steps_count", language, ["count": "\(lesson.steps.count)"]), at: 0)
            }
            return LessonItem(
                number: messages.text("lesson_number", language, ["number": "\(offset + 1)"]),
                title: lesson.title,
                href: SitePath.lesson(course.id, lesson.id).path,
                kindLabel: messages.text("lesson_kind_\(lesson.kind.rawValue)", language),
                isGuided: lesson.kind == .guided,
                details: details.joined(separator: " · "), draft: lesson.draft)
        }
        startHref = course.lessons.first.map { SitePath.lesson(course.id, $0.id).path }
    }
}
