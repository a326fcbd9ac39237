import CourseEngine
import Foundation
import Hummingbird

/// The HTML pages people read: the catalogue, a course, a lesson and a guided step. For a signed-in learner the pages
/// record progress themselves, so learning counts without JavaScript.
struct PageController: Sendable {
    typealias Context = AppRequestContext
    let content: ContentStore
    let pages: PageRenderer
    let messages: MessageCatalogue
    let recorder: ProgressRecorder
    /// How to reach the commune's help desk, from the configuration; nil for the catalogue's general advice.
    var helpDesk: String?

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.home.pattern), use: home)
        router.get(RouterPath(SitePath.course("").pattern), use: course)
        router.get(RouterPath(SitePath.lesson("", "").pattern), use: lesson)
        router.get(RouterPath(SitePath.step("", "", 0).pattern), use: step)
        router.post(RouterPath(SitePath.completeLesson("", "").pattern), use: complete)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let catalogue = content.current.catalogue(for: context.identity)
        var continueLink: ContinueLink?
        if let learner = context.identity?.learner,
            let latest = try recorder.database.progress(learnerID: learner.id).first(where: { catalogue.course(id: $0.courseID)?.lesson(id: $0.lessonID) != nil })
        {
            continueLink = ContinueLink(progress: latest, catalogue: catalogue, messages: messages, language: language)
        }
        var due: [DueCourseItem] = []
        if let learner = context.identity?.learner {
            due = try recorder.officials.dueCourses(for: learner).map { item in
                DueCourseItem(
                    title: item.course.title, href: SitePath.course(item.course.id).path,
                    dueLabel: messages.text("report_due", language, ["date": item.assignment.dueDate]),
                    statusLabel: messages.text("course_status_\(item.status.rawValue)", language),
                    statusClass: item.status.rawValue.replacingOccurrences(of: "_", with: "-"),
                    actionLabel: messages.text(item.status == .notStarted ? "course_start" : "continue_learning", language))
            }
        }
        let page = CataloguePage(
            catalogue: catalogue, messages: messages, language: language, continueLink: continueLink, dueCourses: due)
        return pages.response("catalogue", title: nil, page: page, language: language, request: request, context: context)
    }

    @Sendable func course(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let catalogue = content.current.catalogue(for: context.identity)
        let course = try catalogue.requireCourse(id: context.parameters.requireSlug("courseId"))
        let page = CoursePage(course: course, messages: messages, language: language) { catalogue.quiz(id: $0) != nil }
        return pages.response(
            "course", title: course.title, page: page, breadcrumbs: [home(language)], language: language,
            request: request, context: context)
    }

    @Sendable func lesson(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let catalogue = content.current.catalogue(for: context.identity)
        let (course, lesson) = try catalogue.requireLesson(
            courseID: context.parameters.requireSlug("courseId"), lessonID: context.parameters.requireSlug("lessonId"))
        var updated = false
        var visit: Task<Void, any Error>?
        // A trainer previewing a draft leaves no progress behind.
        if let learner = context.identity?.learner, !course.draft, !lesson.draft {
            // Read before this visit is recorded, which remembers the content the learner now sees.
            updated = try recorder.database.lessonProgress(learnerID: learner.id, courseID: course.id, lessonID: lesson.id)?
                .isUpdated(since: lesson) ?? false
            // Stored while the page is rendered; the page is sent once the visit is durable.
            visit = Task { [recorder] in try await recorder.recordPageEvent(.opened, course: course, lesson: lesson, learner: learner) }
        }
        var page = LessonPage(
            course: course, lesson: lesson, messages: messages, language: language, signedIn: context.identity != nil
        ) { catalogue.quiz(id: $0) != nil }
        page.updatedNotice = updated ? messages.text("lesson_updated", language) : nil
        let response = pages.response(
            "lesson", title: "\(lesson.title) – \(course.title)", page: page,
            breadcrumbs: [home(language), Breadcrumb(name: course.title, href: SitePath.course(course.id).path)],
            language: language, request: request, context: context)
        try await visit?.value
        return response
    }

    @Sendable func step(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let courseID = try context.parameters.requireSlug("courseId")
        let lessonID = try context.parameters.requireSlug("lessonId")
        let number = try context.parameters.requireStepNumber("step")
        let (course, lesson, step) = try content.current.catalogue(for: context.identity)
            .requireStep(courseID: courseID, lessonID: lessonID, number: number)
        var visit: Task<Void, any Error>?
        if let learner = context.identity?.learner, !course.draft, !lesson.draft {
            // Stored while the page is rendered; the page is sent once the visit is durable.
            visit = Task { [recorder] in
                try await recorder.recordPageEvent(.step, course: course, lesson: lesson, step: number, learner: learner)
            }
        }
        let page = StepPage(
            course: course, lesson: lesson, step: step, messages: messages, language: language,
            signedIn: context.identity != nil, helpDesk: helpDesk)
        let response = pages.response(
            "step", title: page.documentTitle, page: page,
            breadcrumbs: [
                home(language), Breadcrumb(name: course.title, href: SitePath.course(course.id).path),
                Breadcrumb(name: lesson.title, href: SitePath.lesson(course.id, lesson.id).path),
            ],
            language: language, request: request, context: context)
        try await visit?.value
        return response
    }

    /// "I have finished this lesson": records completion and goes on to the next lesson, or back to the course. At
    /// the end of a guided lesson the form carries the answer to "Bạn đã làm được chưa?": "managed" completes the
    /// lesson, "retry" is recorded and starts the lesson again from its first step.
    @Sendable func complete(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let (course, lesson) = try content.current.catalogue(for: identity).requireLesson(
            courseID: context.parameters.requireSlug("courseId"), lessonID: context.parameters.requireSlug("lessonId"))
        var request = request
        let fields = FormFields.parse(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        var answer: LastStepAnswer?
        if let raw = fields["answer"]?.first {
            guard lesson.kind == .guided, let parsed = LastStepAnswer(rawValue: raw) else {
                throw RequestError.badParameter(name: "answer", value: raw, reasonKey: "reason_answer")
            }
            answer = parsed
        }
        if let answer {
            if !course.draft && !lesson.draft {
                try await recorder.recordPageEvent(.answered, course: course, lesson: lesson, step: lesson.steps.count, answer: answer, learner: identity.learner)
            }
            if answer == .retry { return Response.redirect(to: SitePath.step(course.id, lesson.id, 1).path, type: .normal) }
        }
        if !course.draft && !lesson.draft {
            try await recorder.recordPageEvent(.completed, course: course, lesson: lesson, learner: identity.learner)
        }
        let index = course.lessons.firstIndex { $0.id == lesson.id } ?? 0
        let next = index + 1 < course.lessons.count
            ? SitePath.lesson(course.id, course.lessons[index + 1].id).path : SitePath.course(course.id).path
        return Response.redirect(to: next, type: .normal)
    }

    private func home(_ language: Language) -> Breadcrumb {
        Breadcrumb(name: messages.text("nav_home", language), href: SitePath.home.path)
    }
}

/// "Học tiếp": where a learner stopped, down to the step.
struct ContinueLink {
    let href: String
    let label: String
    let detail: String

    init?(progress: LessonProgress, catalogue: Catalogue, messages: MessageCatalogue, language: Language) {
        guard let course = catalogue.course(id: progress.courseID), let lesson = course.lesson(id: progress.lessonID) else {
            return nil
        }
        label = messages.text("continue_learning", language)
        if lesson.kind == .guided, progress.lastStep >= 1, progress.lastStep <= lesson.steps.count, progress.status != .completed {
            href = SitePath.step(course.id, lesson.id, progress.lastStep).path
            detail = "\(lesson.title) – " + messages.text("step_of", language, ["n": "\(progress.lastStep)", "total": "\(lesson.steps.count)"])
        } else {
            href = SitePath.lesson(course.id, lesson.id).path
            detail = "\(lesson.title) – \(course.title)"
        }
    }
}
