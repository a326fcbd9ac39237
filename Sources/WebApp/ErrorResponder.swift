import CourseEngine
import Foundation
import Hummingbird
import Logging
import Storage

/// The one place that turns domain errors into HTTP: problem+json (RFC 9457) for the API, a friendly page for people.
struct ErrorResponder: Sendable {
    let messages: MessageCatalogue
    let pages: PageRenderer

    /// An RFC 9457 problem document.
    struct Problem: Codable, Equatable {
        var type: String
        var title: String
        var status: Int
        var detail: String
        var instance: String
    }

    /// What an error means for the reader, before it is written as JSON or HTML.
    struct Outcome {
        let status: HTTPResponse.Status
        let problemType: String
        let detail: String
        var retryAfter: Int? = nil
    }

    func outcome(for error: any Error, path: String, language: Language) -> Outcome {
        switch error {
        case let error as CatalogueError:
            switch error {
            case .courseNotFound(let course):
                return Outcome(status: .notFound, problemType: "course-not-found",
                               detail: messages.text("problem_course_not_found", language, ["courseId": course]))
            case .lessonNotFound(let course, let lesson):
                return Outcome(status: .notFound, problemType: "lesson-not-found",
                               detail: messages.text("problem_lesson_not_found", language, ["courseId": course, "lessonId": lesson]))
            case .stepNotFound(_, let lesson, let step):
                return Outcome(status: .notFound, problemType: "step-not-found",
                               detail: messages.text("problem_step_not_found", language, ["lessonId": lesson, "step": "\(step)"]))
            case .lessonHasNoSteps(_, let lesson):
                return Outcome(status: .notFound, problemType: "lesson-has-no-steps",
                               detail: messages.text("problem_not_guided", language, ["lessonId": lesson]))
            case .quizNotFound(let quiz):
                return Outcome(status: .notFound, problemType: "quiz-not-found",
                               detail: messages.text("problem_quiz_not_found", language, ["quizId": quiz]))
            }
        case let error as RequestError:
            switch error {
            case .badParameter(let name, _, let reasonKey):
                return Outcome(status: .badRequest, problemType: "bad-parameter",
                               detail: messages.text("problem_bad_parameter", language,
                                                     ["name": name, "reason": messages.text(reasonKey, language)]))
            }
        case let error as AccessError:
            switch error {
            case .notSignedIn:
                return Outcome(status: .unauthorized, problemType: "not-signed-in", detail: messages.text("problem_not_signed_in", language))
            case .forbidden:
                return Outcome(status: .forbidden, problemType: "forbidden", detail: messages.text("problem_forbidden", language))
            case .csrfTokenMissing:
                return Outcome(status: .forbidden, problemType: "csrf-token-missing", detail: messages.text("problem_csrf", language))
            }
        case let error as AccountService.SignInError:
            switch error {
            case .invalidCredentials:
                return Outcome(status: .unauthorized, problemType: "invalid-credentials", detail: messages.text("problem_invalid_credentials", language))
            case .invalidResumeCode:
                return Outcome(status: .unauthorized, problemType: "invalid-resume-code", detail: messages.text("problem_invalid_resume_code", language))
            case .tooManyAttempts(let retryAfter):
                return Outcome(status: .tooManyRequests, problemType: "too-many-attempts",
                               detail: messages.text("problem_too_many_attempts", language, ["minutes": "\(max(1, retryAfter / 60))"]),
                               retryAfter: retryAfter)
            case .passwordTooShort:
                return Outcome(status: .badRequest, problemType: "password-too-short",
                               detail: messages.text("problem_password_too_short", language, ["count": "\(AccountService.minimumPasswordLength)"]))
            }
        case let error as StorageError:
            switch error {
            case .learnerNotFound(let id):
                return Outcome(status: .notFound, problemType: "learner-not-found", detail: messages.text("problem_learner_not_found", language, ["learnerId": id]))
            case .usernameTaken(let name):
                return Outcome(status: .conflict, problemType: "username-taken", detail: messages.text("problem_username_taken", language, ["username": name]))
            case .attemptNotFound(let id):
                return Outcome(status: .notFound, problemType: "attempt-not-found", detail: messages.text("problem_attempt_not_found", language, ["attemptId": id]))
            case .attemptLimitReached(let limit):
                return Outcome(status: .conflict, problemType: "attempt-limit-reached", detail: messages.text("problem_attempt_limit", language, ["count": "\(limit)"]))
            case .attemptAlreadySubmitted:
                return Outcome(status: .conflict, problemType: "attempt-already-submitted", detail: messages.text("problem_attempt_submitted", language))
            case .attemptNotSubmitted:
                return Outcome(status: .conflict, problemType: "attempt-not-submitted", detail: messages.text("problem_attempt_not_submitted", language))
            case .notYourAttempt:
                return Outcome(status: .forbidden, problemType: "forbidden", detail: messages.text("problem_forbidden", language))
            case .assignmentNotFound(let id):
                return Outcome(status: .notFound, problemType: "assignment-not-found", detail: messages.text("problem_assignment_not_found", language, ["id": id]))
            case .certificateNotFound(let code):
                return Outcome(status: .notFound, problemType: "certificate-not-found", detail: messages.text("problem_certificate_not_found", language, ["code": code]))
            case .unitNotFound(let code):
                return Outcome(status: .notFound, problemType: "unit-not-found", detail: messages.text("problem_unit_not_found", language, ["code": code]))
            case .resumeCodeTaken:
                return Outcome(status: .internalServerError, problemType: "server-error", detail: messages.text("error_server_body", language))
            case .notAnEssay(let id):
                return Outcome(status: .badRequest, problemType: "not-an-essay", detail: messages.text("problem_not_an_essay", language, ["questionId": id]))
            }
        case let error as HTTPError where error.status == .notFound:
            return Outcome(status: .notFound, problemType: "not-found",
                           detail: messages.text("problem_route_not_found", language, ["path": path]))
        case let error as any HTTPResponseError where error.status.code < 500:
            return Outcome(status: error.status, problemType: "bad-request",
                           detail: (error as? HTTPError)?.body ?? messages.text("problem_bad_request", language))
        default:
            return Outcome(status: .internalServerError, problemType: "server-error",
                           detail: messages.text("error_server_body", language))
        }
    }

    func response(for error: any Error, request: Request, context: AppRequestContext) -> Response {
        let logger = context.logger
        let language = Language.negotiate(request)
        let path = request.uri.path
        let outcome = outcome(for: error, path: path, language: language)
        if outcome.status == .internalServerError {
            logger.error("request failed", metadata: ["path": "\(path)", "error": "\(String(reflecting: error))"])
        }
        var response = path.hasPrefix("/api/") || path == SitePath.health.path
            ? problemResponse(outcome, path: path, language: language)
            : pageResponse(outcome, request: request, context: context, language: language)
        if let retryAfter = outcome.retryAfter { response.headers[.retryAfter] = "\(retryAfter)" }
        if outcome.status == .unauthorized, path.hasPrefix("/api/") { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    private func problemResponse(_ outcome: Outcome, path: String, language: Language) -> Response {
        let titleKey = switch outcome.status.code {
        case 404: "problem_not_found"
        case 401: "problem_unauthorized"
        case 403: "problem_forbidden_title"
        case 409: "problem_conflict"
        case 429: "problem_too_many_requests"
        case 400..<500: "problem_bad_request"
        default: "problem_server_error"
        }
        let problem = Problem(
            type: "urn:binhdan:problem:\(outcome.problemType)", title: messages.text(titleKey, language),
            status: outcome.status.code, detail: outcome.detail, instance: path)
        let body = (try? JSONCoding.encoder.encode(problem)) ?? Data()
        return Response(
            status: outcome.status,
            headers: [.contentType: "application/problem+json", .cacheControl: "no-store", .contentLanguage: language.rawValue],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private func pageResponse(_ outcome: Outcome, request: Request, context: AppRequestContext, language: Language) -> Response {
        let (titleKey, bodyKey) = switch outcome.status.code {
        case 404: ("error_not_found_title", "error_not_found_body")
        case 401: ("error_signin_title", "error_signin_body")
        case 403: ("error_forbidden_title", "error_forbidden_body")
        case 429: ("error_too_many_title", "problem_too_many_attempts")
        case 400..<500: ("error_bad_request_title", "error_bad_request_body")
        default: ("error_server_title", "error_server_body")
        }
        let page = ErrorPage(
            // A refusal says how long to wait, which only the outcome's own detail knows.
            heading: messages.text(titleKey, language),
            body: outcome.status == .tooManyRequests ? outcome.detail : messages.text(bodyKey, language),
            homeHref: outcome.status == .unauthorized ? SitePath.signIn.path : SitePath.home.path,
            homeLabel: messages.text(outcome.status == .unauthorized ? "signin_title" : "error_go_home", language))
        return pages.response(
            "error", title: page.heading, page: page, language: language, request: request, context: context,
            status: outcome.status)
    }
}

/// Catches every error below it and answers with `ErrorResponder`.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let responder: ErrorResponder

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return responder.response(for: error, request: request, context: context)
        }
    }
}

/// Security headers on every response, and the language choice remembered when `?lang=` is given.
struct SiteHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var contentSecurityPolicy: String {
        "default-src 'self'; img-src 'self' https: data:; script-src 'self'; style-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        if let query = request.uri.queryParameters.get("lang"), let language = Language(rawValue: query.lowercased()) {
            response.setCookie(Cookie(name: "lang", value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", sameSite: .lax))
        }
        return response
    }
}

/// The JSON settings every API request and response uses; dates are ISO 8601.
enum JSONCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(.iso8601))
        }
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            // Browsers write milliseconds (toISOString); other clients may not.
            if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
            if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 date, not '\(text)'")
        }
        return decoder
    }()
}
