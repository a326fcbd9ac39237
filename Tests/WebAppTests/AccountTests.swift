import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import WebApp

/// An app over the fixtures with one official, "lan", whose password is "mat-khau-dung".
func makeAppWithOfficial(configure: (inout AppConfig) -> Void = { _ in }) async throws -> (some ApplicationProtocol, AppDatabase) {
    var config = testConfig()
    config.signInThrottle.slowAfter = 3
    config.signInThrottle.refuseAfter = 5
    config.signInThrottle.delay = .milliseconds(1)
    configure(&config)
    let database = try AppDatabase.inMemory()
    let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
    _ = try database.importOfficials(
        [.init(username: "lan", fullName: "Trần Thị Lan", unitCode: "XA-01", position: "Công chức", roles: [.learner], passwordHash: hash)],
        now: Date())
    return (try await buildApplication(config, database: database), database)
}

func json(_ object: [String: Any]) -> ByteBuffer {
    ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
}

func object(_ response: TestResponse) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
}

let jsonHeaders: HTTPFields = [.contentType: "application/json"]

extension TestClientProtocol {
    /// Signs in through the API and returns the bearer token.
    func signIn(_ username: String = "lan", _ password: String = "mat-khau-dung") async throws -> String {
        let response = try await execute(uri: "/api/v1/sessions", method: .post, headers: jsonHeaders, body: json(["username": username, "password": password]))
        return try #require(try object(response)["token"] as? String)
    }

    /// Registers a citizen through the API and returns the token and the resume code.
    func registerCitizen(_ name: String = "Bà Năm") async throws -> (token: String, code: String, id: String) {
        let body = try object(try await execute(uri: "/api/v1/citizens", method: .post, headers: jsonHeaders, body: json(["name": name])))
        let learner = try #require(body["learner"] as? [String: Any])
        return (try #require(body["token"] as? String), try #require(body["resumeCode"] as? String), try #require(learner["id"] as? String))
    }
}

func bearer(_ token: String) -> HTTPFields {
    [.authorization: "Bearer \(token)", .contentType: "application/json"]
}

@Suite("Signing in")
struct AccountTests {
    @Test("an official signs in with the right password and gets a token and an HttpOnly cookie")
    func rightPassword() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/v1/sessions", method: .post, headers: jsonHeaders,
                body: json(["username": "lan", "password": "mat-khau-dung"]))
            #expect(response.status == .created)
            let cookie = try #require(response.headers[.setCookie])
            #expect(cookie.contains("binhdan_session="))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            let body = try object(response)
            let token = try #require(body["token"] as? String)
            let me = try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)))
            #expect(me["username"] as? String == "lan")
            #expect(me["displayName"] as? String == "Trần Thị Lan")
            #expect(me["kind"] as? String == "official")
        }
    }

    @Test("a wrong password or an unknown username is a 401 that does not say which")
    func wrongPassword() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            for (username, password) in [("lan", "sai-mat-khau"), ("khong-co-ai", "mat-khau-dung")] {
                let response = try await client.execute(
                    uri: "/api/v1/sessions", method: .post, headers: jsonHeaders, body: json(["username": username, "password": password]))
                #expect(response.status == .unauthorized)
                #expect(try object(response)["type"] as? String == "urn:binhdan:problem:invalid-credentials")
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }

    @Test("repeated failures for one account are refused for a while, even with the right password")
    func throttled() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            for _ in 0..<5 {
                let response = try await client.execute(
                    uri: "/api/v1/sessions", method: .post, headers: jsonHeaders, body: json(["username": "lan", "password": "sai"]))
                #expect(response.status == .unauthorized)
            }
            let refused = try await client.execute(
                uri: "/api/v1/sessions", method: .post, headers: jsonHeaders, body: json(["username": "lan", "password": "mat-khau-dung"]))
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try object(refused)["type"] as? String == "urn:binhdan:problem:too-many-attempts")
        }
    }

    @Test("a citizen starts with a name only and gets a ten-digit resume code that signs in again")
    func citizenResume() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, code, id) = try await client.registerCitizen()
            #expect(code.filter(\.isNumber).count == 10)
            #expect(code.count == 12)

            let signOut = try await client.execute(uri: "/api/v1/sessions/current", method: .delete, headers: bearer(token))
            #expect(signOut.status == .noContent)
            let afterSignOut = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token))
            #expect(afterSignOut.status == .unauthorized)

            let typed = code.replacingOccurrences(of: " ", with: "-")
            let resumed = try await client.execute(uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders, body: json(["code": typed]))
            #expect(resumed.status == .created)
            let learner = try #require(try object(resumed)["learner"] as? [String: Any])
            #expect(learner["id"] as? String == id)

            let wrong = try await client.execute(uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders, body: json(["code": "000 000 0000"]))
            #expect(wrong.status == .unauthorized)
        }
    }

    @Test("a citizen without a name is refused with the field named")
    func citizenNeedsName() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/citizens", method: .post, headers: jsonHeaders, body: json(["name": "  "]))
            #expect(response.status == .badRequest)
            #expect((try object(response)["detail"] as? String)?.contains("name") == true)
        }
    }

    @Test("an expired session no longer signs in")
    func expiredSession() async throws {
        let (app, _) = try await makeAppWithOfficial { $0.sessionLifetime = 0 }
        try await app.test(.router) { client in
            let token = try await client.signIn()
            let response = try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == "Bearer")
        }
    }

    @Test("an official replaces the given password: the old one stops working and the notice goes away")
    func changePassword() async throws {
        let (app, database) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let token = try await client.signIn()
            let learnerID = try #require(try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(token)))["id"] as? String)
            #expect(try database.mustChangePassword(learnerID: learnerID))

            let wrong = try await client.execute(uri: "/api/v1/me/password", method: .put, headers: bearer(token),
                body: json(["currentPassword": "sai", "newPassword": "mot-cau-de-nho-2026"]))
            #expect(wrong.status == .unauthorized)
            let short = try await client.execute(uri: "/api/v1/me/password", method: .put, headers: bearer(token),
                body: json(["currentPassword": "mat-khau-dung", "newPassword": "ngan"]))
            #expect(short.status == .badRequest)
            let changed = try await client.execute(uri: "/api/v1/me/password", method: .put, headers: bearer(token),
                body: json(["currentPassword": "mat-khau-dung", "newPassword": "mot-cau-de-nho-2026"]))
            #expect(changed.status == .noContent)

            #expect(try !database.mustChangePassword(learnerID: learnerID))
            let old = try await client.execute(uri: "/api/v1/sessions", method: .post, headers: jsonHeaders,
                body: json(["username": "lan", "password": "mat-khau-dung"]))
            #expect(old.status == .unauthorized)
            _ = try await client.signIn("lan", "mot-cau-de-nho-2026")
        }
    }

    @Test("the first start on an empty database creates an admin with a one-time password that signs in")
    func firstAdmin() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(testConfig(), logger: logger)
        let password = try #require(try await dependencies.createFirstAdminIfNeeded())
        #expect(password.count >= 12)
        #expect(try await dependencies.createFirstAdminIfNeeded() == nil)
        let session = try await dependencies.accounts.signIn(username: "admin", password: password, address: "test")
        #expect(session.learner.has(.admin))
    }
}

import Logging

@Suite("Forms and cross-site request forgery")
struct FormTests {
    /// The CSRF cookie a page sets, as a Cookie header value and the bare token.
    private func csrf(_ client: some TestClientProtocol) async throws -> (cookie: String, token: String) {
        let page = try await client.execute(uri: "/signin", method: .get)
        let header = try #require(page.headers[.setCookie])
        let token = try #require(header.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
        return ("binhdan_csrf=\(token)", String(token))
    }

    @Test("a form posted without the page's token is refused with 403")
    func csrfRefusal() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (cookie, _) = try await csrf(client)
            let response = try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "username=lan&password=mat-khau-dung"))
            #expect(response.status == .forbidden)
            #expect(response.headers[.setCookie]?.contains("binhdan_session") != true)
        }
    }

    @Test("signing in through the form with the token sets the session cookie and goes to my learning")
    func formSignIn() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (cookie, token) = try await csrf(client)
            let response = try await client.execute(
                uri: "/signin", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "_csrf=\(token)&username=lan&password=mat-khau-dung"))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/me")
            #expect(response.headers[.setCookie]?.contains("binhdan_session=") == true)
        }
    }

    @Test("a cookie-authenticated API call that changes state needs the CSRF header; a bearer call does not")
    func cookieAPINeedsToken() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let token = try await client.signIn()
            let (csrfCookie, csrfToken) = try await csrf(client)
            let cookies = "binhdan_session=\(token); \(csrfCookie)"
            let body = json(["events": [] as [Any]])
            let refused = try await client.execute(
                uri: "/api/v1/progress", method: .post, headers: [.cookie: cookies, .contentType: "application/json"], body: body)
            #expect(refused.status == .forbidden)
            #expect(try object(refused)["type"] as? String == "urn:binhdan:problem:csrf-token-missing")
            let accepted = try await client.execute(
                uri: "/api/v1/progress", method: .post,
                headers: [.cookie: cookies, .contentType: "application/json", .init("X-CSRF-Token")!: csrfToken], body: body)
            #expect(accepted.status == .ok)
            let viaBearer = try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: body)
            #expect(viaBearer.status == .ok)
        }
    }

    @Test("a citizen starts on the page, sees their code once, and their steps are recorded without JavaScript")
    func citizenPages() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (csrfCookie, csrfToken) = try await csrf(client)
            let start = try await client.execute(
                uri: "/start", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: csrfCookie],
                body: ByteBuffer(string: "_csrf=\(csrfToken)&name=B%C3%A0+N%C4%83m&phone="))
            #expect(start.status == .created)
            let code = try #require(start.text.firstMatch(of: /class="resume-code-value">(\d{3} \d{3} \d{4})</)?.output.1)
            #expect(!code.isEmpty)
            let session = try #require(start.headers[.setCookie]?.firstMatch(of: /binhdan_session=([A-Za-z0-9_-]+)/)?.output.1)
            let cookies: HTTPFields = [.cookie: "binhdan_session=\(session); \(csrfCookie)"]

            // When she opens step 2 of the guided lesson
            _ = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/2", method: .get, headers: cookies)

            // Then the home page offers to continue exactly there
            let home = try await client.execute(uri: "/", method: .get, headers: cookies)
            #expect(home.text.contains("href=\"/courses/vneid-thu/cai-dat/steps/2\">Học tiếp: Cài đặt VNeID – Bước 2/3</a>"))
            #expect(home.headers[.cacheControl] == "private, no-cache")

            // And finishing the last step records completion and goes to the next lesson
            let last = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/3", method: .get, headers: cookies)
            #expect(last.text.contains("action=\"/courses/vneid-thu/cai-dat/complete\""))
            var post = cookies
            post[.contentType] = "application/x-www-form-urlencoded"
            let done = try await client.execute(
                uri: "/courses/vneid-thu/cai-dat/complete", method: .post, headers: post, body: ByteBuffer(string: "_csrf=\(csrfToken)"))
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/courses/vneid-thu")

            let mine = try await client.execute(uri: "/me", method: .get, headers: cookies)
            #expect(mine.text.contains("Đã xong 1/2 bài"))
            #expect(mine.text.contains("<a href=\"/courses/vneid-thu/cai-dat\">Cài đặt VNeID</a> <span class=\"facts\">Đã xong</span>"))
        }
    }

    @Test("my learning without a session sends the visitor to sign in")
    func myLearningNeedsSignIn() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/me", method: .get)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/signin")
        }
    }
}
