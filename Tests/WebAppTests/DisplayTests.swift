import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

/// The CSRF cookie and token every form needs.
private func csrf(_ client: some TestClientProtocol) async throws -> (cookie: String, token: String) {
    let page = try await client.execute(uri: "/", method: .get)
    let token = try #require(page.headers[.setCookie]?.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
    return ("binhdan_csrf=\(token)", String(token))
}

@Suite("Text size and contrast")
struct DisplayTests {
    @Test("a visitor's choice is kept in a cookie and applied to every page, with the pressed button marked")
    func guestChoice() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given a visitor on a step page
            let (cookie, token) = try await csrf(client)

            // When they choose the largest text
            let response = try await client.execute(
                uri: "/preferences", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "_csrf=\(token)&textSize=larger&returnTo=%2Fcourses%2Fvneid-thu%2Fcai-dat%2Fsteps%2F2"))

            // Then they go back to the page, and pages come with the larger text from then on
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/courses/vneid-thu/cai-dat/steps/2")
            let display = try #require(response.headers[.setCookie]?.firstMatch(of: /binhdan_display=([a-z.]+)/)?.output.1)
            #expect(display == "larger.normal")
            let page = try await client.execute(uri: "/?lang=vi", method: .get, headers: [.cookie: "\(cookie); binhdan_display=\(display)"]).text
            #expect(page.contains("<html lang=\"vi\" class=\"text-larger\">"))
            #expect(page.contains("value=\"larger\" aria-pressed=\"true\" aria-label=\"Chữ rất lớn\">A++</button>"))
            #expect(page.contains("value=\"normal\" aria-pressed=\"false\" aria-label=\"Chữ cỡ thường\">A</button>"))
        }
    }

    @Test("a signed-in learner's choice follows them to another device")
    func learnerChoice() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given a citizen who turns on high contrast
            let citizen = try await client.registerCitizen()
            let (cookie, token) = try await csrf(client)
            _ = try await client.execute(
                uri: "/preferences", method: .post,
                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "\(cookie); binhdan_session=\(citizen.token)"],
                body: ByteBuffer(string: "_csrf=\(token)&contrast=high"))

            // When she signs in on a device without the display cookie
            let page = try await client.execute(uri: "/?lang=vi", method: .get, headers: [.authorization: "Bearer \(citizen.token)"]).text

            // Then pages show in high contrast
            #expect(page.contains("<html lang=\"vi\" class=\"contrast-high\">"))
            let api = try object(try await client.execute(uri: "/api/v1/me/preferences", method: .get, headers: bearer(citizen.token)))
            #expect(api["contrast"] as? String == "high")
            #expect(api["textSize"] as? String == "normal")
        }
    }

    @Test("a script gets 204, and a returnTo that leaves the site goes home instead")
    func scriptAndReturnTo() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let (cookie, token) = try await csrf(client)
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookie]
            var script = form
            script[.accept] = "application/json"
            let quiet = try await client.execute(uri: "/preferences", method: .post, headers: script, body: ByteBuffer(string: "_csrf=\(token)&textSize=large"))
            #expect(quiet.status == .noContent)
            for target in ["%2F%2Fevil.example%2F", "https%3A%2F%2Fevil.example%2F", "%2F%5Cevil.example"] {
                let away = try await client.execute(
                    uri: "/preferences", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(token)&textSize=large&returnTo=\(target)"))
                #expect(away.headers[.location] == "/")
            }
        }
    }

    @Test("an unknown size or contrast is refused: a friendly 400 page for the form, problem+json for the API")
    func badValues() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let (cookie, token) = try await csrf(client)
            let page = try await client.execute(
                uri: "/preferences", method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                body: ByteBuffer(string: "_csrf=\(token)&textSize=huge"))
            #expect(page.status == .badRequest)
            #expect(!(page.headers[.setCookie] ?? "").contains("binhdan_display"))

            let citizen = try await client.registerCitizen()
            let api = try await client.execute(
                uri: "/api/v1/me/preferences", method: .put, headers: bearer(citizen.token), body: json(["textSize": "huge", "contrast": "high"]))
            #expect(api.status == .badRequest)
            #expect(api.headers[.contentType] == "application/problem+json")
            let anonymous = try await client.execute(
                uri: "/api/v1/me/preferences", method: .put, headers: [.contentType: "application/json"], body: json(["textSize": "large", "contrast": "high"]))
            #expect(anonymous.status == .unauthorized)
        }
    }
}
