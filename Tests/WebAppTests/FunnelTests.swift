import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import WebApp

/// The fixture province with a trainer, two supervisors and a plain learner, and three learners of "Làm quen với
/// VNeID" at different places in "Cài đặt VNeID" (three steps):
/// - Bà Năm, citizen of Xã Một: reached step 3, asked for help on step 2, answered "Cần làm lại"; read lesson 1;
/// - Ông Bảy, citizen of Xã Cũ (merged into Xã Một): stopped on step 2, asked for help on step 1;
/// - Hoa, official of Xã Hai: went through every step and completed the lesson.
/// Bà Năm and Hoa each submitted the final quiz once, with known answers; Ông Bảy has an attempt under way. (A
/// lesson of the course also names the essay quiz "tu-luan-thu", which nobody took.)
private struct Classroom {
    let database: AppDatabase
    let app: Application<RouterResponder<AppRequestContext>>

    static func make() async throws -> Classroom {
        let database = try AppDatabase.inMemory()
        guard
            case .success = try UnitImporter(database: database).importFile(path: "\(TestPaths.fixtures)/Units/units.csv")
        else { throw CancellationError() }
        let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
        func official(_ username: String, _ name: String, _ unit: String, _ roles: Set<Role>) -> AppDatabase.OfficialRow {
            .init(username: username, fullName: name, unitCode: unit, position: "Công chức", roles: roles, passwordHash: hash)
        }
        _ = try database.importOfficials(
            [
                official("lan", "Trần Thị Lan", "XA-MOT", []),
                official("hoa", "Lê Thị Hoa", "XA-HAI", []),
                official("chutich", "Phạm Văn Chủ", "XA-MOT", [.supervisor]),
                official("chutich2", "Đinh Văn Hai", "XA-HAI", [.supervisor]),
                official("thay", "Vũ Văn Thầy", "SO-NV", [.trainer]),
            ], now: Date())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(testConfig(), logger: logger, database: database)
        let nam = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "nam", unitCode: "XA-MOT", now: Date())
        let bay = try database.registerCitizen(name: "Ông Bảy", phone: nil, resumeCodeHash: "bay", unitCode: "XA-CU", now: Date())
        let hoa = try #require(try database.credentials(username: "hoa")).learner

        let start = Date().addingTimeInterval(-86_400)
        var seed = 0
        func events(_ lesson: String, _ list: [(ProgressEventType, Int?, TimeInterval, LastStepAnswer?)])
            -> [(event: ProgressEvent, version: AppDatabase.LessonVersion)]
        {
            list.map { type, step, seconds, answer in
                seed += 1
                return (
                    ProgressEvent(
                        id: String(format: "f0000000-0000-4000-8000-%012d", seed), courseID: "vneid-thu", lessonID: lesson,
                        type: type, step: step, occurredAt: start.addingTimeInterval(seconds), answer: answer),
                    AppDatabase.LessonVersion(contentHash: "h", courseVersion: 2)
                )
            }
        }
        _ = try database.recordProgress(
            events("gioi-thieu", [(.opened, nil, 0, nil), (.completed, nil, 300, nil)])
                + events("cai-dat", [
                    (.opened, nil, 0, nil), (.step, 1, 10, nil), (.step, 2, 40, nil), (.help, 2, 50, nil),
                    (.step, 3, 100, nil), (.answered, 3, 160, .retry),
                ]), learnerID: nam.id, now: Date())
        _ = try database.recordProgress(
            events("cai-dat", [(.opened, nil, 0, nil), (.step, 1, 20, nil), (.help, 1, 30, nil), (.step, 2, 80, nil)]),
            learnerID: bay.id, now: Date())
        _ = try database.recordProgress(
            events("cai-dat", [
                (.opened, nil, 0, nil), (.step, 1, 30, nil), (.step, 2, 60, nil), (.step, 3, 90, nil),
                (.answered, 3, 110, .managed), (.completed, nil, 111, nil),
            ]), learnerID: hoa.id, now: Date())

        let quiz = try dependencies.content.current.catalogue.requireQuiz(id: "vneid-thu-kiem-tra")
        func submit(_ learner: Learner, _ responses: (AttemptPaper) -> [String: QuestionResponse]) throws {
            var generator = SystemRandomNumberGenerator()
            let paper = AttemptPaper.draw(from: quiz, using: &generator)
            let attempt = try database.startAttempt(learnerID: learner.id, quiz: quiz, paper: paper, now: Date())
            _ = try database.submitAttempt(
                attemptID: attempt.id, learnerID: learner.id, responses: responses(paper),
                passPercent: quiz.settings.passPercent, now: Date())
        }
        // Bà Năm: the OTP question wrong ("Đọc cho người gọi điện"), the rest right.
        try submit(nam) { paper in
            let matching = paper.items[3]
            var matches: [Int: Int] = [:]
            for (position, pair) in matching.promptOrder.enumerated() {
                matches[position + 1] = matching.matchOptions.firstIndex(of: matching.question.pairs[pair].answer)! + 1
            }
            return ["q1": .choice(2), "q2": .trueFalse(true), "q3": .text("VNeID"), "q4": .matches(matches)]
        }
        // Hoa: the OTP question right, the rest wrong; every prompt matched to "Mã mở ứng dụng".
        try submit(hoa) { paper in
            let option = paper.items[3].matchOptions.firstIndex(of: "Mã mở ứng dụng")! + 1
            return ["q1": .choice(1), "q2": .trueFalse(false), "q3": .text("Zalo"), "q4": .matches([1: option, 2: option, 3: option])]
        }
        var generator = SystemRandomNumberGenerator()
        _ = try database.startAttempt(
            learnerID: bay.id, quiz: quiz, paper: AttemptPaper.draw(from: quiz, using: &generator), now: Date())
        return Classroom(
            database: database,
            app: Application(router: buildRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0))))
    }
}

extension TestClientProtocol {
    /// The funnel as `username` reads it, with its status.
    fileprivate func funnel(_ query: String = "", as username: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let token = try await signIn(username)
        let response = try await execute(uri: "/api/v1/courses/vneid-thu/funnel\(query)", method: .get, headers: bearer(token))
        return (response.status, (try? object(response)) ?? [:])
    }
}

private func lesson(_ funnel: [String: Any], _ id: String) throws -> [String: Any] {
    try #require((funnel["lessons"] as? [[String: Any]])?.first { $0["lessonId"] as? String == id })
}

private func steps(_ lesson: [String: Any], _ key: String) -> [Int?] {
    (lesson["steps"] as? [[String: Any]] ?? []).map { $0[key] as? Int }
}

@Suite("Where learners get stuck", .serialized)
struct FunnelTests {
    @Test("a trainer reads, per lesson and step, who reached it, stopped, took how long, asked for help or to redo it")
    func lessonsAndSteps() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            // When the trainer asks for the whole course
            let (status, funnel) = try await client.funnel(as: "thay")

            // Then the guided lesson has the scenario's exact numbers
            #expect(status == .ok)
            #expect((funnel["lessons"] as? [[String: Any]])?.map { $0["lessonId"] as? String } == ["gioi-thieu", "cai-dat"])
            let guided = try lesson(funnel, "cai-dat")
            #expect(guided["reached"] as? Int == 3)
            #expect(guided["completed"] as? Int == 1)
            #expect(guided["stopped"] as? Int == 2)
            #expect(guided["medianSeconds"] as? Int == 111)
            #expect(guided["askedForHelp"] as? Int == 2)
            #expect(guided["answeredRetry"] as? Int == 1)
            #expect(steps(guided, "reached") == [3, 3, 2])
            #expect(steps(guided, "stopped") == [0, 1, 1])
            #expect(steps(guided, "medianSeconds") == [30, 45, 40])
            #expect(steps(guided, "askedForHelp") == [1, 1, 0])
            #expect(steps(guided, "answeredRetry") == [nil, nil, 1])
            // And the reading lesson counts its one reader
            let reading = try lesson(funnel, "gioi-thieu")
            #expect(reading["reached"] as? Int == 1)
            #expect(reading["stopped"] as? Int == 0)
            #expect(reading["medianSeconds"] as? Int == 300)
            #expect(reading["answeredRetry"] == nil)
        }
    }

    @Test("per quiz question: the share right and the most chosen wrong answer, from submitted attempts only")
    func quizQuestions() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            // When the trainer asks for the course
            let (_, funnel) = try await client.funnel(as: "thay")

            // Then the final quiz's two submitted attempts are tallied question by question
            let quizzes = try #require(funnel["quizzes"] as? [[String: Any]])
            #expect(quizzes.map { $0["quizId"] as? String } == ["tu-luan-thu", "vneid-thu-kiem-tra"])
            let quiz = quizzes[1]
            #expect(quiz["attempts"] as? Int == 2)
            let questions = try #require(quiz["questions"] as? [[String: Any]])
            #expect(questions.map { $0["attempts"] as? Int } == [2, 2, 2, 2])
            #expect(questions.map { $0["right"] as? Int } == [1, 1, 1, 1])
            #expect(questions.map { $0["rightShare"] as? Double } == [50, 50, 50, 50])
            let wrong = questions.map { ($0["mostChosenWrong"] as? [String: Any])?["text"] as? String }
            #expect(wrong == ["Đọc cho người gọi điện", "false", "zalo", "OTP → Mã mở ứng dụng"])
        }
    }

    @Test("the audience and unit filters count only their learners, merged units included")
    func filters() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            // When the trainer filters by audience, by unit, and by both
            let (_, citizens) = try await client.funnel("?audience=citizens", as: "thay")
            let (_, officials) = try await client.funnel("?audience=officials", as: "thay")
            let (_, xaMot) = try await client.funnel("?unitCode=XA-MOT", as: "thay")
            let (_, none) = try await client.funnel("?audience=officials&unitCode=XA-MOT", as: "thay")

            // Then each counts its own learners: Xã Một includes Xã Cũ, merged into it
            #expect(try lesson(citizens, "cai-dat")["reached"] as? Int == 2)
            #expect(try lesson(citizens, "cai-dat")["completed"] as? Int == 0)
            #expect(citizens["audience"] as? String == "citizens")
            #expect(try lesson(officials, "cai-dat")["completed"] as? Int == 1)
            #expect(steps(try lesson(xaMot, "cai-dat"), "reached") == [2, 2, 1])
            #expect(steps(try lesson(xaMot, "cai-dat"), "askedForHelp") == [1, 1, 0])
            #expect(xaMot["unitCode"] as? String == "XA-MOT")
            #expect(try lesson(none, "cai-dat")["reached"] as? Int == 0)
            let quiz = try #require((officials["quizzes"] as? [[String: Any]])?.last)
            #expect(quiz["attempts"] as? Int == 1)
        }
    }

    @Test("learners are refused, supervisors only see their own units, trainers and bad filters are answered")
    func permissions() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            #expect(try await client.execute(uri: "/api/v1/courses/vneid-thu/funnel", method: .get).status == .unauthorized)
            #expect(try await client.funnel(as: "lan").0 == .forbidden)
            #expect(try await client.funnel(as: "chutich2").0 == .forbidden)
            #expect(try await client.funnel("?unitCode=XA-MOT", as: "chutich2").0 == .forbidden)
            #expect(try await client.funnel("?unitCode=XA-HAI", as: "chutich2").0 == .ok)
            #expect(try await client.funnel("?unitCode=XA-CU", as: "chutich").0 == .ok)
            #expect(try await client.funnel(as: "thay").0 == .ok)
            #expect(try await client.funnel("?audience=tre-em", as: "thay").0 == .badRequest)
            #expect(try await client.funnel("?unitCode=KHONG-CO", as: "thay").0 == .notFound)
            let token = try await client.signIn("thay")
            let unknown = try await client.execute(uri: "/api/v1/courses/khong-co/funnel", method: .get, headers: bearer(token))
            #expect(unknown.status == .notFound)
        }
    }

    @Test("the trainer's page shows the funnel in Vietnamese, in tables with captions and headers")
    func page() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            // When the trainer opens the page filtered to citizens
            let token = try await client.signIn("thay")
            let response = try await client.execute(
                uri: "/trainer/courses/vneid-thu/funnel?audience=citizens", method: .get, headers: bearer(token))

            // Then it is in Vietnamese, keeps the filter, and has a captioned table per lesson and per quiz
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<html lang=\"vi\""))
            #expect(html.contains("Học viên vướng ở đâu: Làm quen với VNeID"))
            #expect(html.contains("<option value=\"citizens\" selected>Người dân</option>"))
            #expect(html.contains("<caption id=\"funnel-lesson-2\">Bài 2: Cài đặt VNeID</caption>"))
            #expect(html.contains("<th scope=\"col\">Cần giúp đỡ</th>"))
            #expect(html.contains("Bước 2: Tìm VNeID <strong>(nhiều người dừng nhất)</strong>"))
            #expect(html.contains("Kiểm tra thử – VNeID (1 lượt nộp bài)"))
            #expect(html.contains("Đọc cho người gọi điện (1 lượt)"))
            #expect(html.contains("1 phút 0 giây"))
        }
    }

    @Test("a help event is recorded for a step of a guided lesson and refused without a step")
    func helpEvents() async throws {
        let classroom = try await Classroom.make()
        try await classroom.app.test(.router) { client in
            // Given a learner who opens the help on step 2 and a client that forgets the step
            let token = try await client.signIn("lan")
            func help(_ id: Int, step: Int?) -> [String: Any] {
                var event: [String: Any] = [
                    "id": String(format: "e1000000-0000-4000-8000-%012d", id), "courseId": "vneid-thu", "lessonId": "cai-dat",
                    "type": "help", "at": Date().formatted(.iso8601),
                ]
                if let step { event["step"] = step }
                return event
            }

            // When both are sent
            let outcome = try object(
                try await client.execute(
                    uri: "/api/v1/progress", method: .post, headers: bearer(token),
                    body: json(["events": [help(1, step: 2), help(2, step: nil)]])))

            // Then the first counts as help on step 2 and the second is refused with its reason
            #expect(outcome["accepted"] as? Int == 1)
            let rejected = try #require(outcome["rejected"] as? [[String: Any]])
            #expect(rejected.map { $0["reason"] as? String } == ["step and help events need a step"])
            let (_, funnel) = try await client.funnel("?unitCode=XA-MOT", as: "thay")
            #expect(steps(try lesson(funnel, "cai-dat"), "askedForHelp") == [1, 2, 0])
        }
    }
}
