import CourseEngine
import Foundation
import Hummingbird
import Storage

/// The volunteer's pages: registering citizens and printing their code, helping one on this device and stopping,
/// and the share of completions made with help for trainers and supervisors.
///
/// While a volunteer helps, the device's session cookie holds the citizen's assisted session, and the volunteer's
/// own token waits in an HttpOnly cookie sent only to `/volunteer`; ending the help puts it back, without a password,
/// and only when it is a live session of the volunteer named by the assisted session.
struct VolunteerPageController: Sendable {
    typealias Context = AppRequestContext
    let volunteers: VolunteerService
    let api: VolunteerAPIController
    let cookies: SessionCookies
    let pages: PageRenderer
    let messages: MessageCatalogue
    /// Where the site is reached from outside, to tell a citizen where to type their code.
    let publicURL: String

    struct RegisterForm: Decodable {
        var name: String?
        var phone: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.volunteer.pattern), use: volunteerPage)
        router.post(RouterPath(SitePath.volunteerCitizens.pattern), use: register)
        router.post(RouterPath(SitePath.volunteerAssist("").pattern), use: startAssisting)
        router.post(RouterPath(SitePath.volunteerEndAssist.pattern), use: endAssisting)
        router.get(RouterPath(SitePath.assistedReport("").pattern), use: report)
    }

    @Sendable func volunteerPage(_ request: Request, context: Context) async throws -> Response {
        guard let identity = context.identity else { return Response.redirect(to: SitePath.signIn.path, type: .normal) }
        return try render(request, context: context, identity: identity, error: nil, form: nil, status: .ok)
    }

    /// Registers a citizen and shows their code once, on this response only; a field that breaks the rules gives
    /// the volunteer's page again with the message and what was typed.
    @Sendable func register(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        try VolunteerService.requireVolunteer(identity)
        let language = Language.negotiate(request)
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        let form = try URLEncodedFormDecoder().decode(RegisterForm.self, from: String(buffer: body))
        let citizen: Learner
        let code: ResumeCode
        do {
            (citizen, code) = try volunteers.register(name: form.name ?? "", phone: form.phone, by: identity)
        } catch RequestError.badParameter(let field, _, let reasonKey) {
            let message = messages.text(
                "start_error_\(field)", language, ["reason": messages.text(reasonKey, language)])
            return try render(
                request, context: context, identity: identity, error: message, form: form, status: .badRequest)
        }
        let page = VolunteerCodePage(
            name: citizen.displayName, code: code.display,
            howToSignIn: messages.text(
                "volunteer_code_step_open", language, ["address": publicURL + SitePath.signIn.path]),
            assistAction: SitePath.volunteerAssist(citizen.id).path, listHref: SitePath.volunteer.path)
        var response = pages.response(
            "volunteer-code", title: messages.text("volunteer_code_title", language, ["name": citizen.displayName]),
            page: page,
            language: language, request: request, context: context, status: .created)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// From here the device acts as the citizen, with the volunteer beside them; the volunteer's own token is kept.
    @Sendable func startAssisting(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let session = try volunteers.startAssisting(
            citizenID: try context.parameters.require("learnerId"), by: identity)
        guard let (ownToken, _) = SessionMiddleware.sessionToken(request) else { throw AccessError.notSignedIn }
        var response = Response.redirect(to: SitePath.home.path, type: .normal)
        response.setCookie(cookies.session(session))
        response.setCookie(
            Cookie(
                name: CookieName.volunteer, value: ownToken, expires: session.expiresAt, path: SitePath.volunteer.path,
                secure: cookies.secure, httpOnly: true, sameSite: .strict))
        return response
    }

    /// Ends the assisted session and gives the device back to the volunteer; when their own session is gone too,
    /// the device is signed out.
    @Sendable func endAssisting(_ request: Request, context: Context) async throws -> Response {
        var response = Response.redirect(to: SitePath.volunteer.path, type: .normal)
        if let identity = context.identity, let volunteer = identity.assistedBy {
            try volunteers.accounts.signOut(identity)
            let kept = request.cookies[CookieName.volunteer]?.value ?? ""
            if !kept.isEmpty, let own = try volunteers.accounts.ownSession(token: kept, of: volunteer.id) {
                response.setCookie(cookies.session(own))
            } else {
                response = Response.redirect(to: SitePath.signIn.path, type: .normal)
                response.setCookie(cookies.expired())
            }
        } else if context.identity == nil {
            response = Response.redirect(to: SitePath.signIn.path, type: .normal)
        }
        response.setCookie(
            Cookie(
                name: CookieName.volunteer, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0,
                path: SitePath.volunteer.path,
                secure: cookies.secure, httpOnly: true, sameSite: .strict))
        return response
    }

    @Sendable func report(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let share = try api.assistedShare(request, context: context)
        let page = AssistedReportPage(share: share, messages: messages, language: language)
        return pages.response(
            "assisted-report", title: page.title, page: page, language: language, request: request, context: context)
    }

    private func render(
        _ request: Request, context: Context, identity: Identity, error: String?, form: RegisterForm?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let language = Language.negotiate(request)
        let page = VolunteerPage(
            citizens: try volunteers.citizens(of: identity), messages: messages, language: language, error: error,
            name: form?.name ?? "", phone: form?.phone ?? "")
        return pages.response(
            "volunteer", title: messages.text("volunteer_title", language), page: page, language: language,
            request: request,
            context: context, status: status)
    }
}
