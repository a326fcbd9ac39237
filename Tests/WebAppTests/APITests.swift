import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("JSON API")
struct APITests {
    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("GET /api/v1/courses lists the published courses only")
    func listCourses() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/courses", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let list = try JSONDecoder().decode(CourseAPIController<AppRequestContext>.CourseList.self, from: Data(buffer: response.body))
            #expect(list.courses.map(\.id) == ["vneid-thu"])
            #expect(list.courses[0].lessonCount == 2)
            #expect(list.courses[0].version == 2)
            #expect(list.courses[0].audience == .citizens)
        }
    }

    @Test("GET /api/v1/courses/{courseId} describes each lesson with its kind, steps, minutes and quiz")
    func courseDetail() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let body = try json(try await client.execute(uri: "/api/v1/courses/vneid-thu", method: .get))
            #expect(body["id"] as? String == "vneid-thu")
            #expect(body["title"] as? String == "Làm quen với VNeID")
            let lessons = try #require(body["lessons"] as? [[String: Any]])
            #expect(lessons.map { $0["id"] as? String } == ["gioi-thieu", "cai-dat"])
            #expect(lessons[1]["kind"] as? String == "guided")
            #expect(lessons[1]["stepCount"] as? Int == 3)
            #expect(lessons[1]["estimatedMinutes"] as? Int == 10)
            #expect(lessons[1].keys.contains("quiz"))
            #expect(lessons[1]["quiz"] is NSNull)
        }
    }

    @Test("GET a lesson returns its HTML, its steps and its content hash")
    func lessonDetail() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let body = try json(try await client.execute(uri: "/api/v1/courses/vneid-thu/lessons/cai-dat", method: .get))
            #expect((body["html"] as? String)?.contains("<h2 id=\"mo-kho-ung-dung\">") == true)
            let steps = try #require(body["steps"] as? [[String: Any]])
            #expect(steps.map { $0["title"] as? String } == ["Mở kho ứng dụng", "Tìm VNeID", "Cài đặt"])
            #expect((steps[0]["html"] as? String)?.contains("Chạm vào biểu tượng kho ứng dụng.") == true)
            #expect((steps[0]["hintHtml"] as? String)?.contains("màn hình chính") == true)
            #expect((body["contentHash"] as? String)?.count == 64)
            #expect(body["quiz"] is NSNull)
        }
    }

    @Test("an unknown course or lesson is a 404 problem+json in the requested language")
    func notFound() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/courses/vneid-thu/lessons/khong-co", method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try JSONDecoder().decode(ErrorResponder.Problem.self, from: Data(buffer: response.body))
            #expect(problem.status == 404)
            #expect(problem.type == "urn:binhdan:problem:lesson-not-found")
            #expect(problem.detail == "Khóa học 'vneid-thu' không có bài học 'khong-co'.")
            #expect(problem.instance == "/api/v1/courses/vneid-thu/lessons/khong-co")

            let english = try await client.execute(uri: "/api/v1/courses/khong-co?lang=en", method: .get)
            let englishProblem = try JSONDecoder().decode(ErrorResponder.Problem.self, from: Data(buffer: english.body))
            #expect(englishProblem.detail == "There is no course 'khong-co'.")
            #expect(englishProblem.title == "Not found")

            let route = try await client.execute(uri: "/api/v1/khong-co", method: .get)
            #expect(route.status == .notFound)
            #expect(route.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("a malformed id is a 400 problem+json that says what a valid id looks like")
    func badParameter() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/courses/VNeID%20thu", method: .get)
            #expect(response.status == .badRequest)
            let problem = try JSONDecoder().decode(ErrorResponder.Problem.self, from: Data(buffer: response.body))
            #expect(problem.type == "urn:binhdan:problem:bad-parameter")
            #expect(problem.detail.contains("courseId"))
        }
    }

    @Test("API documents have ETags and answer 304 to a matching If-None-Match")
    func conditionalGet() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/api/v1/courses/vneid-thu/lessons/cai-dat", method: .get)
            let etag = try #require(first.headers[.eTag])
            let second = try await client.execute(
                uri: "/api/v1/courses/vneid-thu/lessons/cai-dat", method: .get, headers: [.ifNoneMatch: "W/\(etag)"])
            #expect(second.status == .notModified)
        }
    }

    @Test("/healthz reports what is published and which courses were refused")
    func health() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let body = try json(try await client.execute(uri: "/healthz", method: .get))
            #expect(body["status"] as? String == "ok")
            #expect(body["courses"] as? Int == 1)
            #expect(body["lessons"] as? Int == 2)
            #expect(body["rejectedCourses"] as? [String] == ["khoa-loi"])
        }
    }
}
