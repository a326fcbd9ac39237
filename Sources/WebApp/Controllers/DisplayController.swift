import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Text size and contrast: chosen with the header's buttons (plain forms, enhanced by JavaScript), kept in a cookie
/// on the device and, for a signed-in learner, with their account, so another device shows pages the same way.
struct DisplayController: Sendable {
    typealias Context = AppRequestContext
    static let cookieName = "binhdan_display"
    let database: AppDatabase
    let secureCookies: Bool

    func addRoutes(to router: Router<Context>) {
        router.post(RouterPath(SitePath.preferences.pattern), use: choose)
        router.get(RouterPath(SitePath.apiMyPreferences.pattern), use: read)
        router.put(RouterPath(SitePath.apiMyPreferences.pattern), use: update)
    }

    /// The header's form: changes what was sent, keeps the rest, and goes back to the page (or answers 204 to a
    /// script).
    @Sendable func choose(_ request: Request, context: Context) async throws -> Response {
        var request = request
        let fields = FormFields.parse(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        var preferences = context.display
        if let raw = fields["textSize"]?.first {
            guard let size = DisplayPreferences.TextSize(rawValue: raw) else {
                throw RequestError.badParameter(name: "textSize", value: raw, reasonKey: "reason_text_size")
            }
            preferences.textSize = size
        }
        if let raw = fields["contrast"]?.first {
            guard let contrast = DisplayPreferences.Contrast(rawValue: raw) else {
                throw RequestError.badParameter(name: "contrast", value: raw, reasonKey: "reason_contrast")
            }
            preferences.contrast = contrast
        }
        if let learner = context.identity?.learner { try database.setDisplayPreferences(preferences, learnerID: learner.id) }
        var response: Response
        if request.headers[.accept]?.contains("application/json") == true {
            response = Response(status: .noContent)
        } else {
            response = Response.redirect(to: Self.localPath(fields["returnTo"]?.first), type: .normal)
        }
        response.setCookie(cookie(preferences))
        return response
    }

    struct Body: Codable {
        var textSize: DisplayPreferences.TextSize
        var contrast: DisplayPreferences.Contrast
    }

    @Sendable func read(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let preferences = try database.displayPreferences(learnerID: identity.learner.id) ?? DisplayPreferences()
        return try JSONResponse.make(Body(textSize: preferences.textSize, contrast: preferences.contrast), cacheControl: "private, no-store")
    }

    @Sendable func update(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await request.decode(as: Body.self, context: context)
        let preferences = DisplayPreferences(textSize: body.textSize, contrast: body.contrast)
        try database.setDisplayPreferences(preferences, learnerID: identity.learner.id)
        var response = try JSONResponse.make(body, cacheControl: "private, no-store")
        response.setCookie(cookie(preferences))
        return response
    }

    private func cookie(_ preferences: DisplayPreferences) -> Cookie {
        Cookie(name: Self.cookieName, value: preferences.token, maxAge: 365 * 24 * 3600, path: "/", secure: secureCookies, sameSite: .lax)
    }

    /// Only a path on this site: never another site, whatever was posted.
    static func localPath(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), !raw.hasPrefix("//"), !raw.contains("\\"),
            !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return SitePath.home.path }
        return raw
    }
}

/// Works out how to show pages: the signed-in learner's choice (read with their session), else the device's cookie,
/// else the defaults.
struct DisplayMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let stored = context.identity?.display {
            context.display = stored
        } else if let token = request.cookies[DisplayController.cookieName]?.value, let chosen = DisplayPreferences(token: token) {
            context.display = chosen
        }
        return try await next(request, context)
    }
}
