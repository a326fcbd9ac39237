import CourseEngine

/// One screen of a guided lesson: "Bước n/N", the instruction, and large Back / Next buttons.
struct StepPage {
    let counter: String
    let courseID: String
    let lessonID: String
    let number: Int
    let total: Int
    let title: String
    let contentLanguage: String
    let html: String
    let backHref: String
    let nextHref: String
    let nextLabel: String
    let isLast: Bool
    let courseHref: String
    /// On the last step, for a signed-in learner: the form that records the answer to "Bạn đã làm được chưa?".
    let completeAction: String?
    /// "Tôi cần giúp đỡ": the step's hint, if the author wrote one, and how to reach the help desk.
    let hintHTML: String?
    let helpDesk: String
    /// On the last step: "Đã làm được" goes on, "Cần làm lại" starts the lesson again (links for a guest).
    let retryHref: String

    /// A draft course or lesson, seen by a trainer or admin: marked "Bản nháp".
    var draft = false

    /// The document title names the step, so a screen reader announces where the learner is.
    let documentTitle: String

    init(
        course: Course, lesson: Lesson, step: Step, messages: MessageCatalogue, language: Language, signedIn: Bool = false,
        helpDesk: String? = nil
    ) {
        counter = messages.text("step_of", language, ["n": "\(step.number)", "total": "\(lesson.steps.count)"])
        courseID = course.id
        lessonID = lesson.id
        number = step.number
        total = lesson.steps.count
        title = step.title
        draft = course.draft || lesson.draft
        contentLanguage = course.language
        html = step.html
        backHref = step.number > 1
            ? SitePath.step(course.id, lesson.id, step.number - 1).path : SitePath.lesson(course.id, lesson.id).path
        isLast = step.number == lesson.steps.count
        if isLast {
            let index = course.lessons.firstIndex { $0.id == lesson.id } ?? 0
            nextHref = index + 1 < course.lessons.count
                ? SitePath.lesson(course.id, course.lessons[index + 1].id).path : SitePath.course(course.id).path
            nextLabel = messages.text("step_finish", language)
        } else {
            nextHref = SitePath.step(course.id, lesson.id, step.number + 1).path
            nextLabel = messages.text("step_next", language)
        }
        courseHref = SitePath.course(course.id).path
        completeAction = signedIn && step.number == lesson.steps.count ? SitePath.completeLesson(course.id, lesson.id).path : nil
        documentTitle = "\(counter): \(step.title) – \(lesson.title)"
        hintHTML = step.hintHTML
        self.helpDesk = helpDesk ?? messages.text("help_desk_default", language)
        retryHref = SitePath.step(course.id, lesson.id, 1).path
    }
}
