import Foundation
import Hummingbird

/// Files served from memory: `/static/...`, course images under `/media/...`, the service worker at `/sw.js`, the
/// OpenAPI document, and `/healthz`.
struct AssetController<Context: RequestContext>: Sendable {
    let content: ContentStore
    let assets: StaticAssets

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.asset("").pattern), use: asset)
        router.get(RouterPath(SitePath.media("", "").pattern), use: media)
        router.get(RouterPath(SitePath.apiOpenAPI.pattern), use: openAPI)
        router.get(RouterPath(SitePath.health.pattern), use: health)
        router.get(RouterPath(SitePath.serviceWorker.pattern), use: serviceWorker)
    }

    @Sendable func asset(_ request: Request, context: Context) async throws -> Response {
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let file = assets.files[path] else { throw HTTPError(.notFound) }
        let versioned = request.uri.queryParameters.get("v") != nil
        return HTTPCaching.response(file: file, request: request, cacheControl: versioned ? HTTPCaching.immutable : HTTPCaching.shortLived)
    }

    @Sendable func media(_ request: Request, context: Context) async throws -> Response {
        let courseID = try context.parameters.requireSlug("courseId")
        let path = context.parameters.getCatchAll().joined(separator: "/")
        guard let file = content.current.media[courseID]?[path] else { throw HTTPError(.notFound) }
        return HTTPCaching.response(file: file, request: request, cacheControl: HTTPCaching.shortLived)
    }

    /// `Static/sw.js` from the root, so that its scope covers the whole site. Browsers check it for updates on each
    /// visit: it is always revalidated, never kept under a version, and its ETag follows its content.
    @Sendable func serviceWorker(_ request: Request, context: Context) async throws -> Response {
        guard let file = assets.files["sw.js"] else { throw HTTPError(.notFound) }
        return HTTPCaching.response(file: file, request: request, cacheControl: HTTPCaching.revalidate)
    }

    @Sendable func openAPI(_ request: Request, context: Context) async throws -> Response {
        guard let file = assets.files["openapi.yaml"] else { throw HTTPError(.notFound) }
        return HTTPCaching.response(file: file, request: request, cacheControl: HTTPCaching.revalidate)
    }

    /// Liveness and what is published, for monitoring.
    struct Health: Codable {
        var status: String
        var courses: Int
        var lessons: Int
        var rejectedCourses: [String]
    }

    @Sendable func health(_ request: Request, context: Context) async throws -> Response {
        let current = content.current
        let body = try JSONCoding.encoder.encode(
            Health(status: "ok", courses: current.catalogue.courses.count, lessons: current.catalogue.lessonCount,
                   rejectedCourses: current.rejectedCourseIDs))
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}
