import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

/// A citizen who started on the site: her session and CSRF cookies, and the CSRF token for forms.
private struct Visitor {
    var cookies: HTTPFields
    var csrfToken: String

    var formHeaders: HTTPFields {
        var headers = cookies
        headers[.contentType] = "application/x-www-form-urlencoded"
        return headers
    }

    static func start(_ client: some TestClientProtocol) async throws -> Visitor {
        let page = try await client.execute(uri: "/start", method: .get)
        let token = try #require(page.headers[.setCookie]?.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
        let started = try await client.execute(
            uri: "/start", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "binhdan_csrf=\(token)"],
            body: ByteBuffer(string: "_csrf=\(token)&name=B%C3%A0+N%C4%83m&phone="))
        let session = try #require(started.headers[.setCookie]?.firstMatch(of: /binhdan_session=([A-Za-z0-9_-]+)/)?.output.1)
        return Visitor(cookies: [.cookie: "binhdan_session=\(session); binhdan_csrf=\(token)"], csrfToken: String(token))
    }

    /// Her summary of the fixture's guided lesson, from the API.
    func guidedLesson(_ client: some TestClientProtocol) async throws -> [String: Any] {
        let body = try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: cookies))
        let courses = try #require(body["courses"] as? [[String: Any]])
        let lessons = try #require(courses.first?["lessons"] as? [[String: Any]])
        return try #require(lessons.first { $0["lessonId"] as? String == "cai-dat" })
    }
}

@Suite("Guided steps: help and the last step's question")
struct GuidedStepTests {
    @Test("a step's tip is shown under Tôi cần giúp đỡ, not in the step, with the general help-desk advice")
    func helpShowsTheTip() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // When a visitor opens the step whose author wrote a tip
            let html = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/1?lang=vi", method: .get).text

            // Then the tip is inside the help disclosure only, with the default advice
            let help = try #require(html.firstRange(of: "<details class=\"step-help\">"))
            let step = try #require(html.firstRange(of: "<div class=\"content step-content\""))
            #expect(html.contains("<summary class=\"button button-secondary\">Tôi cần giúp đỡ</summary>"))
            #expect(html[help.upperBound...].contains("Biểu tượng thường nằm ở màn hình chính."))
            #expect(!html[step.upperBound..<help.lowerBound].contains("Biểu tượng thường nằm ở màn hình chính."))
            #expect(html.contains("bộ phận một cửa của Ủy ban nhân dân xã, phường"))
        }
    }

    @Test("the help desk's own text comes from the configuration")
    func helpDeskFromConfiguration() async throws {
        var config = testConfig()
        config.helpDesk = "Gọi Tổ công nghệ số xã An Phú: 0299 3 123 456."
        let app = try await buildApplication(config)
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/2?lang=vi", method: .get).text
            #expect(html.contains("<p class=\"step-help-desk\">Gọi Tổ công nghệ số xã An Phú: 0299 3 123 456.</p>"))
        }
    }

    @Test("a guest's last step asks Bạn đã làm được chưa? with links to go on or to start again")
    func guestLastStep() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/3?lang=vi", method: .get).text
            #expect(html.contains("<h2 id=\"step-answer-question\">Bạn đã làm được chưa?</h2>"))
            #expect(html.contains("<a class=\"button button-primary button-large\" href=\"/courses/vneid-thu\">Đã làm được</a>"))
            #expect(html.contains("<a class=\"button button-secondary button-large\" href=\"/courses/vneid-thu/cai-dat/steps/1\">Cần làm lại</a>"))
        }
    }

    @Test("Đã làm được completes the lesson and records the answer with the progress")
    func managedCompletes() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given a citizen on the last step
            let visitor = try await Visitor.start(client)
            let last = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/3", method: .get, headers: visitor.cookies)
            #expect(last.text.contains("<button type=\"submit\" name=\"answer\" value=\"managed\""))

            // When she answers that she managed it
            let done = try await client.execute(
                uri: "/courses/vneid-thu/cai-dat/complete", method: .post, headers: visitor.formHeaders,
                body: ByteBuffer(string: "_csrf=\(visitor.csrfToken)&answer=managed"))

            // Then she goes on, the lesson is completed, and the answer is kept
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/courses/vneid-thu")
            let lesson = try await visitor.guidedLesson(client)
            #expect(lesson["status"] as? String == "completed")
            #expect(lesson["lastAnswer"] as? String == "managed")
        }
    }

    @Test("Cần làm lại records the answer, leaves the lesson unfinished and starts it again from step 1")
    func retryStartsAgain() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            // Given a citizen on the last step
            let visitor = try await Visitor.start(client)
            _ = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/3", method: .get, headers: visitor.cookies)

            // When she answers that she needs to do it again
            let again = try await client.execute(
                uri: "/courses/vneid-thu/cai-dat/complete", method: .post, headers: visitor.formHeaders,
                body: ByteBuffer(string: "_csrf=\(visitor.csrfToken)&answer=retry"))

            // Then she is back at step 1 and the lesson is not completed
            #expect(again.headers[.location] == "/courses/vneid-thu/cai-dat/steps/1")
            let lesson = try await visitor.guidedLesson(client)
            #expect(lesson["status"] as? String == "in_progress")
            #expect(lesson["lastAnswer"] as? String == "retry")
        }
    }

    @Test("an answer that is not managed or retry, or for a reading lesson, is a friendly 400 and records nothing")
    func badAnswer() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let visitor = try await Visitor.start(client)
            for (lesson, answer) in [("cai-dat", "xong"), ("gioi-thieu", "managed")] {
                let response = try await client.execute(
                    uri: "/courses/vneid-thu/\(lesson)/complete", method: .post, headers: visitor.formHeaders,
                    body: ByteBuffer(string: "_csrf=\(visitor.csrfToken)&answer=\(answer)"))
                #expect(response.status == .badRequest)
                #expect(response.text.contains("<h1>Địa chỉ chưa đúng</h1>"))
            }
            let progress = try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: visitor.cookies))
            #expect((progress["courses"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("through the API, an answered event needs an answer and a guided lesson; other events may not carry one")
    func answeredEventsThroughTheAPI() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let citizen = try await client.registerCitizen()
            let now = ISO8601DateFormatter().string(from: Date())
            func event(_ id: String, lesson: String, type: String, answer: String?) -> [String: Any] {
                var event: [String: Any] = ["id": id, "courseId": "vneid-thu", "lessonId": lesson, "type": type, "at": now]
                if type == "answered" { event["step"] = 3 }
                if let answer { event["answer"] = answer }
                return event
            }
            let response = try await client.execute(
                uri: "/api/v1/progress", method: .post, headers: bearer(citizen.token),
                body: json(["events": [
                    event("a0000000-1", lesson: "cai-dat", type: "answered", answer: "managed"),
                    event("a0000000-2", lesson: "cai-dat", type: "answered", answer: nil),
                    event("a0000000-3", lesson: "gioi-thieu", type: "answered", answer: "retry"),
                    event("a0000000-4", lesson: "cai-dat", type: "opened", answer: "managed"),
                ]]))
            let outcome = try object(response)
            #expect(outcome["accepted"] as? Int == 1)
            let reasons = (outcome["rejected"] as? [[String: Any]] ?? []).compactMap { $0["reason"] as? String }
            #expect(reasons.count == 3)
            #expect(reasons.contains("only a guided lesson asks for an answer"))
        }
    }
}
