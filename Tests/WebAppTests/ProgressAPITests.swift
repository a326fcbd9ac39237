import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

private func progressEvent(_ id: String, lesson: String = "cai-dat", type: String = "step", step: Int? = 1, at: Date = Date(), seconds: Int? = 20) -> [String: Any] {
    var event: [String: Any] = [
        "id": id, "courseId": "vneid-thu", "lessonId": lesson, "type": type, "at": at.formatted(.iso8601),
    ]
    if let step { event["step"] = step }
    if let seconds { event["secondsSpent"] = seconds }
    return event
}

@Suite("Progress API")
struct ProgressAPITests {
    @Test("a batch sent again is counted as duplicates and changes nothing")
    func idempotent() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let batch = json(["events": [
                progressEvent("7d2e0c1a-0000-4000-8000-000000000001", type: "opened", step: nil, seconds: nil),
                progressEvent("7d2e0c1a-0000-4000-8000-000000000002", step: 2, seconds: 30),
            ]])
            let first = try object(try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: batch))
            #expect(first["accepted"] as? Int == 2)
            #expect(first["duplicates"] as? Int == 0)
            let again = try object(try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: batch))
            #expect(again["accepted"] as? Int == 0)
            #expect(again["duplicates"] as? Int == 2)

            let summary = try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: bearer(token)))
            let courses = try #require(summary["courses"] as? [[String: Any]])
            let lessons = try #require(courses.first?["lessons"] as? [[String: Any]])
            let lesson = try #require(lessons.first { $0["lessonId"] as? String == "cai-dat" })
            #expect(lesson["status"] as? String == "in_progress")
            #expect(lesson["furthestStep"] as? Int == 2)
            #expect(lesson["secondsSpent"] as? Int == 30)
            #expect((lesson["contentHash"] as? String)?.count == 64)
        }
    }

    @Test("invalid events are rejected with their reason while the rest of the batch is kept")
    func partialBatch() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            var unknownCourse = progressEvent("7d2e0c1a-0000-4000-8000-000000000011")
            unknownCourse["courseId"] = "khong-co"
            let batch = json(["events": [
                unknownCourse,
                progressEvent("7d2e0c1a-0000-4000-8000-000000000012", at: Date().addingTimeInterval(3600)),
                progressEvent("7d2e0c1a-0000-4000-8000-000000000013", seconds: -5),
                progressEvent("7d2e0c1a-0000-4000-8000-000000000014", step: 9),
                progressEvent("7d2e0c1a-0000-4000-8000-000000000015", type: "finished"),
                progressEvent("7d2e0c1a-0000-4000-8000-000000000016", lesson: "gioi-thieu", type: "completed", step: nil),
            ]])
            let response = try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: batch)
            #expect(response.status == .ok)
            let body = try object(response)
            #expect(body["accepted"] as? Int == 1)
            let rejected = try #require(body["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["index"] as? Int } == [0, 1, 2, 3, 4])
            let reasons = rejected.compactMap { $0["reason"] as? String }
            #expect(reasons[0] == "unknown course")
            #expect(reasons[1] == "the time is in the future")
            #expect(reasons[2].contains("secondsSpent"))
            #expect(reasons[3].contains("step out of range"))
            #expect(reasons[4].contains("type must be"))
        }
    }

    @Test("more than 500 events in one request is a 400")
    func batchTooLarge() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let events = (0..<501).map { progressEvent(String(format: "7d2e0c1a-0000-4000-8000-%012d", $0)) }
            let response = try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: json(["events": events]))
            #expect(response.status == .badRequest)
        }
    }

    @Test("without a session the progress API answers 401")
    func unauthenticated() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let post = try await client.execute(uri: "/api/v1/progress", method: .post, headers: jsonHeaders, body: json(["events": [] as [Any]]))
            #expect(post.status == .unauthorized)
            let get = try await client.execute(uri: "/api/v1/me/progress", method: .get)
            #expect(get.status == .unauthorized)
            #expect(get.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("a learner may read their own records by id but gets 403 for someone else's; an admin may read both")
    func authorization() async throws {
        let (app, database) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (aliceToken, _, aliceID) = try await client.registerCitizen("Bà Năm")
            let (_, _, bobID) = try await client.registerCitizen("Ông Bảy")
            let own = try await client.execute(uri: "/api/v1/learners/\(aliceID)/progress", method: .get, headers: bearer(aliceToken))
            #expect(own.status == .ok)
            let other = try await client.execute(uri: "/api/v1/learners/\(bobID)/progress", method: .get, headers: bearer(aliceToken))
            #expect(other.status == .forbidden)
            #expect(try object(other)["type"] as? String == "urn:binhdan:problem:forbidden")

            let hash = try await AccountService.passwordHash("quan-tri-vien", cost: 4)
            _ = try database.importOfficials(
                [.init(username: "quantri", fullName: "Quản trị", unitCode: "TINH", position: "Quản trị", roles: [.admin], passwordHash: hash)],
                now: Date())
            let adminToken = try await client.signIn("quantri", "quan-tri-vien")
            let asAdmin = try await client.execute(uri: "/api/v1/learners/\(bobID)/progress", method: .get, headers: bearer(adminToken))
            #expect(asAdmin.status == .ok)
            let unknown = try await client.execute(uri: "/api/v1/learners/khongco/progress", method: .get, headers: bearer(adminToken))
            #expect(unknown.status == .notFound)
        }
    }
}
