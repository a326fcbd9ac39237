import Foundation
import Hummingbird

/// Names of the cookies the site sets.
enum CookieName {
    static let session = "binhdan_session"
    static let csrf = "binhdan_csrf"
    /// The volunteer's own session token, kept while they help a citizen on their device; sent only to `/volunteer`.
    static let volunteer = "binhdan_volunteer"
}

/// Finds the signed-in learner from `Authorization: Bearer` or the session cookie.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let accounts: AccountService

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // Files served from memory need no identity: spare them the session lookup.
        let path = request.uri.path
        if path.hasPrefix("/static/") || path.hasPrefix("/media/") { return try await next(request, context) }
        var context = context
        if let (token, viaCookie) = Self.sessionToken(request) {
            context.identity = try accounts.identity(token: token, viaCookie: viaCookie)
        }
        // Progress recorded while a volunteer helps is marked with them, wherever in the request it is recorded.
        if let identity = context.identity, let volunteer = identity.assistedBy {
            let signedIn = context
            return try await Assistance.$current.withValue(Assistance(learnerID: identity.learner.id, volunteerID: volunteer.id)) {
                try await next(request, signedIn)
            }
        }
        return try await next(request, context)
    }

    /// The session token a request carries: `Authorization: Bearer`, else the session cookie.
    static func sessionToken(_ request: Request) -> (token: String, viaCookie: Bool)? {
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            return (String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces), false)
        } else if let token = request.cookies[CookieName.session]?.value, !token.isEmpty {
            return (token, true)
        }
        return nil
    }
}

/// Double-submit protection against cross-site request forgery: every page gets a random token in a cookie and in
/// its forms; a state-changing request that relies on cookies must send the same token back.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let secureCookies: Bool

    static let headerName = "X-CSRF-Token"
    static let formField = "_csrf"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        let existing = request.cookies[CookieName.csrf]?.value ?? ""
        context.csrfToken = existing.count >= 32 ? existing : AccountService.newToken()

        if [.post, .put, .patch, .delete].contains(request.method), needsCheck(request, context: context) {
            let sent = try await submittedToken(&request, context: context)
            guard !existing.isEmpty, let sent, constantTimeEqual(sent, existing) else {
                throw AccessError.csrfTokenMissing
            }
        }
        var response = try await next(request, context)
        if existing != context.csrfToken {
            // Readable by the page's own script, which sends it back in a header; SameSite keeps it first-party.
            response.setCookie(Cookie(
                name: CookieName.csrf, value: context.csrfToken, path: "/", secure: secureCookies,
                httpOnly: false, sameSite: .lax))
        }
        return response
    }

    /// Bearer-authenticated API calls cannot be forged by another site; forms and cookie sessions can.
    private func needsCheck(_ request: Request, context: Context) -> Bool {
        if let identity = context.identity { return identity.viaCookie }
        // A visitor's text size and contrast only set a cookie on their own device: nothing to forge, and public
        // pages stay free of per-visitor tokens, so they can be cached and revalidated.
        if request.uri.path == SitePath.preferences.path { return false }
        return isForm(request) || request.cookies[CookieName.session] != nil
    }

    private func submittedToken(_ request: inout Request, context: Context) async throws -> String? {
        if let header = request.headers[.init(Self.headerName)!] { return header }
        guard isForm(request) else { return nil }
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        request.body = .init(buffer: body)
        let form = String(buffer: body)
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.first == Substring(Self.formField) {
                return parts.count > 1 ? String(parts[1]).removingPercentEncoding : ""
            }
        }
        return nil
    }

    private func isForm(_ request: Request) -> Bool {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        return type.hasPrefix("application/x-www-form-urlencoded") || type.hasPrefix("multipart/form-data")
            || type.hasPrefix("text/plain")
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
