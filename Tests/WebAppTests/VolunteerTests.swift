import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import WebApp

/// A province with two communes: in Xã Một two volunteers, a learner, the chairperson; in Xã Hai its chairperson; a
/// trainer and an admin at the province.
private struct Commune {
    let database: AppDatabase
    let app: Application<RouterResponder<AppRequestContext>>

    static func make() async throws -> Commune {
        let database = try AppDatabase.inMemory()
        guard
            case .success = try UnitImporter(database: database).importFile(
                path: "\(TestPaths.fixtures)/Units/units.csv")
        else {
            throw CancellationError()
        }
        let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
        func official(_ username: String, _ name: String, _ unit: String, _ roles: Set<Role>) -> AppDatabase.OfficialRow
        {
            .init(
                username: username, fullName: name, unitCode: unit, position: "Công chức", roles: roles,
                passwordHash: hash)
        }
        _ = try database.importOfficials(
            [
                official("tinh", "Ngô Văn Tĩnh", "XA-MOT", [.volunteer]),
                official("hai", "Lý Thị Hai", "XA-MOT", [.volunteer]),
                official("lan", "Trần Thị Lan", "XA-MOT", []),
                official("chutich", "Phạm Văn Chủ", "XA-MOT", [.supervisor]),
                official("chutich2", "Đinh Văn Hai", "XA-HAI", [.supervisor]),
                official("thay", "Vũ Văn Thầy", "SO-NV", [.trainer]),
                official("quantri", "Đỗ Quản Trị", "SO-NV", [.admin]),
            ], now: Date())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(testConfig(), logger: logger, database: database)
        return Commune(
            database: database,
            app: Application(
                router: buildRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0))))
    }
}

private func event(_ seed: Int, lesson: String, type: String = "completed", step: Int? = nil) -> [String: Any] {
    var event: [String: Any] = [
        "id": String(format: "a551e7ed-0000-4000-8000-%012d", seed), "courseId": "vneid-thu", "lessonId": lesson,
        "type": type,
        "at": Date().formatted(.iso8601),
    ]
    if let step { event["step"] = step }
    return event
}

extension TestClientProtocol {
    /// Registers a citizen as the volunteer with this token; returns their id and resume code.
    fileprivate func registerAsVolunteer(_ token: String, name: String = "Bà Năm", phone: String? = nil) async throws
        -> (id: String, code: String)
    {
        var body: [String: Any] = ["name": name]
        if let phone { body["phone"] = phone }
        let response = try await execute(
            uri: "/api/v1/volunteer/citizens", method: .post, headers: bearer(token), body: json(body))
        #expect(response.status == .created)
        let registered = try object(response)
        let citizen = try #require(registered["citizen"] as? [String: Any])
        return (try #require(citizen["id"] as? String), try #require(registered["resumeCode"] as? String))
    }

    /// Starts helping a citizen through the API; returns the assisted session's token.
    fileprivate func assist(_ citizenID: String, as token: String) async throws -> String {
        let response = try await execute(
            uri: "/api/v1/volunteer/citizens/\(citizenID)/assist", method: .post, headers: bearer(token))
        #expect(response.status == .created)
        return try #require(try object(response)["token"] as? String)
    }

    fileprivate func record(_ events: [[String: Any]], as token: String) async throws {
        let outcome = try object(
            try await execute(
                uri: "/api/v1/progress", method: .post, headers: bearer(token), body: json(["events": events])))
        #expect(outcome["accepted"] as? Int == events.count)
    }

    /// Passes the fixture course's final quiz as `token`'s learner.
    fileprivate func passFinalQuiz(as token: String) async throws {
        let attempt = try object(
            try await execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: bearer(token))
        )
        let id = try #require(attempt["attemptId"] as? String)
        let questions = try #require(attempt["questions"] as? [[String: Any]])
        let matching = try #require(questions.first { $0["type"] as? String == "matching" })
        let options = try #require(matching["options"] as? [[String: Any]])
        let answers = ["VNeID": "Định danh điện tử", "OTP": "Mã xác thực dùng một lần", "Passcode": "Mã mở ứng dụng"]
        var matches: [String: Int] = [:]
        for prompt in try #require(matching["prompts"] as? [[String: Any]]) {
            matches["\(prompt["id"] as! Int)"] =
                options.first { $0["text"] as? String == answers[prompt["text"] as! String] }?["id"] as? Int
        }
        let result = try object(
            try await execute(
                uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token),
                body: json(["responses": ["q1": 1, "q2": true, "q3": "VNeID", "q4": matches]])))
        #expect(result["passed"] as? Bool == true)
    }

    /// A CSRF token from a page, as a cookie and the bare value.
    fileprivate func csrf() async throws -> (cookie: String, token: String) {
        let page = try await execute(uri: "/signin", method: .get)
        let token = try #require(page.headers[.setCookie]?.firstMatch(of: /binhdan_csrf=([A-Za-z0-9_-]+)/)?.output.1)
        return ("binhdan_csrf=\(token)", String(token))
    }
}

private func lessons(_ summary: [String: Any]) throws -> [String: [String: Any]] {
    let course = try #require((summary["courses"] as? [[String: Any]])?.first)
    let lessons = try #require(course["lessons"] as? [[String: Any]])
    return Dictionary(uniqueKeysWithValues: lessons.map { ($0["lessonId"] as! String, $0) })
}

private let formType = "application/x-www-form-urlencoded"

@Suite("Volunteers and assisted learning", .serialized)
struct VolunteerTests {
    @Test("a volunteer registers a citizen in their commune, gets the code once, and stays signed in as themself")
    func register() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            // Given a volunteer of Xã Một
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")

            // When they register a citizen with a phone number
            let response = try await client.execute(
                uri: "/api/v1/volunteer/citizens", method: .post, headers: bearer(volunteer),
                body: json(["name": "  Bà Năm ", "phone": "0912 345 678"]))

            // Then the citizen is in Xã Một, the code is shown, and the volunteer's session is still theirs
            #expect(response.status == .created)
            #expect(!response.headers[values: .setCookie].contains { $0.hasPrefix("binhdan_session=") })
            let body = try object(response)
            let code = try #require(body["resumeCode"] as? String)
            #expect(code.wholeMatch(of: /\d{3} \d{3} \d{4}/) != nil)
            let citizen = try #require(body["citizen"] as? [String: Any])
            #expect(citizen["displayName"] as? String == "Bà Năm")
            #expect(citizen["unitCode"] as? String == "XA-MOT")
            #expect(citizen["phone"] as? String == "0912345678")
            #expect(citizen["registeredAt"] != nil)
            let me = try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(volunteer)))
            #expect(me["username"] as? String == "tinh")

            // And the citizen signs in later with the code
            let resumed = try await client.execute(
                uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders, body: json(["code": code]))
            #expect(try (object(resumed)["learner"] as? [String: Any])?["id"] as? String == citizen["id"] as? String)
        }
    }

    @Test("someone without the volunteer role is refused, on the API and with the friendly page")
    func nonVolunteerRefused() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let lan = try await client.signIn("lan", "mat-khau-dung")
            let api = try await client.execute(
                uri: "/api/v1/volunteer/citizens", method: .post, headers: bearer(lan), body: json(["name": "Bà Năm"]))
            #expect(api.status == .forbidden)
            #expect(
                try await client.execute(uri: "/api/v1/volunteer/citizens", method: .get, headers: bearer(lan)).status
                    == .forbidden)

            let page = try await client.execute(
                uri: "/volunteer", method: .get, headers: [.authorization: "Bearer \(lan)"])
            #expect(page.status == .forbidden)
            #expect(page.text.contains("Bạn không có quyền xem trang này"))

            let anonymous = try await client.execute(uri: "/volunteer", method: .get)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/signin")
            #expect(try await client.execute(uri: "/api/v1/volunteer/citizens", method: .get).status == .unauthorized)
        }
    }

    @Test("a bad phone number is refused: the API names the field, the page says so in Vietnamese and keeps the name")
    func registerValidation() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let volunteerID = try #require(
                try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(volunteer)))["id"]
                    as? String)
            let api = try await client.execute(
                uri: "/api/v1/volunteer/citizens", method: .post, headers: bearer(volunteer),
                body: json(["name": "Bà Năm", "phone": "09abc"]))
            #expect(api.status == .badRequest)
            #expect((try object(api)["detail"] as? String)?.contains("phone") == true)

            let (csrfCookie, csrfToken) = try await client.csrf()
            let page = try await client.execute(
                uri: "/volunteer/citizens", method: .post,
                headers: [.contentType: formType, .cookie: "binhdan_session=\(volunteer); \(csrfCookie)"],
                body: ByteBuffer(string: "_csrf=\(csrfToken)&name=B%C3%A0+N%C4%83m&phone=09abc"))
            #expect(page.status == .badRequest)
            #expect(page.text.contains("Số điện thoại chưa đúng: chỉ gồm 8 đến 15 chữ số"))
            #expect(page.text.contains("value=\"Bà Năm\""))

            // Without the form's token nothing is registered
            let forged = try await client.execute(
                uri: "/volunteer/citizens", method: .post,
                headers: [.contentType: formType, .cookie: "binhdan_session=\(volunteer); \(csrfCookie)"],
                body: ByteBuffer(string: "name=B%C3%A0+N%C4%83m"))
            #expect(forged.status == .forbidden)
            #expect(try commune.database.helpedCitizens(volunteerID: volunteerID).isEmpty)
        }
    }

    @Test("the page shows the new citizen's code once to print, with how to use it and a button to start helping")
    func registerPage() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let (csrfCookie, csrfToken) = try await client.csrf()
            let response = try await client.execute(
                uri: "/volunteer/citizens", method: .post,
                headers: [.contentType: formType, .cookie: "binhdan_session=\(volunteer); \(csrfCookie)"],
                body: ByteBuffer(string: "_csrf=\(csrfToken)&name=%C3%94ng+B%E1%BA%A3y&phone="))
            #expect(response.status == .created)
            #expect(response.headers[.cacheControl] == "no-store")
            #expect(response.text.firstMatch(of: /class="resume-code-value">\d{3} \d{3} \d{4}</) != nil)
            #expect(response.text.contains("Ông Bảy"))
            #expect(response.text.contains("Cách dùng mã"))
            let action = try #require(
                response.text.firstMatch(of: /action="(\/volunteer\/citizens\/[a-z2-9]{16}\/assist)"/)?.output.1)

            let list = try await client.execute(
                uri: "/volunteer", method: .get, headers: [.cookie: "binhdan_session=\(volunteer)"])
            #expect(list.text.contains("<h3>Ông Bảy</h3>"))
            #expect(list.text.contains("action=\"\(action)\""))
            #expect(list.text.contains("Bắt đầu hỗ trợ"))
            #expect(list.text.contains("Chưa xong bài nào."))
            let mine = try await client.execute(
                uri: "/me", method: .get, headers: [.cookie: "binhdan_session=\(volunteer)"])
            #expect(mine.text.contains("href=\"/volunteer\">Hỗ trợ người dân học</a>"))
        }
    }

    @Test("progress recorded in an assisted session is marked with the volunteer; the citizen's own is not")
    func assistedProgress() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            // Given a citizen registered by a volunteer, who helps her through one lesson
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let (citizenID, code) = try await client.registerAsVolunteer(volunteer)
            let assisted = try await client.assist(citizenID, as: volunteer)
            let me = try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(assisted)))
            #expect(me["id"] as? String == citizenID)
            try await client.record(
                [event(1, lesson: "gioi-thieu", type: "opened"), event(2, lesson: "gioi-thieu")], as: assisted)

            // When she does the other lesson alone, signed in with her code
            let resumed = try object(
                try await client.execute(
                    uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders, body: json(["code": code])))
            let own = try #require(resumed["token"] as? String)
            try await client.record(
                [event(3, lesson: "cai-dat", type: "step", step: 1), event(4, lesson: "cai-dat")], as: own)

            // Then her progress says which lesson was done with help
            let summary = try lessons(
                try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: bearer(own))))
            #expect(summary["gioi-thieu"]?["completedWithHelp"] as? Bool == true)
            #expect(summary["gioi-thieu"]?["assistedEvents"] as? Int == 2)
            #expect(summary["cai-dat"]?["completedWithHelp"] as? Bool == false)
            #expect(summary["cai-dat"]?["assistedEvents"] as? Int == 0)
            let stored = try commune.database.assistance(learnerID: citizenID)
            #expect(
                stored == [
                    LessonAssistance(
                        courseID: "vneid-thu", lessonID: "gioi-thieu", assistedEvents: 2,
                        completedWithHelpFrom: "Ngô Văn Tĩnh")
                ])

            // And ending the assisted session leaves the volunteer signed in
            #expect(
                try await client.execute(uri: "/api/v1/sessions/current", method: .delete, headers: bearer(assisted))
                    .status == .noContent)
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(assisted)).status
                    == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(volunteer)).status == .ok)
        }
    }

    @Test("only the volunteer who registered or helped a citizen, or an admin, may help them; never for an official")
    func assistPermissions() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let tinh = try await client.signIn("tinh", "mat-khau-dung")
            let hai = try await client.signIn("hai", "mat-khau-dung")
            let lan = try await client.signIn("lan", "mat-khau-dung")
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            let (citizenID, _) = try await client.registerAsVolunteer(tinh)
            let alone = try await client.registerCitizen("Ông Bảy")
            let lanID = try #require(
                try object(try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(lan)))["id"]
                    as? String)
            func attempt(_ id: String, _ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/api/v1/volunteer/citizens/\(id)/assist", method: .post, headers: bearer(token)
                ).status
            }

            #expect(try await attempt(citizenID, hai) == .forbidden)
            #expect(try await attempt(alone.id, tinh) == .forbidden)
            #expect(try await attempt(citizenID, lan) == .forbidden)
            #expect(try await attempt(lanID, admin) == .forbidden)
            #expect(try await attempt("khongcoai2345678", tinh) == .notFound)
            #expect(try await attempt(alone.id, admin) == .created)
            let assisted = try await client.assist(citizenID, as: tinh)
            #expect(try await attempt(citizenID, assisted) == .forbidden)
            #expect(
                try await client.execute(uri: "/api/v1/volunteer/citizens", method: .get, headers: bearer(assisted))
                    .status == .forbidden)

            // An admin's help does not make a citizen any volunteer's to help
            #expect(try await attempt(alone.id, hai) == .forbidden)
        }
    }

    @Test("on the pages the device becomes the citizen's with a banner, and ending gives it back without a password")
    func assistedPages() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            // Given a volunteer signed in on the site, with a citizen she registered
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let (citizenID, _) = try await client.registerAsVolunteer(volunteer, name: "Bà Năm")
            let (csrfCookie, csrfToken) = try await client.csrf()

            // A forged form cannot start helping
            let forged = try await client.execute(
                uri: "/volunteer/citizens/\(citizenID)/assist", method: .post,
                headers: [.contentType: formType, .cookie: "binhdan_session=\(volunteer); \(csrfCookie)"],
                body: ByteBuffer(string: ""))
            #expect(forged.status == .forbidden)

            // When she presses "Bắt đầu hỗ trợ"
            let start = try await client.execute(
                uri: "/volunteer/citizens/\(citizenID)/assist", method: .post,
                headers: [.contentType: formType, .cookie: "binhdan_session=\(volunteer); \(csrfCookie)"],
                body: ByteBuffer(string: "_csrf=\(csrfToken)"))
            #expect(start.status == .seeOther)
            #expect(start.headers[.location] == "/")
            let cookies = start.headers[values: .setCookie]
            let tokens = cookies.compactMap { cookie in
                cookie.firstMatch(of: /^binhdan_session=([A-Za-z0-9_-]+)/).map { String($0.output.1) }
            }
            let assisted = try #require(tokens.first)
            #expect(String(assisted) != volunteer)
            let kept = try #require(cookies.first { $0.hasPrefix("binhdan_volunteer=") })
            #expect(kept.contains("binhdan_volunteer=\(volunteer)"))
            #expect(kept.contains("HttpOnly"))
            #expect(kept.contains("Path=/volunteer"))

            // Then every page says whom she is helping, and what the citizen does is marked as helped
            let device = "binhdan_session=\(assisted); \(csrfCookie); binhdan_volunteer=\(volunteer)"
            let home = try await client.execute(uri: "/", method: .get, headers: [.cookie: device])
            #expect(home.text.contains("Đang hỗ trợ Bà Năm"))
            #expect(home.text.contains("action=\"/volunteer/assist/end\""))
            _ = try await client.execute(
                uri: "/courses/vneid-thu/cai-dat/steps/1", method: .get, headers: [.cookie: device])
            let done = try await client.execute(
                uri: "/courses/vneid-thu/cai-dat/complete", method: .post,
                headers: [.contentType: formType, .cookie: device],
                body: ByteBuffer(string: "_csrf=\(csrfToken)"))
            #expect(done.status == .seeOther)
            let mine = try await client.execute(uri: "/me", method: .get, headers: [.cookie: device])
            #expect(
                mine.text.contains(
                    "Cài đặt VNeID</a> <span class=\"facts\">Đã xong</span> <span class=\"help-mark help-with-help\">Có người hỗ trợ</span>"
                ))
            let stored = try commune.database.assistance(learnerID: citizenID)
            #expect(stored.first?.assistedEvents == 2)
            #expect(stored.first?.completedWithHelp == true)

            // When she presses "Kết thúc hỗ trợ", the device is hers again and the assisted session is over
            let end = try await client.execute(
                uri: "/volunteer/assist/end", method: .post, headers: [.contentType: formType, .cookie: device],
                body: ByteBuffer(string: "_csrf=\(csrfToken)"))
            #expect(end.status == .seeOther)
            #expect(end.headers[.location] == "/volunteer")
            let restored = end.headers[values: .setCookie]
            #expect(restored.contains { $0.hasPrefix("binhdan_session=\(volunteer);") })
            #expect(restored.contains { $0.hasPrefix("binhdan_volunteer=;") })
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: bearer(String(assisted))).status
                    == .unauthorized)
            let back = try await client.execute(
                uri: "/volunteer", method: .get, headers: [.cookie: "binhdan_session=\(volunteer)"])
            #expect(back.status == .ok)
            #expect(!back.text.contains("Đang hỗ trợ"))
            #expect(back.text.contains("Đã xong 1 bài: 0 bài tự học, 1 bài có người hỗ trợ."))
        }
    }

    @Test("ending with a volunteer token that is not the helper's own live session signs the device out")
    func endWithoutOwnSession() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let other = try await client.signIn("hai", "mat-khau-dung")
            let (citizenID, _) = try await client.registerAsVolunteer(volunteer)
            let assisted = try await client.assist(citizenID, as: volunteer)
            let (csrfCookie, csrfToken) = try await client.csrf()
            let end = try await client.execute(
                uri: "/volunteer/assist/end", method: .post,
                headers: [
                    .contentType: formType,
                    .cookie: "binhdan_session=\(assisted); \(csrfCookie); binhdan_volunteer=\(other)",
                ],
                body: ByteBuffer(string: "_csrf=\(csrfToken)"))
            #expect(end.headers[.location] == "/signin")
            #expect(!end.headers[values: .setCookie].contains { $0.hasPrefix("binhdan_session=\(other)") })
            #expect(end.headers[values: .setCookie].contains { $0.hasPrefix("binhdan_session=;") })
        }
    }

    @Test("the citizen's own page marks each lesson done alone or with help")
    func citizenPage() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let (citizenID, code) = try await client.registerAsVolunteer(volunteer)
            try await client.record(
                [event(10, lesson: "gioi-thieu")], as: try await client.assist(citizenID, as: volunteer))
            let own = try #require(
                try object(
                    try await client.execute(
                        uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders, body: json(["code": code]))
                )["token"] as? String)
            try await client.record([event(11, lesson: "cai-dat")], as: own)

            let page = try await client.execute(uri: "/me", method: .get, headers: [.cookie: "binhdan_session=\(own)"])
            #expect(
                page.text.contains(
                    "VNeID là gì</a> <span class=\"facts\">Đã xong</span> <span class=\"help-mark help-with-help\">Có người hỗ trợ</span>"
                ))
            #expect(
                page.text.contains(
                    "Cài đặt VNeID</a> <span class=\"facts\">Đã xong</span> <span class=\"help-mark help-alone\">Tự học</span>"
                ))
            #expect(page.text.contains("Đã xong 2/2 bài · 1 bài tự học, 1 bài có người hỗ trợ"))
            #expect(!page.text.contains("Đang hỗ trợ"))
        }
    }

    @Test(
        "a volunteer's list has the citizens they registered or helped, with lessons alone and with help, and no one else"
    )
    func volunteerList() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            let tinh = try await client.signIn("tinh", "mat-khau-dung")
            let hai = try await client.signIn("hai", "mat-khau-dung")
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            let (nam, namCode) = try await client.registerAsVolunteer(tinh, name: "Bà Năm")
            _ = try await client.registerAsVolunteer(hai, name: "Ông Sáu")
            let bay = try await client.registerCitizen("Ông Bảy")
            // Bà Năm learns one lesson with Tĩnh and one alone; Ông Bảy, who started alone, is helped by an admin
            try await client.record([event(20, lesson: "gioi-thieu")], as: try await client.assist(nam, as: tinh))
            let own = try #require(
                try object(
                    try await client.execute(
                        uri: "/api/v1/sessions/resume", method: .post, headers: jsonHeaders,
                        body: json(["code": namCode])))["token"] as? String)
            try await client.record([event(21, lesson: "cai-dat")], as: own)
            try await client.record(
                [event(22, lesson: "gioi-thieu", type: "opened")], as: try await client.assist(bay.id, as: admin))

            let list = try #require(
                try object(
                    try await client.execute(uri: "/api/v1/volunteer/citizens", method: .get, headers: bearer(tinh)))[
                        "citizens"] as? [[String: Any]])
            #expect(list.map { $0["displayName"] as? String } == ["Bà Năm"])
            let first = try #require(list.first)
            #expect(first["lessonsCompleted"] as? Int == 2)
            #expect(first["lessonsCompletedAlone"] as? Int == 1)
            #expect(first["lessonsCompletedWithHelp"] as? Int == 1)
            #expect(first["registeredAt"] != nil)
            #expect(first["lastActivityAt"] != nil)
            let hers = try #require(
                try object(
                    try await client.execute(uri: "/api/v1/volunteer/citizens", method: .get, headers: bearer(hai)))[
                        "citizens"] as? [[String: Any]])
            #expect(hers.map { $0["displayName"] as? String } == ["Ông Sáu"])
        }
    }

    @Test("the share of assisted completions per course and unit: trainers see every unit, supervisors only theirs")
    func assistedShare() async throws {
        let commune = try await Commune.make()
        try await commune.app.test(.router) { client in
            // Given, in Xã Một, a citizen who completes the course with a volunteer, and an official who completes one
            // lesson alone
            let volunteer = try await client.signIn("tinh", "mat-khau-dung")
            let (citizenID, _) = try await client.registerAsVolunteer(volunteer)
            let assisted = try await client.assist(citizenID, as: volunteer)
            try await client.record([event(30, lesson: "gioi-thieu"), event(31, lesson: "cai-dat")], as: assisted)
            try await client.passFinalQuiz(as: assisted)
            let lan = try await client.signIn("lan", "mat-khau-dung")
            try await client.record([event(32, lesson: "gioi-thieu")], as: lan)

            // When the commune's chairperson reads the share
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            let response = try await client.execute(
                uri: "/api/v1/units/XA-MOT/assisted", method: .get, headers: bearer(supervisor))

            // Then three lessons were completed, two of them with help, and the one course completion was assisted
            #expect(response.status == .ok)
            let share = try object(response)
            let totals = try #require(share["totals"] as? [String: Any])
            #expect(totals["lessonCompletions"] as? Int == 3)
            #expect(totals["assistedLessonCompletions"] as? Int == 2)
            #expect(totals["lessonShare"] as? Double == 66.7)
            #expect(totals["courseCompletions"] as? Int == 1)
            #expect(totals["assistedCourseCompletions"] as? Int == 1)
            #expect(totals["courseShare"] as? Double == 100)
            let courses = try #require(share["courses"] as? [[String: Any]])
            #expect(courses.map { $0["courseId"] as? String } == ["vneid-thu"])
            let units = try #require(share["units"] as? [[String: Any]])
            #expect(units.map { $0["unitCode"] as? String } == ["XA-MOT"])

            // And the page shows it, linked from the unit report
            let page = try await client.execute(
                uri: "/reports/units/XA-MOT/assisted", method: .get, headers: [.authorization: "Bearer \(supervisor)"])
            #expect(page.text.contains("Học có người hỗ trợ – Xã Một"))
            #expect(page.text.contains("66.7%"))
            let report = try await client.execute(
                uri: "/reports/units/XA-MOT", method: .get, headers: [.authorization: "Bearer \(supervisor)"])
            #expect(report.text.contains("href=\"/reports/units/XA-MOT/assisted\""))

            // And only those allowed may read it
            let trainer = try await client.signIn("thay", "mat-khau-dung")
            let otherSupervisor = try await client.signIn("chutich2", "mat-khau-dung")
            func status(_ path: String, _ token: String) async throws -> HTTPResponse.Status {
                try await client.execute(uri: path, method: .get, headers: bearer(token)).status
            }
            #expect(try await status("/api/v1/units/XA-MOT/assisted", trainer) == .ok)
            #expect(try await status("/api/v1/units/TINH-THU/assisted", trainer) == .ok)
            #expect(try await status("/api/v1/units/XA-MOT/assisted", otherSupervisor) == .forbidden)
            #expect(try await status("/api/v1/units/TINH-THU/assisted", supervisor) == .forbidden)
            #expect(try await status("/api/v1/units/XA-MOT/assisted", lan) == .forbidden)
            #expect(try await status("/api/v1/units/XA-MOT/assisted", volunteer) == .forbidden)
            #expect(try await status("/api/v1/units/KHONG-CO/assisted", trainer) == .notFound)
            let xaHai = try object(
                try await client.execute(uri: "/api/v1/units/XA-HAI/assisted", method: .get, headers: bearer(trainer)))
            #expect((xaHai["totals"] as? [String: Any])?["lessonCompletions"] as? Int == 0)
            #expect((xaHai["units"] as? [Any])?.isEmpty == true)
        }
    }
}
