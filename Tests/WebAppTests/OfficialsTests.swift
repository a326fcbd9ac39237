import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import WebApp

/// A province with two communes (and an old one merged into the first), a supervisor, three officials and an admin.
private struct Province {
    let dependencies: AppDependencies
    let app: Application<RouterResponder<AppRequestContext>>

    static func make(courses: String = "\(TestPaths.fixtures)/Courses", configure: (inout AppConfig) -> Void = { _ in }) async throws -> Province {
        var config = testConfig(courses: courses)
        config.verificationThrottle.slowAfter = 100
        config.verificationThrottle.refuseAfter = 3
        configure(&config)
        let database = try AppDatabase.inMemory()
        guard case .success = try UnitImporter(database: database).importFile(path: "\(TestPaths.fixtures)/Units/units.csv") else {
            throw CancellationError()
        }
        let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
        func official(_ username: String, _ name: String, _ unit: String, _ position: String, _ roles: Set<Role>) -> AppDatabase.OfficialRow {
            .init(username: username, fullName: name, unitCode: unit, position: position, roles: roles, passwordHash: hash)
        }
        _ = try database.importOfficials([
            official("chutich", "Phạm Văn Chủ", "XA-MOT", "Chủ tịch UBND xã", [.supervisor]),
            official("lan", "Trần Thị Lan", "XA-MOT", "Công chức một cửa", []),
            official("minh", "Nguyễn Văn Minh", "XA-CU", "Công chức một cửa", []),
            official("hoa", "Lê Thị Hoa", "XA-HAI", "Công chức Tư pháp", []),
            official("quantri", "Đỗ Quản Trị", "SO-NV", "Chuyên viên", [.admin]),
        ], now: Date())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(config, logger: logger, database: database)
        return Province(
            dependencies: dependencies,
            app: Application(router: buildRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0))))
    }
}

private func assign(_ client: some TestClientProtocol, _ token: String, unit: String, due: String, course: String = "vneid-thu", positions: [String] = []) async throws -> TestResponse {
    try await client.execute(
        uri: "/api/v1/assignments", method: .post, headers: bearer(token),
        body: json(["courseId": course, "unitCode": unit, "dueDate": due, "includeSubunits": true, "positions": positions]))
}

/// Completes every lesson of the fixture course and passes its final quiz, as `token`'s learner.
private func completeCourse(_ client: some TestClientProtocol, _ token: String, seed: Int) async throws {
    let events = ["gioi-thieu", "cai-dat"].enumerated().map { offset, lesson in
        ["id": String(format: "c0ffee00-0000-4000-8000-%04d%08d", seed, offset), "courseId": "vneid-thu", "lessonId": lesson,
         "type": "completed", "at": Date().formatted(.iso8601)] as [String: Any]
    }
    let recorded = try object(try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: json(["events": events])))
    #expect(recorded["accepted"] as? Int == 2)
    let attempt = try object(try await client.execute(uri: "/api/v1/quizzes/vneid-thu-kiem-tra/attempts", method: .post, headers: bearer(token)))
    let id = try #require(attempt["attemptId"] as? String)
    let questions = try #require(attempt["questions"] as? [[String: Any]])
    let matching = try #require(questions.first { $0["type"] as? String == "matching" })
    let options = try #require(matching["options"] as? [[String: Any]])
    let answers = ["VNeID": "Định danh điện tử", "OTP": "Mã xác thực dùng một lần", "Passcode": "Mã mở ứng dụng"]
    var matches: [String: Int] = [:]
    for prompt in try #require(matching["prompts"] as? [[String: Any]]) {
        matches["\(prompt["id"] as! Int)"] = options.first { $0["text"] as? String == answers[prompt["text"] as! String] }?["id"] as? Int
    }
    let result = try object(try await client.execute(
        uri: "/api/v1/attempts/\(id)/submit", method: .post, headers: bearer(token),
        body: json(["responses": ["q1": 1, "q2": true, "q3": "VNeID", "q4": matches]])))
    #expect(result["passed"] as? Bool == true)
}

private let today = DueDate.day(of: Date())

@Suite("Officials: assignments, certificates, reports", .serialized)
struct OfficialsTests {
    @Test("a supervisor assigns within their own unit only; a learner cannot assign; an admin can anywhere")
    func assignmentPermissions() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            #expect(try await assign(client, supervisor, unit: "XA-MOT", due: "2099-12-31").status == .created)
            #expect(try await assign(client, supervisor, unit: "XA-HAI", due: "2099-12-31").status == .forbidden)
            let learner = try await client.signIn("lan", "mat-khau-dung")
            #expect(try await assign(client, learner, unit: "XA-MOT", due: "2099-12-31").status == .forbidden)
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            #expect(try await assign(client, admin, unit: "XA-HAI", due: "2099-12-31").status == .created)
            #expect(try await assign(client, admin, unit: "XA-HAI", due: "31/12/2099").status == .badRequest)
            #expect(try await assign(client, admin, unit: "KHONG-CO", due: "2099-12-31").status == .notFound)
            #expect(try await assign(client, admin, unit: "XA-HAI", due: "2099-12-31", course: "khong-co").status == .notFound)

            let list = try object(try await client.execute(uri: "/api/v1/assignments?unitCode=XA-MOT", method: .get, headers: bearer(supervisor)))
            let assignments = try #require(list["assignments"] as? [[String: Any]])
            #expect(assignments.count == 1)
            #expect(assignments.first?["courseId"] as? String == "vneid-thu")
            let id = try #require(assignments.first?["id"] as? String)
            let withdrawn = try await client.execute(uri: "/api/v1/assignments/\(id)", method: .delete, headers: bearer(supervisor))
            #expect(withdrawn.status == .noContent)
            let after = try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(learner)))
            #expect((after["assignments"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a supervisor's list of assignments includes those made higher up that reach their unit")
    func assignmentsFromAbove() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            _ = try await assign(client, admin, unit: "TINH-THU", due: "2099-12-31")
            _ = try await assign(client, admin, unit: "XA-HAI", due: "2099-12-31")
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            let list = try object(try await client.execute(uri: "/api/v1/assignments", method: .get, headers: bearer(supervisor)))
            #expect((list["assignments"] as? [[String: Any]])?.map { $0["unitCode"] as? String } == ["TINH-THU"])
            let citizen = try await client.registerCitizen().token
            #expect(try await client.execute(uri: "/api/v1/units/KHONG-CO/report", method: .get, headers: bearer(citizen)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/units/KHONG-CO/report", method: .get, headers: bearer(admin)).status == .notFound)
        }
    }

    @Test("an official sees what is due; the earliest due date wins; a past due date is overdue; positions filter")
    func dueDates() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            _ = try await assign(client, admin, unit: "TINH-THU", due: "2099-06-30")
            _ = try await assign(client, admin, unit: "XA-MOT", due: "2099-03-31")
            _ = try await assign(client, admin, unit: "XA-HAI", due: "2020-01-31")
            _ = try await assign(client, admin, unit: "TINH-THU", due: "2099-01-31", positions: ["Chủ tịch UBND xã"])

            let lan = try await client.signIn("lan", "mat-khau-dung")
            let mine = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(lan)))["assignments"] as? [[String: Any]])
            #expect(mine.count == 1)
            #expect(mine.first?["dueDate"] as? String == "2099-03-31")
            #expect(mine.first?["status"] as? String == "not_started")

            let hoa = try await client.signIn("hoa", "mat-khau-dung")
            let hers = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(hoa)))["assignments"] as? [[String: Any]])
            #expect(hers.first?["status"] as? String == "overdue")
            #expect(hers.first?["dueDate"] as? String == "2020-01-31")

            let chair = try await client.signIn("chutich", "mat-khau-dung")
            let his = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(chair)))["assignments"] as? [[String: Any]])
            #expect(his.first?["dueDate"] as? String == "2099-01-31")

            let home = try await client.execute(uri: "/", method: .get, headers: [.authorization: "Bearer \(hoa)"])
            #expect(home.text.contains("Khóa học bắt buộc của bạn"))
            #expect(home.text.contains("Quá hạn"))
        }
    }

    @Test("an official of a merged unit is assigned and reported with the unit it was merged into")
    func mergedUnit() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            _ = try await assign(client, supervisor, unit: "XA-MOT", due: "2099-12-31")
            let minh = try await client.signIn("minh", "mat-khau-dung")
            let his = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(minh)))["assignments"] as? [[String: Any]])
            #expect(his.count == 1)
            let report = try object(try await client.execute(uri: "/api/v1/units/XA-MOT/report?includeSubunits=false", method: .get, headers: bearer(supervisor)))
            let rows = try #require(report["rows"] as? [[String: Any]])
            #expect(Set(rows.compactMap { $0["fullName"] as? String }) == ["Phạm Văn Chủ", "Trần Thị Lan", "Nguyễn Văn Minh"])
            #expect(rows.allSatisfy { $0["unitCode"] as? String == "XA-MOT" })
        }
    }

    @Test("completing every lesson and passing the final quiz issues a certificate anyone can verify, masked")
    func certificateFlow() async throws {
        let province = try await Province.make()
        try await province.app.test(.live) { client in
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            _ = try await assign(client, admin, unit: "XA-MOT", due: "2099-12-31")
            let lan = try await client.signIn("lan", "mat-khau-dung")
            try await completeCourse(client, lan, seed: 1)

            let due = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(lan)))["assignments"] as? [[String: Any]])
            #expect(due.first?["status"] as? String == "completed")
            let certificates = try #require(try object(try await client.execute(uri: "/api/v1/me/certificates", method: .get, headers: bearer(lan)))["certificates"] as? [[String: Any]])
            #expect(certificates.count == 1)
            let certificate = try #require(certificates.first)
            let code = try #require(certificate["code"] as? String)
            #expect(code.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil)
            #expect(certificate["holderName"] as? String == "Trần Thị Lan")
            #expect(certificate["courseVersion"] as? Int == 2)

            // Anyone, without signing in, sees it valid with the name partly masked, whatever case they type
            let verified = try object(try await client.execute(uri: "/api/v1/certificates/\(code.lowercased())", method: .get))
            #expect(verified["valid"] as? Bool == true)
            #expect(verified["holderName"] as? String == "Trần T. L.")
            let page = try await client.execute(uri: "/verify/\(code)", method: .get)
            #expect(page.text.contains("Chứng nhận hợp lệ"))
            #expect(page.text.contains("Trần T. L."))
            #expect(!page.text.contains("Trần Thị Lan"))

            // "Học của tôi" links to it
            let mine = try await client.execute(uri: "/me", method: .get, headers: [.authorization: "Bearer \(lan)"])
            #expect(mine.text.contains("href=\"/me/certificates/\(code)\">Làm quen với VNeID</a>"))

            // The printable page has the code and a QR code
            let printable = try await client.execute(uri: "/me/certificates/\(code)", method: .get, headers: [.authorization: "Bearer \(lan)"])
            #expect(printable.text.contains(code))
            #expect(printable.text.contains("<svg"))
            let other = try await client.signIn("hoa", "mat-khau-dung")
            let forbidden = try await client.execute(uri: "/me/certificates/\(code)", method: .get, headers: [.authorization: "Bearer \(other)"])
            #expect(forbidden.status == .forbidden)

            // An admin revokes it with a reason; verification then says so; nobody else may revoke
            let byLearner = try await client.execute(uri: "/api/v1/certificates/\(code)/revocation", method: .post, headers: bearer(lan), body: json(["reason": "x"]))
            #expect(byLearner.status == .forbidden)
            let revoked = try await client.execute(uri: "/api/v1/certificates/\(code)/revocation", method: .post, headers: bearer(admin), body: json(["reason": "Cấp nhầm người"]))
            #expect(revoked.status == .ok)
            let after = try object(try await client.execute(uri: "/api/v1/certificates/\(code)", method: .get))
            #expect(after["valid"] as? Bool == false)
            #expect(after["revokedReason"] as? String == "Cấp nhầm người")
        }
    }

    @Test("unknown certificate codes are 404, and guessing them is refused for a while")
    func unknownAndThrottled() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            for _ in 0..<3 {
                let response = try await client.execute(uri: "/api/v1/certificates/AAAA-BBBB-CCCC", method: .get)
                #expect(response.status == .notFound)
                #expect(try object(response)["type"] as? String == "urn:binhdan:problem:certificate-not-found")
            }
            let refused = try await client.execute(uri: "/api/v1/certificates/AAAA-BBBB-CCCD", method: .get)
            #expect(refused.status == .tooManyRequests)
            let page = try await client.execute(uri: "/verify/AAAA-BBBB-CCCE", method: .get)
            #expect(page.status == .tooManyRequests)
            #expect(page.text.contains("Hãy đợi khoảng 15 phút rồi thử lại."))
        }
    }

    @Test("the report counts per course and unit; supervisors see only their units and learners none")
    func reportPermissions() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            _ = try await assign(client, admin, unit: "TINH-THU", due: "2099-12-31")
            let lan = try await client.signIn("lan", "mat-khau-dung")
            try await completeCourse(client, lan, seed: 2)

            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            let report = try object(try await client.execute(uri: "/api/v1/units/XA-MOT/report", method: .get, headers: bearer(supervisor)))
            let courses = try #require(report["courses"] as? [[String: Any]])
            let totals = try #require(courses.first?["totals"] as? [String: Any])
            #expect(totals["assigned"] as? Int == 3)
            #expect(totals["completed"] as? Int == 1)
            #expect(totals["completionRate"] as? Double == 33.3)
            let rows = try #require(report["rows"] as? [[String: Any]])
            let lanRow = try #require(rows.first { $0["fullName"] as? String == "Trần Thị Lan" })
            let cell = try #require((lanRow["courses"] as? [[String: Any]])?.first)
            #expect(cell["status"] as? String == "completed")
            #expect(cell["completedOn"] as? String == today)
            #expect(cell["bestScore"] as? Double == 100)

            let completedOnly = try object(try await client.execute(uri: "/api/v1/units/XA-MOT/report?status=completed", method: .get, headers: bearer(supervisor)))
            #expect((completedOnly["rows"] as? [Any])?.count == 1)
            let badStatus = try await client.execute(uri: "/api/v1/units/XA-MOT/report?status=xong", method: .get, headers: bearer(supervisor))
            #expect(badStatus.status == .badRequest)

            #expect(try await client.execute(uri: "/api/v1/units/XA-HAI/report", method: .get, headers: bearer(supervisor)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/units/TINH-THU/report", method: .get, headers: bearer(supervisor)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/units/XA-MOT/report", method: .get, headers: bearer(lan)).status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/units/TINH-THU/report", method: .get, headers: bearer(admin)).status == .ok)
            let page = try await client.execute(uri: "/reports/units/XA-MOT", method: .get, headers: [.authorization: "Bearer \(supervisor)"])
            #expect(page.text.contains("Báo cáo học tập – Xã Một"))
            #expect(page.text.contains("33.3%"))
        }
    }

    @Test("the report pages its rows with offset and limit while its totals count every official")
    func reportPaging() async throws {
        // Given a commune of three officials with a course assigned
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            _ = try await assign(client, supervisor, unit: "XA-MOT", due: "2099-12-31")

            // When the report is read two rows at a time
            let first = try object(try await client.execute(uri: "/api/v1/units/XA-MOT/report?limit=2", method: .get, headers: bearer(supervisor)))
            let second = try object(try await client.execute(uri: "/api/v1/units/XA-MOT/report?limit=2&offset=2", method: .get, headers: bearer(supervisor)))

            // Then the pages hold two rows and one, in order, and both count all three officials
            let names = { (page: [String: Any]) in (page["rows"] as? [[String: Any]] ?? []).compactMap { $0["fullName"] as? String } }
            #expect(names(first) == ["Nguyễn Văn Minh", "Phạm Văn Chủ"])
            #expect(names(second) == ["Trần Thị Lan"])
            for page in [first, second] {
                #expect(page["totalRows"] as? Int == 3)
                #expect(((page["courses"] as? [[String: Any]])?.first?["totals"] as? [String: Any])?["assigned"] as? Int == 3)
            }
            #expect(second["offset"] as? Int == 2)
            #expect(second["limit"] as? Int == 2)

            // And the page links to the next rows, keeping its filters
            let page = try await client.execute(uri: "/reports/units/XA-MOT?limit=2&status=not_started", method: .get, headers: bearer(supervisor))
            #expect(page.text.contains("href=\"/reports/units/XA-MOT?status=not_started&amp;offset=2&amp;limit=2\""))
            #expect(page.text.contains("Từ 1 đến 2 trong 3 người"))
        }
    }

    @Test("a limit or offset that is not a sensible whole number is a 400 naming the parameter")
    func reportPagingErrors() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            for query in ["limit=0", "limit=1001", "limit=mot", "offset=-1"] {
                let response = try await client.execute(uri: "/api/v1/units/XA-MOT/report?\(query)", method: .get, headers: bearer(supervisor))
                #expect(response.status == .badRequest)
                #expect(response.text.contains(String(query.prefix { $0 != "=" })))
            }
        }
    }

    @Test("the CSV has a BOM, numbers unquoted, ISO dates, and totals matching the page, byte for byte")
    func csvExport() async throws {
        let province = try await Province.make()
        try await province.app.test(.live) { client in
            let supervisor = try await client.signIn("chutich", "mat-khau-dung")
            _ = try await assign(client, supervisor, unit: "XA-MOT", due: "2099-12-31")
            let lan = try await client.signIn("lan", "mat-khau-dung")
            try await completeCourse(client, lan, seed: 3)
            let response = try await client.execute(uri: "/api/v1/units/XA-MOT/report.csv", method: .get, headers: bearer(supervisor))
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            let expected = "\u{FEFF}"
                + "unit_code,unit_name,username,full_name,position,vneid-thu status,vneid-thu due_date,vneid-thu completed_on,vneid-thu best_score\r\n"
                + "XA-MOT,Xã Một,minh,Nguyễn Văn Minh,Công chức một cửa,not_started,2099-12-31,,\r\n"
                + "XA-MOT,Xã Một,chutich,Phạm Văn Chủ,Chủ tịch UBND xã,not_started,2099-12-31,,\r\n"
                + "XA-MOT,Xã Một,lan,Trần Thị Lan,Công chức một cửa,completed,2099-12-31,\(today),100\r\n"
                + "\r\n"
                + "total,course_id,title,assigned,completed,overdue,completion_rate_percent\r\n"
                + "course,vneid-thu,Làm quen với VNeID,3,1,0,33.3\r\n"
                + "unit,XA-MOT,Xã Một,3,1,0,33.3\r\n"
            #expect(response.text == expected)
        }
    }

    @Test("raising the version with refresh_required turns a completed course into needs_refresh; the old certificate stays valid")
    func refreshRequired() async throws {
        let province = try await Province.make()
        try await province.app.test(.router) { client in
            let admin = try await client.signIn("quantri", "mat-khau-dung")
            _ = try await assign(client, admin, unit: "XA-MOT", due: "2099-12-31")
            let lan = try await client.signIn("lan", "mat-khau-dung")
            try await completeCourse(client, lan, seed: 4)

            // When the trainer publishes version 3 with refresh_required
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-refresh-\(UUID())")
            defer { try? FileManager.default.removeItem(at: copy) }
            try FileManager.default.copyItem(atPath: "\(TestPaths.fixtures)/Courses", toPath: copy.path)
            let coursePath = copy.appendingPathComponent("vneid-thu/course.md").path
            let text = try String(contentsOfFile: coursePath, encoding: .utf8)
                .replacingOccurrences(of: "version: 2\n", with: "version: 3\nrefresh_required: true\n")
            try text.write(toFile: coursePath, atomically: true, encoding: .utf8)
            let loader = ContentLoader(coursesPath: copy.path, assessmentsPath: "\(TestPaths.fixtures)/Assessments")
            province.dependencies.content.replace(with: try loader.load())

            let due = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(lan)))["assignments"] as? [[String: Any]])
            #expect(due.first?["status"] as? String == "needs_refresh")
            let certificates = try #require(try object(try await client.execute(uri: "/api/v1/me/certificates", method: .get, headers: bearer(lan)))["certificates"] as? [[String: Any]])
            #expect(certificates.count == 1)
            #expect(certificates.first?["valid"] as? Bool == true)
            #expect(certificates.first?["courseVersion"] as? Int == 2)

            // And learning the new version again completes it with a new certificate
            try await completeCourse(client, lan, seed: 5)
            let again = try #require(try object(try await client.execute(uri: "/api/v1/me/assignments", method: .get, headers: bearer(lan)))["assignments"] as? [[String: Any]])
            #expect(again.first?["status"] as? String == "completed")
            let both = try #require(try object(try await client.execute(uri: "/api/v1/me/certificates", method: .get, headers: bearer(lan)))["certificates"] as? [[String: Any]])
            #expect(Set(both.compactMap { $0["courseVersion"] as? Int }) == [2, 3])
        }
    }
}

@Suite("Units")
struct UnitTests {
    @Test("a units file with an unknown parent, a cycle or a duplicate code is refused with line numbers and writes nothing")
    func badUnits() throws {
        let database = try AppDatabase.inMemory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cases: [(String, String, [Int])] = [
            ("code,name,kind,parent_code\nT,Tỉnh,province,\nX,Xã,commune,KHONG\n", "unknown parent 'KHONG'", [3]),
            ("code,name,kind,parent_code\nA,Xã A,commune,B\nB,Xã B,commune,A\n", "cycle", [2, 3]),
            ("code,name,kind,parent_code\nT,Tỉnh,province,\nT,Tỉnh hai,province,\n", "duplicate code 'T'", [3]),
        ]
        for (index, (text, message, lines)) in cases.enumerated() {
            let path = directory.appendingPathComponent("\(index).csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            guard case .failure(let failure) = try UnitImporter(database: database).importFile(path: path) else {
                Issue.record("case \(index) should fail")
                continue
            }
            #expect(failure.diagnostics.map(\.line) == lines, "\(message)")
            #expect(failure.diagnostics.allSatisfy { $0.message.contains(message) }, "\(message)")
        }
        #expect(try database.units().isEmpty)
    }

    @Test("merges are followed: a merged unit counts toward its successor and sits under it")
    func merges() {
        let tree = UnitTree([
            AdministrativeUnit(code: "T", name: "Tỉnh", kind: .province, parentCode: nil),
            AdministrativeUnit(code: "A", name: "Xã A", kind: .commune, parentCode: "T"),
            AdministrativeUnit(code: "OLD", name: "Xã Cũ", kind: .commune, parentCode: "T", mergedInto: "A"),
        ])
        #expect(tree.effectiveCode("OLD") == "A")
        #expect(tree.subtree("A") == ["A", "OLD"])
        #expect(tree.subtree("T") == ["T", "A", "OLD"])
        #expect(tree.contains("OLD", in: "A"))
    }
}

@Suite("Report CSV")
struct ReportCSVTests {
    @Test("text a spreadsheet would run as a formula is neutralised; numbers and dates are left alone")
    func formulaInjection() {
        #expect(UnitReport.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(UnitReport.field("+84 90") == "'+84 90")
        #expect(UnitReport.field("@cmd") == "'@cmd")
        #expect(UnitReport.field("-x") == "'-x")
        #expect(UnitReport.field("33.3") == "33.3")
        #expect(UnitReport.field("2099-12-31") == "2099-12-31")
        #expect(UnitReport.field("Chủ tịch, xã") == "\"Chủ tịch, xã\"")
    }
}
