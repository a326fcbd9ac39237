import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Signing in and out through the API: officials with a password, citizens with a resume code.
struct SessionAPIController: Sendable {
    typealias Context = AppRequestContext
    let accounts: AccountService
    let cookies: SessionCookies

    struct PasswordSignIn: Decodable {
        var username: String
        var password: String
    }

    struct CitizenSignUp: Decodable {
        var name: String
        var phone: String?
    }

    struct CodeSignIn: Decodable {
        var code: String
    }

    /// The learner as the API shows them.
    struct LearnerBody: Codable, Equatable {
        var id: String
        var kind: LearnerKind
        var username: String?
        var displayName: String
        var unitCode: String?
        var position: String?
        var roles: [Role]

        init(_ learner: Learner) {
            id = learner.id
            kind = learner.kind
            username = learner.username
            displayName = learner.displayName
            unitCode = learner.unitCode
            position = learner.position
            roles = learner.roles.sorted()
        }
    }

    struct SessionBody: Codable {
        var token: String
        var expiresAt: Date
        var learner: LearnerBody
        /// Only when a citizen has just been registered: the code to write down, shown once.
        var resumeCode: String?
    }

    func addRoutes(to router: Router<Context>) {
        router.post(RouterPath(SitePath.apiSessions.pattern), use: signIn)
        router.post(RouterPath(SitePath.apiCitizens.pattern), use: registerCitizen)
        router.post(RouterPath(SitePath.apiResume.pattern), use: resume)
        router.delete(RouterPath(SitePath.apiCurrentSession.pattern), use: signOut)
        router.get(RouterPath(SitePath.apiMe.pattern), use: me)
        router.put(RouterPath(SitePath.apiPassword.pattern), use: changePassword)
    }

    struct PasswordChange: Decodable {
        var currentPassword: String
        var newPassword: String
    }

    @Sendable func changePassword(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let body = try await request.decode(as: PasswordChange.self, context: context)
        try await accounts.changePassword(identity, current: body.currentPassword, new: body.newPassword, address: context.clientAddress)
        return Response(status: .noContent)
    }

    @Sendable func signIn(_ request: Request, context: Context) async throws -> Response {
        let body = try await request.decode(as: PasswordSignIn.self, context: context)
        let session = try await accounts.signIn(username: body.username, password: body.password, address: context.clientAddress)
        return try created(session, resumeCode: nil)
    }

    @Sendable func registerCitizen(_ request: Request, context: Context) async throws -> Response {
        let body = try await request.decode(as: CitizenSignUp.self, context: context)
        let (name, phone) = try CitizenForm.validate(name: body.name, phone: body.phone)
        let (session, code) = try accounts.registerCitizen(name: name, phone: phone)
        return try created(session, resumeCode: code.display)
    }

    @Sendable func resume(_ request: Request, context: Context) async throws -> Response {
        let body = try await request.decode(as: CodeSignIn.self, context: context)
        let session = try await accounts.resume(code: body.code, address: context.clientAddress)
        return try created(session, resumeCode: nil)
    }

    @Sendable func signOut(_ request: Request, context: Context) async throws -> Response {
        try accounts.signOut(try context.requireIdentity())
        var response = Response(status: .noContent)
        response.setCookie(cookies.expired())
        return response
    }

    @Sendable func me(_ request: Request, context: Context) async throws -> Response {
        try JSONResponse.make(LearnerBody(try context.requireIdentity().learner), cacheControl: "private, no-store")
    }

    private func created(_ session: AccountService.NewSession, resumeCode: String?) throws -> Response {
        var response = try JSONResponse.make(
            SessionBody(token: session.token, expiresAt: session.expiresAt, learner: LearnerBody(session.learner), resumeCode: resumeCode),
            status: .created, cacheControl: "no-store")
        response.setCookie(cookies.session(session))
        return response
    }
}

/// The session cookie: HttpOnly, SameSite=Lax, Secure behind HTTPS, expiring with the session.
struct SessionCookies: Sendable {
    let secure: Bool

    func session(_ session: AccountService.NewSession) -> Cookie {
        Cookie(
            name: CookieName.session, value: session.token, expires: session.expiresAt, path: "/", secure: secure,
            httpOnly: true, sameSite: .lax)
    }

    func expired() -> Cookie {
        Cookie(name: CookieName.session, value: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// What a citizen gives to start: a name, and a phone number if they like.
enum CitizenForm {
    /// Trims and checks the fields; the error names the field.
    static func validate(name: String, phone: String?) throws -> (String, String?) {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw RequestError.badParameter(name: "name", value: name, reasonKey: "reason_name")
        }
        let phone = phone?.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
        if let phone, !phone.isEmpty {
            guard (8...15).contains(phone.count), phone.enumerated().allSatisfy({ ($0.element.isASCII && $0.element.isNumber) || ($0.offset == 0 && $0.element == "+") }) else {
                throw RequestError.badParameter(name: "phone", value: phone, reasonKey: "reason_phone")
            }
            return (name, phone)
        }
        return (name, nil)
    }
}

/// JSON responses with the API's encoder.
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, cacheControl: String = "no-store") throws -> Response {
        let data = try JSONCoding.encoder.encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: cacheControl],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
