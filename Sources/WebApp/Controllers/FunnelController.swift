import CourseEngine
import Foundation
import Hummingbird
import Storage

/// "Where learners get stuck": per lesson and guided step, and per quiz question, for trainers, as JSON and as a
/// page with the same filters.
struct FunnelController: Sendable {
    typealias Context = AppRequestContext
    let content: ContentStore
    let database: AppDatabase
    let pages: PageRenderer
    let messages: MessageCatalogue

    /// The funnel with the filters it was made with.
    struct Report: Codable, Equatable, Sendable {
        var courseId: String
        var title: String
        /// `citizens`, `officials`, or nil (or `everyone`) for every learner.
        var audience: String?
        var unitCode: String?
        var lessons: [CourseFunnel.LessonRow]
        var quizzes: [CourseFunnel.QuizRow]
    }

    /// Which learners a request asks about.
    struct Filters: Sendable {
        var audience: String?
        var unitCode: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.apiCourseFunnel("").pattern), use: funnel)
        router.get(RouterPath(SitePath.courseFunnel("").pattern), use: page)
    }

    @Sendable func funnel(_ request: Request, context: Context) async throws -> Response {
        try JSONResponse.make(try report(request, context: context), cacheControl: "private, no-store")
    }

    @Sendable func page(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let report = try report(request, context: context)
        let page = FunnelPage(report: report, messages: messages, language: language)
        var response = pages.response(
            "funnel", title: page.title, page: page, language: language, request: request, context: context)
        response.headers[.cacheControl] = "private, no-store"
        return response
    }

    /// Trainers and admins read any course for any learners; supervisors only for a unit of theirs, named with
    /// `unitCode`. Checked in this order: the role (403), the course (404), the filters (400, 404), the scope (403).
    func report(_ request: Request, context: Context) throws -> Report {
        let learner = try context.requireIdentity().learner
        let reader = learner.has(.trainer) || learner.has(.admin)
        guard reader || learner.has(.supervisor) else { throw AccessError.forbidden }
        let filters = Self.filters(request)
        guard reader || filters.unitCode != nil else { throw AccessError.forbidden }
        let catalogue = content.current.catalogue
        let course = try catalogue.requireCourse(id: try context.parameters.requireSlug("courseId"))
        var filter = FunnelFilter()
        switch filters.audience {
        case nil, "everyone": break
        case "citizens": filter.kind = .citizen
        case "officials": filter.kind = .official
        case let other?:
            throw RequestError.badParameter(name: "audience", value: other, reasonKey: "reason_funnel_audience")
        }
        if let unitCode = filters.unitCode {
            let tree = UnitTree(try database.units())
            guard tree.units[unitCode] != nil else { throw StorageError.unitNotFound(unitCode) }
            if !reader { try OfficialsAPIController.requireScope(learner, over: unitCode, tree: tree) }
            filter.unitCodes = tree.subtree(tree.effectiveCode(unitCode))
        }
        let tallies = try database.funnelTallies(courseID: course.id, filter: filter)
        var quizzes: [String: QuizAnswerTally] = [:]
        let quizIDs = CourseFunnel.quizIDs(of: course).filter { catalogue.quiz(id: $0) != nil }
        for id in quizIDs { quizzes[id] = catalogue.quiz(id: id).map(QuizAnswerTally.init(quiz:)) }
        try database.forEachSubmittedAttempt(quizIDs: quizIDs, filter: filter) { quizID, paper, responses, result in
            quizzes[quizID]?.add(paper: paper, responses: responses, result: result)
        }
        let funnel = CourseFunnel(course: course, tallies: tallies, quizzes: quizIDs.compactMap { quizzes[$0] })
        return Report(
            courseId: funnel.courseId, title: funnel.title, audience: filters.audience, unitCode: filters.unitCode,
            lessons: funnel.lessons, quizzes: funnel.quizzes)
    }

    /// The query's filters; an empty value is no filter, as an untouched form field sends it.
    static func filters(_ request: Request) -> Filters {
        func value(_ name: String) -> String? {
            guard let raw = request.uri.queryParameters.get(name)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty
            else { return nil }
            return raw
        }
        return Filters(audience: value("audience"), unitCode: value("unitCode"))
    }
}
