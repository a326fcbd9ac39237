import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import WebApp

/// Starts an attempt at the fixture quiz and returns its JSON.
private func startAttempt(_ client: some TestClientProtocol, token: String, quiz: String = "vneid-thu-kiem-tra") async throws -> [String: Any] {
    let response = try await client.execute(uri: "/api/v1/quizzes/\(quiz)/attempts", method: .post, headers: bearer(token))
    #expect(response.status == .created)
    return try object(response)
}

/// Right answers to the fixture quiz, read from the attempt's own choice and option ids.
private func rightAnswers(_ attempt: [String: Any]) throws -> [String: Any] {
    let questions = try #require(attempt["questions"] as? [[String: Any]])
    let matching = try #require(questions.first { $0["type"] as? String == "matching" })
    let prompts = try #require(matching["prompts"] as? [[String: Any]])
    let options = try #require(matching["options"] as? [[String: Any]])
    let answers = ["VNeID": "Định danh điện tử", "OTP": "Mã xác thực dùng một lần", "Passcode": "Mã mở ứng dụng"]
    var matches: [String: Int] = [:]
    for prompt in prompts {
        let text = try #require(prompt["text"] as? String)
        let option = try #require(options.first { $0["text"] as? String == answers[text] })
        matches["\(prompt["id"] as! Int)"] = option["id"] as? Int
    }
    return ["q1": 1, "q2": true, "q3": "vneid", "q4": matches]
}

@Suite("Quizzes")
struct QuizTests {
    @Test("a course links its final quiz and a lesson its quiz")
    func quizLinks() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let course = try await client.execute(uri: "/courses/vneid-thu", method: .get)
            #expect(course.text.contains("href=\"/quizzes/vneid-thu-kiem-tra\">Làm bài kiểm tra</a>"))
            let lesson = try await client.execute(uri: "/courses/vneid-thu/gioi-thieu", method: .get)
            #expect(lesson.text.contains("href=\"/quizzes/tu-luan-thu\">Làm bài kiểm tra</a>"))
            let page = try await client.execute(uri: "/quizzes/vneid-thu-kiem-tra", method: .get)
            #expect(page.text.contains("Hãy đăng nhập để làm bài và lưu kết quả."))
        }
    }

    @Test("a quiz describes itself: questions per attempt, pass mark, attempt limit")
    func quizInfo() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let body = try object(try await client.execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra", method: .get))
            #expect(body["title"] as? String == "Kiểm tra thử – VNeID")
            #expect(body["questionCount"] as? Int == 4)
            #expect(body["passPercent"] as? Int == 75)
            #expect(body["maxAttempts"] as? Int == 2)
            let missing = try await client.execute(uri: "/api/v1/quizzes/khong-co", method: .get)
            #expect(missing.status == .notFound)
            #expect(try object(missing)["type"] as? String == "urn:binhdan:problem:quiz-not-found")
        }
    }

    @Test("starting an attempt needs a session and never sends fractions, right answers or feedback")
    func attemptPayloadLeaksNothing() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let anonymous = try await client.execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: jsonHeaders)
            #expect(anonymous.status == .unauthorized)
            let (token, _, _) = try await client.registerCitizen()
            let response = try await client.execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: bearer(token))
            let raw = response.text
            for secret in ["fraction", "feedback", "correct", "Đúng vậy", "Chính xác", "Hãy cảnh giác", "tolerance", "\"VN eID\"", "answers"] {
                #expect(!raw.contains(secret), "the attempt payload leaks \(secret)")
            }
            let questions = try #require(try object(response)["questions"] as? [[String: Any]])
            #expect(questions.map { $0["type"] as? String } == ["multichoice", "truefalse", "shortanswer", "matching"])
            #expect((questions[0]["choices"] as? [[String: Any]])?.count == 3)
        }
    }

    @Test("a submitted attempt is graded with feedback per question, and cannot be submitted again")
    func submitAndGrade() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let attempt = try await startAttempt(client, token: token)
            let id = try #require(attempt["attemptId"] as? String)
            let response = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token),
                body: json(["responses": try rightAnswers(attempt)]))
            #expect(response.status == .ok)
            let result = try object(response)
            #expect(result["percent"] as? Double == 100)
            #expect(result["passed"] as? Bool == true)
            #expect(result["status"] as? String == "graded")
            let questions = try #require(result["questions"] as? [[String: Any]])
            #expect((questions[0]["feedback"] as? [String])?.first == "Đúng vậy.")
            #expect((questions[1]["feedback"] as? [String])?.first == "Chính xác.")

            let again = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token), body: json(["responses": [:] as [String: Any]]))
            #expect(again.status == .conflict)
            #expect(try object(again)["type"] as? String == "urn:binhdan:problem:attempt-already-submitted")

            let mine = try object(try await client.execute(uri: "/api/v1/me/attempts", method: .get, headers: bearer(token)))
            let attempts = try #require(mine["attempts"] as? [[String: Any]])
            #expect(attempts.first?["percent"] as? Double == 100)
        }
    }

    @Test("wrong and partial answers are graded as Moodle does")
    func partialCredit() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let attempt = try await startAttempt(client, token: token)
            let id = try #require(attempt["attemptId"] as? String)
            var answers = try rightAnswers(attempt)
            answers["q1"] = 2
            answers["q2"] = false
            let result = try object(try await client.execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token), body: json(["responses": answers])))
            #expect(result["percent"] as? Double == 50)
            #expect(result["passed"] as? Bool == false)
        }
    }

    @Test("an answer of the wrong shape or for a question the attempt lacks is a 400")
    func badResponses() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let id = try #require(try await startAttempt(client, token: token)["attemptId"] as? String)
            for responses in [["q2": "có lẽ"], ["q9": 1]] as [[String: Any]] {
                let response = try await client.execute(
                    uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token), body: json(["responses": responses]))
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("an attempt belongs to its learner alone")
    func othersAttempt() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (owner, _, _) = try await client.registerCitizen("Bà Năm")
            let (other, _, _) = try await client.registerCitizen("Ông Bảy")
            let id = try #require(try await startAttempt(client, token: owner)["attemptId"] as? String)
            let submit = try await client.execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(other), body: json(["responses": [:] as [String: Any]]))
            #expect(submit.status == .forbidden)
            let read = try await client.execute(uri: "/api/v1/attempts/\(id)", method: .get, headers: bearer(other))
            #expect(read.status == .forbidden)
            let missing = try await client.execute(uri: "/api/v1/attempts/khongco/submit", method: .post, headers: bearer(owner), body: json(["responses": [:] as [String: Any]]))
            #expect(missing.status == .notFound)
        }
    }

    @Test("attempts beyond max_attempts are refused with 409")
    func attemptLimit() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            _ = try await startAttempt(client, token: token)
            _ = try await startAttempt(client, token: token)
            let third = try await client.execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: bearer(token))
            #expect(third.status == .conflict)
            #expect(try object(third)["type"] as? String == "urn:binhdan:problem:attempt-limit-reached")
        }
    }

    @Test("an essay leaves the attempt pending review until a trainer grades it; learners cannot review")
    func essayReview() async throws {
        let (app, database) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let id = try #require(try await startAttempt(client, token: token, quiz: "tu-luan-thu")["attemptId"] as? String)
            let submitted = try object(try await client.execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token),
                body: json(["responses": ["q1": "Không đưa mật khẩu cho ai.", "q2": "12"]])))
            #expect(submitted["status"] as? String == "pending_review")
            #expect(submitted["passed"] as? Bool == false)

            let byLearner = try await client.execute(
                uri: "/api/v1/attempts/\(id)/reviews", method: .post, headers: bearer(token), body: json(["questionId": "q1", "credit": 1]))
            #expect(byLearner.status == .forbidden)

            let hash = try await AccountService.passwordHash("giang-vien-1", cost: 4)
            _ = try database.importOfficials(
                [.init(username: "giangvien", fullName: "Giảng viên", unitCode: "TINH", position: "Giảng viên", roles: [.trainer], passwordHash: hash)],
                now: Date())
            let trainer = try await client.signIn("giangvien", "giang-vien-1")
            let reviewed = try object(try await client.execute(
                uri: "/api/v1/attempts/\(id)/reviews", method: .post, headers: bearer(trainer),
                body: json(["questionId": "q1", "credit": 1, "feedback": "Rất tốt."])))
            let forTrainer = try object(try await client.execute(uri: "/api/v1/attempts/\(id)", method: .get, headers: bearer(trainer)))
            #expect((forTrainer["responses"] as? [String: Any])?["q1"] as? String == "Không đưa mật khẩu cho ai.")
            #expect(reviewed["status"] as? String == "graded")
            #expect(reviewed["percent"] as? Double == 100)
            #expect(reviewed["passed"] as? Bool == true)
        }
    }

    @Test("the quiz pages work with forms alone: start, answer every question, submit, see the result")
    func quizPages() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let page = try await client.execute(uri: "/quizzes/vneid-thu-kiem-tra", method: .get, headers: [.cookie: "binhdan_session=\(token)"])
            let csrf = try #require(page.headers[.setCookie]?.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
            #expect(page.text.contains("Cần đạt 75% để qua"))
            var form: HTTPFields = [.cookie: "binhdan_session=\(token); binhdan_csrf=\(csrf)", .contentType: "application/x-www-form-urlencoded"]

            let start = try await client.execute(uri: "/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: form, body: ByteBuffer(string: "_csrf=\(csrf)"))
            #expect(start.status == .seeOther)
            let attemptPath = try #require(start.headers[.location])
            form[.contentType] = nil
            let questions = try await client.execute(uri: attemptPath, method: .get, headers: form)
            let html = questions.text
            #expect(html.contains("<legend><span class=\"question-counter\">Câu 1/4</span>"))
            #expect(html.contains("type=\"radio\" id=\"q1-c1\" name=\"q1\" value=\"1\""))
            #expect(html.contains("<select id=\"q4-p1\" name=\"q4-p1\">"))
            #expect(!html.contains("Đúng vậy"))

            let options = html.matches(of: /<option value="(\d+)">([^<]+)<\/option>/).map { (String($0.output.1), String($0.output.2)) }
            func option(_ text: String) -> String { options.first { $0.1 == text }!.0 }
            let body = "_csrf=\(csrf)&q1=1&q2=true&q3=VNeID&q4-p1=\(option("Định danh điện tử"))&q4-p2=\(option("Mã xác thực dùng một lần"))&q4-p3=\(option("Mã mở ứng dụng"))"
            form[.contentType] = "application/x-www-form-urlencoded"
            let submit = try await client.execute(uri: "\(attemptPath)/submit", method: .post, headers: form, body: ByteBuffer(string: body))
            #expect(submit.status == .seeOther)
            form[.contentType] = nil
            let result = try await client.execute(uri: attemptPath, method: .get, headers: form)
            #expect(result.text.contains("Đạt (100%)"))
            #expect(result.text.contains("Đúng vậy."))
        }
    }

    @Test("a one-question-per-page quiz shows Câu n/N and keeps answers between pages")
    func onePerPage() async throws {
        let (app, _) = try await makeAppWithOfficial()
        try await app.test(.router) { client in
            let (token, _, _) = try await client.registerCitizen()
            let page = try await client.execute(uri: "/quizzes/tu-luan-thu", method: .get, headers: [.cookie: "binhdan_session=\(token)"])
            let csrf = try #require(page.headers[.setCookie]?.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
            let cookies = "binhdan_session=\(token); binhdan_csrf=\(csrf)"
            let post: HTTPFields = [.cookie: cookies, .contentType: "application/x-www-form-urlencoded"]
            let start = try await client.execute(uri: "/quizzes/tu-luan-thu/attempts", method: .post, headers: post, body: ByteBuffer(string: "_csrf=\(csrf)"))
            let attemptPath = try #require(start.headers[.location])
            let first = try await client.execute(uri: attemptPath, method: .get, headers: [.cookie: cookies])
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "\(attemptPath)/questions/1")

            let one = try await client.execute(uri: "\(attemptPath)/questions/1", method: .get, headers: [.cookie: cookies])
            #expect(one.text.contains("<p class=\"step-counter\" id=\"quiz-counter\">Câu 1/2</p>"))
            let next = try await client.execute(
                uri: "\(attemptPath)/questions/1", method: .post, headers: post, body: ByteBuffer(string: "_csrf=\(csrf)&q1=Gi%E1%BB%AF+k%C3%ADn&go=next"))
            #expect(next.headers[.location] == "\(attemptPath)/questions/2")
            let back = try await client.execute(uri: "\(attemptPath)/questions/1", method: .get, headers: [.cookie: cookies])
            #expect(back.text.contains(">Giữ kín</textarea>"))
            let done = try await client.execute(
                uri: "\(attemptPath)/questions/2", method: .post, headers: post, body: ByteBuffer(string: "_csrf=\(csrf)&q2=12&go=submit"))
            #expect(done.headers[.location] == attemptPath)
            let result = try await client.execute(uri: attemptPath, method: .get, headers: [.cookie: cookies])
            #expect(result.text.contains("Đang chờ chấm phần tự luận"))
        }
    }
}
