import CourseEngine

/// A lesson's page: a reading lesson whole, or a guided lesson's introduction and its list of steps.
struct LessonPage {
    struct StepItem {
        let label: String
        let title: String
        let href: String
    }

    struct NeighbourLink {
        let href: String
        let label: String
    }

    let title: String
    let contentLanguage: String
    let kindLabel: String
    let facts: String
    let html: String
    let isGuided: Bool
    let steps: [StepItem]
    let startHref: String?
    let previous: NeighbourLink?
    let next: NeighbourLink?
    let courseHref: String
    /// For a signed-in learner reading a lesson: the form that marks it done.
    let completeAction: String?
    /// The lesson's quiz, when it is published.
    let quizHref: String?
    /// A draft course or lesson, seen by a trainer or admin: marked "Bản nháp".
    let draft: Bool
    /// "Bài học đã được cập nhật", when the learner completed this lesson and it changed since.
    var updatedNotice: String? = nil

    init(
        course: Course, lesson: Lesson, messages: MessageCatalogue, language: Language, signedIn: Bool = false,
        quizPublished: (String) -> Bool = { _ in true }
    ) {
        completeAction = signedIn && lesson.kind == .reading ? SitePath.completeLesson(course.id, lesson.id).path : nil
        quizHref = lesson.quiz.flatMap { quizPublished($0) ? SitePath.quiz($0).path : nil }
        title = lesson.title
        draft = course.draft || lesson.draft
        contentLanguage = course.language
        kindLabel = messages.text("lesson_kind_\(lesson.kind.rawValue)", language)
        var facts = [messages.text("minutes", language, ["count": "\(lesson.estimatedMinutes)"])]
        if lesson.kind == .guided {
            facts.insert(messages.text("steps_count", language, ["count": "\(lesson.steps.count)"]), at: 0)
        }
        self.facts = facts.joined(separator: " · ")
        html = lesson.introHTML
        isGuided = lesson.kind == .guided
        steps = lesson.steps.map { step in
            StepItem(
                label: messages.text("step_of", language, ["n": "\(step.number)", "total": "\(lesson.steps.count)"]),
                title: step.title,
                href: SitePath.step(course.id, lesson.id, step.number).path)
        }
        startHref = lesson.steps.isEmpty ? nil : SitePath.step(course.id, lesson.id, 1).path
        let index = course.lessons.firstIndex { $0.id == lesson.id } ?? 0
        previous = index > 0 ? Self.link(course, course.lessons[index - 1], "lesson_previous", messages, language) : nil
        next = index + 1 < course.lessons.count
            ? Self.link(course, course.lessons[index + 1], "lesson_next", messages, language) : nil
        courseHref = SitePath.course(course.id).path
    }

    private static func link(
        _ course: Course, _ lesson: Lesson, _ key: String, _ messages: MessageCatalogue, _ language: Language
    ) -> NeighbourLink {
        NeighbourLink(
            href: SitePath.lesson(course.id, lesson.id).path,
            label: messages.text(key, language, ["title": lesson.title]))
    }
}
