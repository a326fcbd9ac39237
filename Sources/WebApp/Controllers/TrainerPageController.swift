import CourseEngine
import Hummingbird

/// `/trainer`: what the last content load published and found wrong, for trainers and admins.
struct TrainerPageController: Sendable {
    typealias Context = AppRequestContext
    let content: ContentStore
    let pages: PageRenderer
    let messages: MessageCatalogue
    /// The folder the courses are loaded from, to group diagnostics by course.
    let coursesPath: String

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.trainer.pattern), use: trainer)
    }

    @Sendable func trainer(_ request: Request, context: Context) async throws -> Response {
        guard let identity = context.identity else { return Response.redirect(to: SitePath.signIn.path, type: .normal) }
        guard identity.learner.seesDrafts else { throw AccessError.forbidden }
        let language = Language.negotiate(request)
        let page = TrainerPage(content: content.current, coursesPath: coursesPath, messages: messages, language: language)
        return pages.response(
            "trainer", title: messages.text("trainer_title", language), page: page, language: language, request: request,
            context: context)
    }
}
