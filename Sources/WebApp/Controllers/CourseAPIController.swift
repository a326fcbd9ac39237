import CourseEngine
import Foundation
import Hummingbird

/// The read-only JSON API over the catalogue: `/api/v1/courses...`.
struct CourseAPIController<Context: IdentifiedRequestContext>: Sendable {
    let content: ContentStore

    /// A course as listed in the catalogue.
    struct CourseSummary: Codable, Equatable {
        var id: String
        var title: String
        var summary: String
        var audience: Audience
        var version: Int
        var estimatedMinutes: Int
        var language: String
        var tags: [String]
        var lessonCount: Int
        var url: String
        /// True for a draft, which only trainers and admins are shown; left out otherwise.
        var draft: Bool? = nil
    }

    struct CourseList: Codable, Equatable {
        var courses: [CourseSummary]
    }

    /// A lesson as listed in its course.
    struct LessonSummary: Codable, Equatable {
        var id: String
        var title: String
        var kind: LessonKind
        var stepCount: Int
        var estimatedMinutes: Int
        var quiz: String?
        /// True for a draft lesson, shown to trainers and admins only; left out otherwise.
        var draft: Bool? = nil

        // `quiz` is written as null rather than left out, so clients see every field.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(stepCount, forKey: .stepCount)
            try container.encode(estimatedMinutes, forKey: .estimatedMinutes)
            try container.encode(quiz, forKey: .quiz)
            try container.encodeIfPresent(draft, forKey: .draft)
        }
    }

    /// A course with its introduction and lessons; the summary's fields stand at the top level.
    struct CourseDetail: Codable, Equatable {
        var id: String
        var title: String
        var summary: String
        var audience: Audience
        var version: Int
        var estimatedMinutes: Int
        var language: String
        var tags: [String]
        var lessonCount: Int
        var url: String
        var introHtml: String
        var contentHash: String
        var lessons: [LessonSummary]
        var draft: Bool? = nil
    }

    struct StepBody: Codable, Equatable {
        var number: Int
        var title: String
        var html: String
        var hintHtml: String?
    }

    struct LessonDetail: Codable, Equatable {
        var id: String
        var courseId: String
        var title: String
        var kind: LessonKind
        var estimatedMinutes: Int
        var quiz: String?
        var html: String
        var steps: [StepBody]
        var contentHash: String
        var url: String
        var draft: Bool? = nil

        // `quiz` is written as null rather than left out, as in `LessonSummary`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(courseId, forKey: .courseId)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(estimatedMinutes, forKey: .estimatedMinutes)
            try container.encode(quiz, forKey: .quiz)
            try container.encode(html, forKey: .html)
            try container.encode(steps, forKey: .steps)
            try container.encode(contentHash, forKey: .contentHash)
            try container.encode(url, forKey: .url)
            try container.encodeIfPresent(draft, forKey: .draft)
        }
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.apiCourses.pattern), use: list)
        router.get(RouterPath(SitePath.apiCourse("").pattern), use: course)
        router.get(RouterPath(SitePath.apiLesson("", "").pattern), use: lesson)
    }

    @Sendable func list(_ request: Request, context: Context) async throws -> Response {
        let courses = content.current.catalogue(for: context.identity).courses.map(CourseSummary.init)
        return try json(CourseList(courses: courses), request: request, context: context)
    }

    @Sendable func course(_ request: Request, context: Context) async throws -> Response {
        let course = try content.current.catalogue(for: context.identity).requireCourse(id: context.parameters.requireSlug("courseId"))
        let detail = CourseDetail(
            id: course.id, title: course.title, summary: course.summary, audience: course.audience,
            version: course.version, estimatedMinutes: course.estimatedMinutes, language: course.language,
            tags: course.tags, lessonCount: course.lessons.count, url: SitePath.course(course.id).path,
            introHtml: course.introHTML, contentHash: course.contentHash,
            lessons: course.lessons.map {
                LessonSummary(
                    id: $0.id, title: $0.title, kind: $0.kind, stepCount: $0.steps.count,
                    estimatedMinutes: $0.estimatedMinutes, quiz: $0.quiz, draft: $0.draft ? true : nil)
            }, draft: course.draft ? true : nil)
        return try json(detail, request: request, context: context)
    }

    @Sendable func lesson(_ request: Request, context: Context) async throws -> Response {
        let (course, lesson) = try content.current.catalogue(for: context.identity).requireLesson(
            courseID: context.parameters.requireSlug("courseId"), lessonID: context.parameters.requireSlug("lessonId"))
        let detail = LessonDetail(
            id: lesson.id, courseId: course.id, title: lesson.title, kind: lesson.kind,
            estimatedMinutes: lesson.estimatedMinutes, quiz: lesson.quiz, html: lesson.html,
            steps: lesson.steps.map { StepBody(number: $0.number, title: $0.title, html: $0.html, hintHtml: $0.hintHTML) },
            contentHash: lesson.contentHash, url: SitePath.lesson(course.id, lesson.id).path,
            draft: course.draft || lesson.draft ? true : nil)
        return try json(detail, request: request, context: context)
    }

    private func json(_ value: some Encodable, request: Request, context: Context) throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        // What a trainer reads may hold drafts, which no shared cache should keep.
        let cacheControl = context.identity?.learner.seesDrafts == true ? "private, no-cache" : HTTPCaching.revalidate
        return HTTPCaching.response(
            bytes: data, contentType: "application/json; charset=utf-8", request: request, cacheControl: cacheControl)
    }
}

extension CourseAPIController.CourseSummary {
    init(_ course: Course) {
        self.init(
            id: course.id, title: course.title, summary: course.summary, audience: course.audience,
            version: course.version, estimatedMinutes: course.estimatedMinutes, language: course.language,
            tags: course.tags, lessonCount: course.lessons.count, url: SitePath.course(course.id).path,
            draft: course.draft ? true : nil)
    }
}
