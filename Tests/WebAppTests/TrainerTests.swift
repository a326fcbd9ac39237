import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Storage
import Testing

@testable import WebApp

/// The fixture courses copied into a fresh folder, with a draft course `nhap-moi` and a draft lesson `nhap` in
/// `vneid-thu`, so a test may edit them.
private func coursesWithDrafts() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-drafts-\(UUID().uuidString)").path
    try FileManager.default.copyItem(atPath: "\(TestPaths.fixtures)/Courses", toPath: folder)
    try FileManager.default.createDirectory(atPath: "\(folder)/nhap-moi", withIntermediateDirectories: true)
    try """
        ---
        title: Khóa nháp Kỳ Lân
        summary: Chưa xong.
        audience: citizens
        version: 1
        estimated_minutes: 5
        draft: true
        ---
        Đang viết.
        """.write(toFile: "\(folder)/nhap-moi/course.md", atomically: true, encoding: .utf8)
    try lesson("Bài đầu", body: "Nội dung kỳ lân.").write(toFile: "\(folder)/nhap-moi/01-bai-dau.md", atomically: true, encoding: .utf8)
    try lesson("Bài nháp Phượng Hoàng", body: "Phượng hoàng.", draft: true)
        .write(toFile: "\(folder)/vneid-thu/03-nhap.md", atomically: true, encoding: .utf8)
    return folder
}

private func lesson(_ title: String, body: String, draft: Bool = false) -> String {
    "---\ntitle: \(title)\nkind: reading\nestimated_minutes: 5\n\(draft ? "draft: true\n" : "")---\n\(body)\n"
}

/// An app over `courses` with a learner "lan", a trainer "thay" and an admin "quantri" (password "mat-khau-dung").
private struct Site {
    let dependencies: AppDependencies
    let app: Application<RouterResponder<AppRequestContext>>
    let courses: String

    static func make() async throws -> Site {
        let courses = try coursesWithDrafts()
        let database = try AppDatabase.inMemory()
        let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
        _ = try database.importOfficials([
            .init(username: "lan", fullName: "Trần Thị Lan", unitCode: "XA-01", position: "Công chức", roles: [.learner], passwordHash: hash),
            .init(username: "thay", fullName: "Võ Văn Thầy", unitCode: "XA-01", position: "Giảng viên", roles: [.trainer], passwordHash: hash),
            .init(username: "quantri", fullName: "Đỗ Quản Trị", unitCode: "XA-01", position: "Chuyên viên", roles: [.admin], passwordHash: hash),
        ], now: Date())
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let dependencies = try await AppDependencies.load(testConfig(courses: courses), logger: logger, database: database)
        return Site(
            dependencies: dependencies,
            app: Application(router: buildRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0))),
            courses: courses)
    }

    /// Reads the content folders again and publishes them, as a reload does.
    func reload() throws {
        let loader = ContentLoader(
            coursesPath: courses, assessmentsPath: "\(TestPaths.fixtures)/Assessments",
            builder: CatalogueBuilder(urls: SitePath.contentURLs, calloutTitles: dependencies.messages.calloutTitles()))
        dependencies.content.replace(with: try loader.load())
    }
}

private func auth(_ token: String?) -> HTTPFields {
    token.map(bearer) ?? [:]
}

@Suite("Drafts, the trainer page and content versions")
struct TrainerTests {
    @Test("guests and learners never see a draft course or lesson, on pages or in the API")
    func draftsHiddenFromLearners() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a guest and a signed-in learner
            let learner = try await client.signIn("lan")
            for token in [nil, learner] {
                // When they look at the catalogue, the course, the lesson and the API
                let home = try await client.execute(uri: "/", method: .get, headers: auth(token))
                let course = try await client.execute(uri: "/courses/vneid-thu", method: .get, headers: auth(token))
                let list = try await client.execute(uri: "/api/v1/courses", method: .get, headers: auth(token))
                let detail = try await client.execute(uri: "/api/v1/courses/vneid-thu", method: .get, headers: auth(token))

                // Then the drafts are nowhere, and asking for them directly finds nothing
                #expect(!home.text.contains("Kỳ Lân") && home.text.contains("Làm quen với VNeID"))
                #expect(!course.text.contains("Phượng Hoàng") && !course.text.contains("Bản nháp"))
                #expect(!list.text.contains("nhap-moi"))
                #expect(!detail.text.contains("\"nhap\""))
                for uri in [
                    "/courses/nhap-moi", "/courses/nhap-moi/bai-dau", "/courses/vneid-thu/nhap", "/api/v1/courses/nhap-moi",
                    "/api/v1/courses/vneid-thu/lessons/nhap",
                ] {
                    #expect(try await client.execute(uri: uri, method: .get, headers: auth(token)).status == .notFound, "\(uri)")
                }
            }
        }
    }

    @Test("trainers and admins see drafts, marked 'Bản nháp', on pages and in the API")
    func draftsShownToTrainers() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            for username in ["thay", "quantri"] {
                // Given a trainer or an admin
                let token = try await client.signIn(username)

                // When they open the catalogue, the draft course, the draft lesson and the API
                let home = try await client.execute(uri: "/", method: .get, headers: bearer(token))
                let course = try await client.execute(uri: "/courses/nhap-moi", method: .get, headers: bearer(token))
                let lesson = try await client.execute(uri: "/courses/vneid-thu/nhap", method: .get, headers: bearer(token))
                let list = try object(try await client.execute(uri: "/api/v1/courses", method: .get, headers: bearer(token)))
                let detail = try object(try await client.execute(uri: "/api/v1/courses/vneid-thu/lessons/nhap", method: .get, headers: bearer(token)))

                // Then each is there and marked as a draft
                #expect(home.text.contains("Kỳ Lân") && home.text.contains("badge-draft"))
                #expect(course.status == .ok && course.text.contains("Bản nháp"))
                #expect(lesson.status == .ok && lesson.text.contains("Bản nháp"))
                let courses = try #require(list["courses"] as? [[String: Any]])
                #expect(courses.first { $0["id"] as? String == "nhap-moi" }?["draft"] as? Bool == true)
                #expect(courses.first { $0["id"] as? String == "vneid-thu" }?["draft"] == nil)
                #expect(detail["draft"] as? Bool == true)
            }
        }
    }

    @Test("search never finds drafts, whoever asks")
    func searchLeavesDraftsOut() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a trainer, who may read drafts
            let token = try await client.signIn("thay")

            // When anyone searches for words only the drafts contain
            let guest = try object(try await client.execute(uri: "/api/v1/search?q=k%E1%BB%B3%20l%C3%A2n", method: .get))
            let trainer = try object(try await client.execute(uri: "/api/v1/search?q=ph%C6%B0%E1%BB%A3ng%20ho%C3%A0ng", method: .get, headers: bearer(token)))

            // Then nothing is found: drafts are reached from /trainer, not from search
            #expect((guest["results"] as? [Any])?.isEmpty == true)
            #expect((trainer["results"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("a learner's progress on a draft lesson is refused")
    func progressOnDraftRefused() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a learner
            let token = try await client.signIn("lan")

            // When their device sends a completion of a draft lesson and of a draft course
            let events: [[String: Any]] = [
                ["id": "d4af7000-0000-4000-8000-000000000001", "courseId": "vneid-thu", "lessonId": "nhap", "type": "completed", "at": Date().formatted(.iso8601)],
                ["id": "d4af7000-0000-4000-8000-000000000002", "courseId": "nhap-moi", "lessonId": "bai-dau", "type": "completed", "at": Date().formatted(.iso8601)],
            ]
            let outcome = try object(try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: json(["events": events])))

            // Then both are rejected and nothing is stored
            #expect(outcome["accepted"] as? Int == 0)
            #expect((outcome["rejected"] as? [Any])?.count == 2)
        }
    }

    @Test("a draft course cannot be assigned: 400 with a problem that says it is a draft")
    func draftCannotBeAssigned() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given an admin
            let token = try await client.signIn("quantri")

            // When they assign the draft course
            let response = try await client.execute(
                uri: "/api/v1/assignments", method: .post, headers: bearer(token),
                body: json(["courseId": "nhap-moi", "unitCode": "XA-01", "dueDate": "2030-12-31"]))

            // Then it is refused with a clear problem
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            #expect(try object(response)["detail"] as? String ?? "" == "Tham số 'courseId' không hợp lệ: khóa học này còn là bản nháp (draft: true) nên chưa giao được; hãy bỏ dòng draft trong course.md rồi giao lại")
        }
    }

    @Test("/trainer sends guests to sign in and tells learners it is not for them")
    func trainerPagePermissions() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a guest and a learner
            let token = try await client.signIn("lan")

            // When they open /trainer
            let guest = try await client.execute(uri: "/trainer", method: .get)
            let learner = try await client.execute(uri: "/trainer", method: .get, headers: bearer(token))
            let me = try await client.execute(uri: "/me", method: .get, headers: bearer(token))

            // Then the guest is sent to sign in, the learner gets the friendly 403 page and no link on /me
            #expect(guest.status == .seeOther || guest.status == .found)
            #expect(guest.headers[.location] == "/signin")
            #expect(learner.status == .forbidden)
            #expect(learner.text.contains("Bạn không có quyền xem trang này"))
            #expect(!me.text.contains("href=\"/trainer\""))
        }
    }

    @Test("/trainer lists every course with version, lessons, drafts, diagnostics and preview links")
    func trainerPageContent() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a trainer
            let token = try await client.signIn("thay")

            // When they open "Học của tôi" and then /trainer
            let me = try await client.execute(uri: "/me", method: .get, headers: bearer(token))
            let page = try await client.execute(uri: "/trainer", method: .get, headers: bearer(token))

            // Then /me links to it, and it shows the courses, drafts, the refused course with its errors and the quizzes
            #expect(me.text.contains("href=\"/trainer\""))
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("href=\"/courses/vneid-thu\"") && text.contains("Phiên bản 2"))
            #expect(text.contains("href=\"/courses/vneid-thu/cai-dat\"") && text.contains("href=\"/courses/vneid-thu/nhap\""))
            #expect(text.contains("href=\"/courses/nhap-moi\"") && text.contains("Bản nháp") && text.contains("1 bài nháp"))
            #expect(text.contains("khoa-loi") && text.contains("Chưa đăng vì còn lỗi"))
            #expect(text.contains("/khoa-loi/01-bai.md:") && text.contains(": error: "))
            #expect(text.contains("href=\"/quizzes/vneid-thu-kiem-tra\"") && text.contains("questions"))
        }
    }

    @Test("a completed lesson edited since shows 'Bài học đã được cập nhật' on /me and the lesson, and stays completed")
    func updatedSinceCompleted() async throws {
        let site = try await Site.make()
        try await site.app.test(.router) { client in
            // Given a learner who completed "VNeID là gì"
            let token = try await client.signIn("lan")
            let event: [String: Any] = [
                "id": "0ed17000-0000-4000-8000-000000000001", "courseId": "vneid-thu", "lessonId": "gioi-thieu", "type": "completed",
                "at": Date().formatted(.iso8601),
            ]
            _ = try await client.execute(uri: "/api/v1/progress", method: .post, headers: bearer(token), body: json(["events": [event]]))
            let before = try await client.execute(uri: "/me", method: .get, headers: bearer(token))
            #expect(!before.text.contains("Bài học đã được cập nhật"))

            // When the trainer edits the lesson and the content is reloaded
            let file = "\(site.courses)/vneid-thu/01-gioi-thieu.md"
            try (try String(contentsOfFile: file, encoding: .utf8) + "\nThêm một đoạn mới.\n").write(toFile: file, atomically: true, encoding: .utf8)
            try site.reload()

            // Then the progress API, /me and the lesson page say it was updated, and it is still completed
            let progress = try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: bearer(token)))
            let courses = try #require(progress["courses"] as? [[String: Any]])
            let lessons = try #require(courses.first { $0["courseId"] as? String == "vneid-thu" }?["lessons"] as? [[String: Any]])
            let entry = try #require(lessons.first { $0["lessonId"] as? String == "gioi-thieu" })
            #expect(entry["updatedSinceCompleted"] as? Bool == true)
            #expect(entry["status"] as? String == "completed")
            #expect(lessons.first { $0["lessonId"] as? String == "cai-dat" }?["updatedSinceCompleted"] as? Bool == false)
            let me = try await client.execute(uri: "/me", method: .get, headers: bearer(token))
            #expect(me.text.contains("<a class=\"lesson-updated\" href=\"/courses/vneid-thu/gioi-thieu\">Bài học đã được cập nhật</a>"))
            let lesson = try await client.execute(uri: "/courses/vneid-thu/gioi-thieu", method: .get, headers: bearer(token))
            #expect(lesson.text.contains("Bài học đã được cập nhật"))
            let after = try object(try await client.execute(uri: "/api/v1/me/progress", method: .get, headers: bearer(token)))
            #expect(after.description.contains("completed"))
        }
    }
}

@Suite("binhdan check --database: assigned courses changed without a new version")
struct UnversionedChangeTests {
    /// A database file in which `vneid-thu` was published from `courses` as it is now, optionally assigned.
    private func publishedDatabase(courses: String, assigned: Bool) async throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-check-\(UUID().uuidString).sqlite").path
        let database = try AppDatabase.open(path: path)
        let content = try ContentLoader(coursesPath: courses, assessmentsPath: "\(TestPaths.fixtures)/Assessments").load()
        try recordPublished(content: content, database: database)
        if assigned {
            _ = try database.importOfficials(
                [.init(username: "quantri", fullName: "Đỗ Quản Trị", unitCode: "XA-01", position: "Chuyên viên", roles: [.admin], passwordHash: "not-a-real-hash")],
                now: Date())
            let admin = try #require(try database.credentials(username: "quantri")).learner
            _ = try database.createAssignment(
                courseID: "vneid-thu", unitCode: "XA-01", includeSubunits: true, positions: [], dueDate: "2030-12-31",
                createdBy: admin.id, now: Date())
        }
        return path
    }

    private func edit(_ file: String, _ change: (String) -> String) throws {
        try change(try String(contentsOfFile: file, encoding: .utf8)).write(toFile: file, atomically: true, encoding: .utf8)
    }

    private func check(_ courses: String, database: String) throws -> [Diagnostic] {
        try ContentChecker.check(coursesPath: courses, assessmentsPath: "\(TestPaths.fixtures)/Assessments", databasePath: database)
            .filter { $0.message.contains("raise 'version'") }
    }

    @Test("an assigned course whose lesson changed under the same version is warned about on its version line")
    func warnsWhenAssigned() async throws {
        // Given an assigned course as it was published
        let courses = try coursesWithDrafts()
        let database = try await publishedDatabase(courses: courses, assigned: true)

        // When a lesson is edited and the version is left as it was
        try edit("\(courses)/vneid-thu/02-cai-dat.md") { $0 + "\nMột dòng mới.\n" }
        let warnings = try check(courses, database: database)

        // Then check warns on course.md's version line
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "\(courses)/vneid-thu/course.md")
        #expect(warning.line == 5)
        #expect(warning.message.contains("set refresh_required if officials must learn it again"))
    }

    @Test("no warning when the course is not assigned")
    func quietWithoutAssignment() async throws {
        // Given a published course nobody is assigned
        let courses = try coursesWithDrafts()
        let database = try await publishedDatabase(courses: courses, assigned: false)

        // When a lesson is edited
        try edit("\(courses)/vneid-thu/02-cai-dat.md") { $0 + "\nMột dòng mới.\n" }

        // Then check says nothing about versions
        #expect(try check(courses, database: database).isEmpty)
    }

    @Test("no warning once the version is raised")
    func quietAfterVersionBump() async throws {
        // Given an assigned course as it was published
        let courses = try coursesWithDrafts()
        let database = try await publishedDatabase(courses: courses, assigned: true)

        // When a lesson is edited and the version raised
        try edit("\(courses)/vneid-thu/02-cai-dat.md") { $0 + "\nMột dòng mới.\n" }
        try edit("\(courses)/vneid-thu/course.md") { $0.replacingOccurrences(of: "version: 2", with: "version: 3") }

        // Then check says nothing about versions
        #expect(try check(courses, database: database).isEmpty)
    }

    @Test("starting the server records what it published")
    func startUpRecordsPublished() async throws {
        // Given a database
        let database = try AppDatabase.inMemory()
        var logger = Logger(label: "test")
        logger.logLevel = .critical

        // When the server loads the fixture content
        _ = try await AppDependencies.load(testConfig(courses: try coursesWithDrafts()), logger: logger, database: database)

        // Then every published course, lesson and quiz is remembered with its hash, drafts left out
        let items = try database.publishedItems()
        #expect(items.contains { $0.kind == .course && $0.courseID == "vneid-thu" && $0.courseVersion == 2 })
        #expect(items.contains { $0.kind == .lesson && $0.itemID == "cai-dat" && $0.contentHash.count == 64 })
        #expect(items.contains { $0.kind == .quiz && $0.itemID == "vneid-thu-kiem-tra" })
        #expect(!items.contains { $0.courseID == "nhap-moi" || $0.itemID == "nhap" })
    }
}
