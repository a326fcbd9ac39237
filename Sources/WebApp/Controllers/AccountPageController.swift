import CourseEngine
import Foundation
import Hummingbird
import Storage

/// The pages to sign in, to start as a citizen, to see one's learning, and to sign out.
struct AccountPageController: Sendable {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let cookies: SessionCookies
    let pages: PageRenderer
    let messages: MessageCatalogue
    let content: ContentStore

    struct PasswordForm: Decodable {
        var username: String?
        var password: String?
    }

    struct CodeForm: Decodable {
        var code: String?
    }

    struct StartForm: Decodable {
        var name: String?
        var phone: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.signIn.pattern), use: signInPage)
        router.post(RouterPath(SitePath.signIn.pattern), use: signIn)
        router.post(RouterPath(SitePath.signInWithCode.pattern), use: signInWithCode)
        router.get(RouterPath(SitePath.start.pattern), use: startPage)
        router.post(RouterPath(SitePath.start.pattern), use: start)
        router.post(RouterPath(SitePath.signOut.pattern), use: signOut)
        router.get(RouterPath(SitePath.myLearning.pattern), use: myLearning)
        router.post(RouterPath(SitePath.changePassword.pattern), use: changePassword)
    }

    struct PasswordChangeForm: Decodable {
        var current: String?
        var new: String?
    }

    /// An official replaces their password; the answer is the "my learning" page with a notice.
    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let form = try await decodeForm(PasswordChangeForm.self, request, context: context)
        do {
            try await accounts.changePassword(identity, current: form.current ?? "", new: form.new ?? "", address: context.clientAddress)
            return try renderMyLearning(request, context: context, notice: "password_changed", error: nil, status: .ok)
        } catch let error as AccountService.SignInError {
            let language = Language.negotiate(request)
            let message = switch error {
            case .invalidCredentials: messages.text("password_current_wrong", language)
            case .passwordTooShort: messages.text("problem_password_too_short", language, ["count": "\(AccountService.minimumPasswordLength)"])
            case .tooManyAttempts(let seconds): messages.text("problem_too_many_attempts", language, ["minutes": "\(max(1, seconds / 60))"])
            case .invalidResumeCode: messages.text("problem_invalid_resume_code", language)
            }
            return try renderMyLearning(request, context: context, notice: nil, error: message, status: error.status)
        }
    }

    @Sendable func signInPage(_ request: Request, context: Context) async throws -> Response {
        renderSignIn(request, context: context, error: nil, status: .ok)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let form = try await decodeForm(PasswordForm.self, request, context: context)
        do {
            let session = try await accounts.signIn(
                username: form.username ?? "", password: form.password ?? "", address: context.clientAddress)
            return signedIn(session, to: SitePath.myLearning.path)
        } catch let error as AccountService.SignInError {
            return renderSignIn(request, context: context, error: error, status: error.status)
        }
    }

    @Sendable func signInWithCode(_ request: Request, context: Context) async throws -> Response {
        let form = try await decodeForm(CodeForm.self, request, context: context)
        do {
            let session = try await accounts.resume(code: form.code ?? "", address: context.clientAddress)
            return signedIn(session, to: SitePath.myLearning.path)
        } catch let error as AccountService.SignInError {
            return renderSignIn(request, context: context, error: error, status: error.status)
        }
    }

    @Sendable func startPage(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        return pages.response(
            "start", title: messages.text("start_title", language), page: StartPage(error: nil, name: "", phone: ""),
            language: language, request: request, context: context)
    }

    /// Registers a citizen and shows their resume code once, on this response only: it is never stored in clear.
    @Sendable func start(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let form = try await decodeForm(StartForm.self, request, context: context)
        let name: String
        let phone: String?
        do {
            (name, phone) = try CitizenForm.validate(name: form.name ?? "", phone: form.phone)
        } catch RequestError.badParameter(let field, _, let reasonKey) {
            let page = StartPage(
                error: messages.text("start_error_\(field)", language, ["reason": messages.text(reasonKey, language)]),
                name: form.name ?? "", phone: form.phone ?? "")
            return pages.response(
                "start", title: messages.text("start_title", language), page: page, language: language, request: request,
                context: context, status: .badRequest)
        }
        let (session, code) = try accounts.registerCitizen(name: name, phone: phone)
        var signedInContext = context
        signedInContext.identity = Identity(learner: session.learner, tokenHash: "", viaCookie: true)
        var response = pages.response(
            "resume-code", title: messages.text("code_title", language),
            page: ResumeCodePage(name: session.learner.displayName, code: code.display, continueHref: SitePath.home.path),
            language: language, request: request, context: signedInContext, status: .created)
        response.headers[.cacheControl] = "no-store"
        response.setCookie(cookies.session(session))
        return response
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        if let identity = context.identity { try accounts.signOut(identity) }
        var response = Response.redirect(to: SitePath.home.path, type: .normal)
        response.setCookie(cookies.expired())
        return response
    }

    @Sendable func myLearning(_ request: Request, context: Context) async throws -> Response {
        guard context.identity != nil else { return Response.redirect(to: SitePath.signIn.path, type: .normal) }
        return try renderMyLearning(request, context: context, notice: nil, error: nil, status: .ok)
    }

    private func renderMyLearning(
        _ request: Request, context: Context, notice: String?, error: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let identity = try context.requireIdentity()
        let language = Language.negotiate(request)
        let catalogue = content.current.catalogue
        let summary = LearningSummary(
            progress: try accounts.database.progress(learnerID: identity.learner.id), catalogue: catalogue,
            assistance: try accounts.database.assistance(learnerID: identity.learner.id))
        let mustChange = try identity.learner.kind == .official && accounts.database.mustChangePassword(learnerID: identity.learner.id)
        let page = MyLearningPage(
            learner: identity.learner, summary: summary, messages: messages, language: language,
            certificates: try accounts.database.certificates(learnerID: identity.learner.id),
            notice: notice.map { messages.text($0, language) }, error: error, mustChangePassword: mustChange,
            changePasswordAction: identity.learner.username == nil ? nil : SitePath.changePassword.path)
        return pages.response(
            "my-learning", title: messages.text("my_learning_title", language), page: page, language: language,
            request: request, context: context, status: status)
    }

    private func signedIn(_ session: AccountService.NewSession, to path: String) -> Response {
        var response = Response.redirect(to: path, type: .normal)
        response.setCookie(cookies.session(session))
        return response
    }

    private func renderSignIn(_ request: Request, context: Context, error: AccountService.SignInError?, status: HTTPResponse.Status) -> Response {
        let language = Language.negotiate(request)
        let message: String? = error.map {
            switch $0 {
            case .invalidCredentials: messages.text("problem_invalid_credentials", language)
            case .invalidResumeCode: messages.text("problem_invalid_resume_code", language)
            case .tooManyAttempts(let seconds): messages.text("problem_too_many_attempts", language, ["minutes": "\(max(1, seconds / 60))"])
            case .passwordTooShort: messages.text("problem_password_too_short", language, ["count": "\(AccountService.minimumPasswordLength)"])
            }
        }
        var response = pages.response(
            "signin", title: messages.text("signin_title", language),
            page: SignInPage(error: message, startHref: SitePath.start.path),
            language: language, request: request, context: context, status: status)
        if case .tooManyAttempts(let seconds) = error { response.headers[.retryAfter] = "\(seconds)" }
        return response
    }

    private func decodeForm<Form: Decodable>(_ type: Form.Type, _ request: Request, context: Context) async throws -> Form {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return try URLEncodedFormDecoder().decode(Form.self, from: String(buffer: body))
    }
}

extension AccountService.SignInError {
    var status: HTTPResponse.Status {
        switch self {
        case .invalidCredentials, .invalidResumeCode: .unauthorized
        case .tooManyAttempts: .tooManyRequests
        case .passwordTooShort: .badRequest
        }
    }
}
