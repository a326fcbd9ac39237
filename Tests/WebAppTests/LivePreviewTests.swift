import CourseEngine
import Foundation
import Hummingbird
import HummingbirdTesting
import Storage
import Testing

@testable import WebApp

/// A copy of the fixture courses and quizzes in a temporary folder, which a test may edit and then removes.
struct EditableContent {
    let directory: URL
    var courses: String { directory.appendingPathComponent("Courses").path }
    var assessments: String { directory.appendingPathComponent("Assessments").path }
    var introLesson: String { "\(courses)/vneid-thu/01-gioi-thieu.md" }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-preview-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for folder in ["Courses", "Assessments"] {
            try FileManager.default.copyItem(
                atPath: "\(TestPaths.fixtures)/\(folder)", toPath: directory.appendingPathComponent(folder).path)
        }
    }

    /// Replaces the first line that starts with `title:` in the intro lesson.
    func setIntroTitle(_ title: String) throws {
        let text = try String(contentsOfFile: introLesson, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasPrefix("title:") ? "title: \(title)" : String($0)
        }
        try lines.joined(separator: "\n").write(toFile: introLesson, atomically: true, encoding: .utf8)
    }

    /// Front matter that cannot be read: the lesson, and the reload, have an error.
    func breakIntroLesson() throws {
        try "---\ntitle: [VNeID là gì\nkind: reading\n---\nNội dung.\n".write(
            toFile: introLesson, atomically: true, encoding: .utf8)
    }

    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}

/// The real `binhdan serve` on a free loopback port over an `EditableContent`, keeping what it prints.
final class PreviewServer: @unchecked Sendable {
    let process = Process()
    private(set) var port = 0
    private let pipe = Pipe()
    /// Written only by the pipe's reader, read by the test.
    private let printed = SharedValue("")

    init(content: EditableContent, watch: Bool) {
        process.executableURL = URL(fileURLWithPath: ServerProcess.executable)
        process.arguments =
            [
                "serve", "--host", "127.0.0.1", "--port", "0", "--database",
                content.directory.appendingPathComponent("db.sqlite").path,
                "--courses", content.courses, "--assessments", content.assessments, "--static", TestPaths.staticFiles,
                "--log-level", "critical",
            ] + (watch ? ["--watch"] : [])
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
    }

    var output: String { printed.value }

    /// Starts the server and waits (at most 30 seconds) until it says which port it serves.
    func start() throws {
        pipe.fileHandleForReading.readabilityHandler = { [printed] handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            printed.value += text
        }
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            if let match = output.firstMatch(of: /serving on http:\/\/127\.0\.0\.1:(\d+)/),
                let port = Int(match.output.1)
            {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw CocoaError(.executableLoad, userInfo: [NSLocalizedDescriptionKey: "the server did not start: \(output)"])
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        pipe.fileHandleForReading.readabilityHandler = nil
    }
}

/// Asks `probe` every 100 ms until it is true, for at most `seconds`; returns whether it became true.
func eventually(within seconds: Double = 5, _ probe: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await probe() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await probe()
}

extension TestClient {
    func text(_ uri: String) async throws -> String {
        (try await get(uri)).body.map { String(buffer: $0) } ?? ""
    }
}

@Suite("Live preview and publishing without restart", .serialized)
struct LivePreviewTests {
    @Test(
        "serve --watch: an edit shows within seconds, a broken edit keeps the old lesson live, a fix publishes",
        .timeLimit(.minutes(2)))
    func watchReloadsEdits() async throws {
        let content = try EditableContent()
        defer { content.remove() }
        let server = PreviewServer(content: content, watch: true)
        try server.start()
        defer { server.stop() }

        try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            // Given a page served in watch mode, which carries the marker that makes it refresh itself
            let first = try await client.text("/courses/vneid-thu")
            #expect(first.contains("VNeID là gì"))
            #expect(first.contains("data-watch=\"0\""))

            // When the trainer changes a lesson title
            try content.setIntroTitle("VNeID dùng để làm gì")
            // Then the course page shows it within a couple of seconds, and the page's generation moved on
            #expect(
                try await eventually { try await client.text("/courses/vneid-thu").contains("VNeID dùng để làm gì") })
            let version = try await client.text("/api/v1/content/version")
            #expect(version.contains("\"generation\":1"))

            // When they break the lesson's front matter
            try content.breakIntroLesson()
            // Then the terminal shows the error as binhdan check does, and learners still get the last good lesson
            #expect(try await eventually { server.output.contains("not reloaded") })
            #expect(server.output.contains("01-gioi-thieu.md:"))
            #expect(server.output.contains(": error: "))
            #expect(try await client.text("/courses/vneid-thu").contains("VNeID dùng để làm gì"))
            #expect(
                try await client.text("/courses/vneid-thu/gioi-thieu").contains("VNeID là ứng dụng định danh điện tử"))

            // When they fix it
            try
                (try String(contentsOfFile: "\(TestPaths.fixtures)/Courses/vneid-thu/01-gioi-thieu.md", encoding: .utf8))
                .write(toFile: content.introLesson, atomically: true, encoding: .utf8)
            try content.setIntroTitle("VNeID cho người mới")
            // Then the fixed lesson is published
            #expect(
                try await eventually { try await client.text("/courses/vneid-thu").contains("VNeID cho người mới") })
        }
    }

    @Test("SIGHUP makes the running server re-read the content, and the process keeps running", .timeLimit(.minutes(1)))
    func hangupReloads() async throws {
        let content = try EditableContent()
        defer { content.remove() }
        let server = PreviewServer(content: content, watch: false)
        try server.start()
        defer { server.stop() }

        try await TestClient.withClient(host: "127.0.0.1", port: server.port) { client in
            // Given an edited lesson, which a server without --watch does not notice by itself
            try content.setIntroTitle("Tiêu đề sau SIGHUP")
            try await Task.sleep(for: .milliseconds(700))
            #expect(try await client.text("/courses/vneid-thu").contains("Tiêu đề sau SIGHUP") == false)
            #expect(try await client.text("/courses/vneid-thu").contains("data-watch") == false)

            // When the server receives SIGHUP (sent again each second, in case it came before the handler was ready)
            var sent = ContinuousClock.now - .seconds(1)
            let changed = try await eventually(within: 10) {
                if ContinuousClock.now - sent >= .seconds(1) {
                    kill(server.process.processIdentifier, SIGHUP)
                    sent = ContinuousClock.now
                }
                return try await client.text("/courses/vneid-thu").contains("Tiêu đề sau SIGHUP")
            }
            // Then it publishes the edit and is still running
            #expect(changed)
            #expect(server.process.isRunning)
        }
    }

    /// An app over an editable copy of the fixtures, with a trainer "giangvien" and a learner "lan".
    private static func appWithTrainer(_ content: EditableContent) async throws -> some ApplicationProtocol {
        var config = testConfig(courses: content.courses)
        config.assessmentsPath = content.assessments
        let database = try AppDatabase.inMemory()
        let hash = try await AccountService.passwordHash("mat-khau-dung", cost: 4)
        _ = try database.importOfficials(
            [
                .init(
                    username: "giangvien", fullName: "Giảng viên", unitCode: "TINH", position: "Giảng viên",
                    roles: [.trainer], passwordHash: hash),
                .init(
                    username: "lan", fullName: "Trần Thị Lan", unitCode: "XA-01", position: "Công chức",
                    roles: [.learner], passwordHash: hash),
            ],
            now: Date())
        return try await buildApplication(config, database: database)
    }

    @Test(
        "POST /api/v1/admin/reload: 401 without a session, 403 for a learner or without the CSRF token, 200 for a trainer"
    )
    func reloadPermissions() async throws {
        let content = try EditableContent()
        defer { content.remove() }
        let app = try await Self.appWithTrainer(content)
        try await app.test(.router) { client in
            // Given an edited lesson
            try content.setIntroTitle("Tiêu đề mới")

            // When someone without a session, a learner, or a cookie session without the CSRF header asks to reload
            let anonymous = try await client.execute(uri: "/api/v1/admin/reload", method: .post)
            let learner = try await client.signIn("lan", "mat-khau-dung")
            let byLearner = try await client.execute(
                uri: "/api/v1/admin/reload", method: .post, headers: bearer(learner))
            let trainer = try await client.signIn("giangvien", "mat-khau-dung")
            let withoutToken = try await client.execute(
                uri: "/api/v1/admin/reload", method: .post,
                headers: [.cookie: "binhdan_session=\(trainer); binhdan_csrf=\(String(repeating: "a", count: 43))"])
            // Then they are refused and nothing changes
            #expect(anonymous.status == .unauthorized)
            #expect(byLearner.status == .forbidden)
            #expect(withoutToken.status == .forbidden)
            #expect(
                try await client.execute(uri: "/courses/vneid-thu", method: .get).text.contains("Tiêu đề mới") == false)

            // When a trainer asks
            let reloaded = try await client.execute(
                uri: "/api/v1/admin/reload", method: .post, headers: bearer(trainer))
            // Then the edit is published, with the counts and the diagnostics of the content
            #expect(reloaded.status == .ok)
            let body = try object(reloaded)
            #expect(body["reloaded"] as? Bool == true)
            #expect(body["courses"] as? Int == 1)
            #expect(body["diagnostics"] is [Any])
            #expect(try await client.execute(uri: "/courses/vneid-thu", method: .get).text.contains("Tiêu đề mới"))
        }
    }

    @Test("a reload with a new error answers 422 with the diagnostics, keeps the old content, and warns trainers only")
    func refusedReload() async throws {
        let content = try EditableContent()
        defer { content.remove() }
        let app = try await Self.appWithTrainer(content)
        try await app.test(.router) { client in
            let trainer = try await client.signIn("giangvien", "mat-khau-dung")
            let learner = try await client.signIn("lan", "mat-khau-dung")
            let before = try await client.execute(uri: "/api/v1/courses/vneid-thu", method: .get).text

            // Given a lesson whose front matter no longer parses
            try content.breakIntroLesson()
            // When a trainer reloads
            let response = try await client.execute(
                uri: "/api/v1/admin/reload", method: .post, headers: bearer(trainer))
            // Then the answer is a problem with the diagnostics (file and line) and the content is unchanged
            #expect(response.status == .unprocessableContent)
            #expect(response.headers[.contentType] == "application/problem+json")
            let body = try object(response)
            #expect(body["type"] as? String == "urn:binhdan:problem:content-has-errors")
            let diagnostics = try #require(body["diagnostics"] as? [[String: Any]])
            let first = try #require(diagnostics.first)
            #expect((first["file"] as? String)?.hasSuffix("vneid-thu/01-gioi-thieu.md") == true)
            #expect(first["severity"] as? String == "error")
            #expect(first["line"] is Int)
            #expect(try await client.execute(uri: "/api/v1/courses/vneid-thu", method: .get).text == before)

            // And the trainer's pages carry the banner with the diagnostics; a learner's and a guest's do not
            let forTrainer = try await client.execute(uri: "/", method: .get, headers: bearer(trainer)).text
            #expect(forTrainer.contains("reload-banner"))
            #expect(forTrainer.contains("01-gioi-thieu.md"))
            #expect(
                try await client.execute(uri: "/", method: .get, headers: bearer(learner)).text.contains(
                    "reload-banner") == false)
            #expect(try await client.execute(uri: "/", method: .get).text.contains("reload-banner") == false)
        }
    }

    @Test("watch mode comes from --watch, else BINHDAN_WATCH, and is off by default")
    func watchSetting() throws {
        // Given no flag and no variable, the variable alone, and the flag over a variable that says no
        let byDefault = try AppConfig.resolve(flags: .init(), environment: [:])
        let fromEnvironment = try AppConfig.resolve(flags: .init(), environment: ["BINHDAN_WATCH": "1"])
        let fromFlag = try AppConfig.resolve(flags: .init(watch: true), environment: ["BINHDAN_WATCH": "0"])
        // Then only the last two watch, and the start-up line says so
        #expect(byDefault.watch == false)
        #expect(fromEnvironment.watch)
        #expect(fromFlag.watch)
        #expect(fromFlag.description.contains("watch=true"))
    }

    @Test("a course refused since start-up stays refused without blocking the reload of the others")
    func knownErrorsDoNotBlock() {
        // Given the live content's error in a course already refused, and the same error read again
        let known = Diagnostic(
            file: "Courses/khoa-loi/01-bai.md", line: 2, column: 1, severity: .error, message: "unknown key 'titel'")
        let moved = Diagnostic(
            file: "Courses/khoa-loi/01-bai.md", line: 3, column: 1, severity: .error, message: "unknown key 'titel'")
        let fresh = Diagnostic(
            file: "Courses/vneid-thu/01-gioi-thieu.md", line: 1, column: 1, severity: .error,
            message: "bad front matter")
        let warning = Diagnostic(
            file: "Courses/vneid-thu/02-cai-dat.md", line: 4, column: 1, severity: .warning, message: "no alt")
        // When the new content is compared with the live one
        // Then only an error the live content did not have blocks the reload
        #expect(ContentReloader.newErrors(in: [moved, warning], comparedWith: [known]).isEmpty)
        #expect(ContentReloader.newErrors(in: [moved, fresh], comparedWith: [known]) == [fresh])
    }
}
