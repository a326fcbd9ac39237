import CourseEngine
import Hummingbird

/// The HTML pages people read: the catalogue, a course, a lesson and a guided step.
struct PageController<Context: RequestContext>: Sendable {
    let content: ContentStore
    let pages: PageRenderer
    let messages: MessageCatalogue

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.home.pattern), use: home)
        router.get(RouterPath(SitePath.course("").pattern), use: course)
        router.get(RouterPath(SitePath.lesson("", "").pattern), use: lesson)
        router.get(RouterPath(SitePath.step("", "", 0).pattern), use: step)
    }

    @Sendable func home(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let page = CataloguePage(catalogue: content.current.catalogue, messages: messages, language: language)
        return pages.response("catalogue", title: nil, page: page, language: language, request: request)
    }

    @Sendable func course(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let course = try content.current.catalogue.requireCourse(id: context.parameters.requireSlug("courseId"))
        let page = CoursePage(course: course, messages: messages, language: language)
        return pages.response(
            "course", title: course.title, page: page, breadcrumbs: [home(language)], language: language, request: request)
    }

    @Sendable func lesson(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let (course, lesson) = try content.current.catalogue.requireLesson(
            courseID: context.parameters.requireSlug("courseId"), lessonID: context.parameters.requireSlug("lessonId"))
        let page = LessonPage(course: course, lesson: lesson, messages: messages, language: language)
        return pages.response(
            "lesson", title: "\(lesson.title) – \(course.title)", page: page,
            breadcrumbs: [home(language), Breadcrumb(name: course.title, href: SitePath.course(course.id).path)],
            language: language, request: request)
    }

    @Sendable func step(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let courseID = try context.parameters.requireSlug("courseId")
        let lessonID = try context.parameters.requireSlug("lessonId")
        let number = try context.parameters.requireStepNumber("step")
        let (course, lesson, step) = try content.current.catalogue.requireStep(courseID: courseID, lessonID: lessonID, number: number)
        let page = StepPage(course: course, lesson: lesson, step: step, messages: messages, language: language)
        return pages.response(
            "step", title: page.documentTitle, page: page,
            breadcrumbs: [
                home(language), Breadcrumb(name: course.title, href: SitePath.course(course.id).path),
                Breadcrumb(name: lesson.title, href: SitePath.lesson(course.id, lesson.id).path),
            ],
            language: language, request: request)
    }

    private func home(_ language: Language) -> Breadcrumb {
        Breadcrumb(name: messages.text("nav_home", language), href: SitePath.home.path)
    }
}
