import CourseEngine
import Foundation
import Hummingbird

/// Publishing without restart: trainers and admins reload the content; watching pages ask whether it changed.
struct AdminAPIController: Sendable {
    typealias Context = AppRequestContext
    let reloader: ContentReloader
    let messages: MessageCatalogue

    /// The content now published after a reload.
    struct Reloaded: Codable {
        var reloaded: Bool
        var courses: Int
        var lessons: Int
        var quizzes: Int
        /// Warnings, and errors of courses that were already refused before this reload.
        var diagnostics: [Diagnostic]
    }

    /// RFC 9457 problem with the diagnostics that kept the new content from being published.
    struct Refused: Codable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
        var diagnostics: [Diagnostic]
    }

    struct Version: Codable {
        var generation: Int
    }

    func addRoutes(to router: Router<Context>) {
        router.post(RouterPath(SitePath.apiAdminReload.pattern), use: reload)
        router.get(RouterPath(SitePath.apiContentVersion.pattern), use: version)
    }

    @Sendable func reload(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        guard !identity.learner.roles.isDisjoint(with: [.trainer, .admin]) else { throw AccessError.forbidden }
        let outcome = await reloader.reload()
        if outcome.published {
            return try Self.json(
                Reloaded(
                    reloaded: true, courses: outcome.courses, lessons: outcome.lessons, quizzes: outcome.quizzes,
                    diagnostics: outcome.diagnostics),
                status: .ok, contentType: "application/json; charset=utf-8")
        }
        let language = Language.negotiate(request)
        let errors = outcome.diagnostics.filter { $0.severity == .error }.count
        return try Self.json(
            Refused(
                type: "urn:binhdan:problem:content-has-errors",
                title: messages.text("problem_content_has_errors", language),
                status: 422, detail: messages.text("problem_content_not_reloaded", language, ["count": "\(errors)"]),
                instance: request.uri.path, diagnostics: outcome.diagnostics),
            status: .unprocessableContent, contentType: "application/problem+json")
    }

    /// The reload generation: cheap enough for a watching page to ask twice a second.
    @Sendable func version(_ request: Request, context: Context) async throws -> Response {
        try Self.json(
            Version(generation: reloader.status.generation), status: .ok, contentType: "application/json; charset=utf-8"
        )
    }

    private static func json(_ value: some Encodable, status: HTTPResponse.Status, contentType: String) throws
        -> Response
    {
        Response(
            status: status, headers: [.contentType: contentType, .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONCoding.encoder.encode(value))))
    }
}
