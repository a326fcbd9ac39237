import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import WebApp

/// The search fixture: a course with a lesson titled "Đăng ký tài khoản" and a guided lesson written in NFD.
private let searchCourses = "\(TestPaths.fixtures)/SearchCourses"

private func makeSearchApp(courses: String = searchCourses) async throws -> (AppDependencies, some ApplicationProtocol)
{
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    let dependencies = try await AppDependencies.load(testConfig(courses: courses), logger: logger)
    return (
        dependencies,
        Application(router: buildRouter(dependencies), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    )
}

/// A query string value as a browser form sends it.
private func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
}

private func answer(_ response: TestResponse) throws -> SearchController.Answer {
    try JSONDecoder().decode(SearchController.Answer.self, from: Data(buffer: response.body))
}

@Suite("Search API")
struct SearchAPITests {
    @Test("\"dang ky tai khoan\" finds the lesson titled \"Đăng ký tài khoản\", with its link and a marked snippet")
    func findsWithoutToneMarks() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/search?q=dang%20ky%20tai%20khoan", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            let body = try answer(response)
            #expect(body.query == "dang ky tai khoan")
            let first = try #require(body.results.first)
            #expect(first.courseId == "tai-khoan-thu")
            #expect(first.courseTitle == "Tài khoản dịch vụ công")
            #expect(first.lessonId == "dang-ky-tai-khoan")
            #expect(first.lessonTitle == "Đăng ký tài khoản")
            #expect(first.step == nil)
            #expect(first.title == "Đăng ký tài khoản")
            #expect(first.href == "/courses/tai-khoan-thu/dang-ky-tai-khoan")
            // The snippet is the original text, escaped, with the matching words marked.
            #expect(
                first.snippetHtml.contains(
                    "Đọc <mark>kỹ</mark> &lt;điều <mark>khoản</mark>&gt; &amp; &quot;quy định&quot;"))
        }
    }

    @Test(
        "the same lesson is found however the words are typed",
        arguments: [
            "ĐĂNG KÝ TÀI KHOẢN", "Đăng ký tài khoản", "Đăng ký tài khoản".decomposedStringWithCanonicalMapping,
            "khoan tai ky dang", "dang ky", "Ðăng ký",
        ])
    func findsHoweverTyped(_ typed: String) async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let body = try answer(try await client.execute(uri: "/api/v1/search?q=\(encoded(typed))", method: .get))
            #expect(body.results.first?.lessonId == "dang-ky-tai-khoan")
        }
    }

    @Test("a form's \"+\" stands for a space")
    func plusIsSpace() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let body = try answer(try await client.execute(uri: "/api/v1/search?q=dang+ky+tai+khoan", method: .get))
            #expect(body.query == "dang ky tai khoan")
            #expect(body.results.first?.lessonId == "dang-ky-tai-khoan")
        }
    }

    @Test("a word in a guided lesson finds the step it is on, written in decomposed Unicode, linking to that step")
    func findsStep() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let body = try answer(try await client.execute(uri: "/api/v1/search?q=dung+dua+ma+otp", method: .get))
            let step = try #require(body.results.first)
            #expect(body.results.count == 1)
            #expect(step.lessonId == "kich-hoat")
            #expect(step.lessonTitle == "Kích hoạt tài khoản")
            #expect(step.step == 2)
            #expect(step.title == "Nhập mã OTP")
            #expect(step.href == "/courses/tai-khoan-thu/kich-hoat/steps/2")
            #expect(step.snippetHtml.contains("<mark>Đừng</mark> <mark>đưa</mark> <mark>mã</mark> <mark>OTP</mark>"))
        }
    }

    @Test("the fixture catalogue's guided step is found too")
    func findsFixtureStep() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let body = try answer(try await client.execute(uri: "/api/v1/search?q=o+tim+kiem", method: .get))
            #expect(body.results.map(\.href) == ["/courses/vneid-thu/cai-dat/steps/2"])
        }
    }

    @Test("an empty or missing query finds nothing")
    func emptyQuery() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            for uri in ["/api/v1/search", "/api/v1/search?q=", "/api/v1/search?q=+++"] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .ok)
                #expect(try answer(response) == SearchController.Answer(query: "", results: []))
            }
        }
    }

    @Test(
        "quotes and FTS5 operators are plain text: an answer, never a server error",
        arguments: [
            "%22", "*", "NEAR(", "NEAR(dang%20ky,%202)", "AND%20OR%20NOT", "-", "%5E", "dang%22", "%22dang%20ky",
            "title:dang", "dang*", "(dang", "%7Btitle%7D:dang", "NOT%20dang", "%27;%20DROP%20TABLE%20document;--",
            "%00", "%22%22%22%22",
        ])
    func hostileQueries(_ query: String) async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/api/v1/search?q=\(query)", method: .get)
            #expect(response.status == .ok)
            _ = try answer(response)
        }
    }

    @Test("10,000 characters, 21 words or broken percent-encoding are a 400 problem, never a 500")
    func refusedQueries() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let long = String(repeating: "a", count: 10_000)
            let words = (1...21).map { "tu\($0)" }.joined(separator: "+")
            for query in [long, String(repeating: "%C4%91", count: 201), words, "%E1%BA", "%zz"] {
                let response = try await client.execute(uri: "/api/v1/search?q=\(query)", method: .get)
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/problem+json")
                let problem = try #require(
                    try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                #expect(problem["type"] as? String == "urn:binhdan:problem:bad-parameter")
                #expect((problem["detail"] as? String)?.contains("'q'") == true)
            }
            let tooLong = try await client.execute(uri: "/api/v1/search?q=\(long)", method: .get)
            #expect(tooLong.text.contains("200"))
        }
    }

    @Test("a reload rebuilds the index with the catalogue")
    func reloadRebuildsIndex() async throws {
        // Given a copy of the search fixture being served
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-search-\(UUID())")
        defer { try? FileManager.default.removeItem(at: copy) }
        try FileManager.default.copyItem(atPath: searchCourses, toPath: copy.path)
        let (dependencies, app) = try await makeSearchApp(courses: copy.path)
        try await app.test(.router) { client in
            #expect(
                try answer(try await client.execute(uri: "/api/v1/search?q=passcode", method: .get)).results.isEmpty)

            // When a lesson is added, another removed, and the content reloaded
            let course = copy.appendingPathComponent("tai-khoan-thu")
            try """
            ---
            title: Đổi passcode
            kind: reading
            estimated_minutes: 5
            ---
            Passcode gồm sáu chữ số.
            """.write(to: course.appendingPathComponent("03-doi-passcode.md"), atomically: true, encoding: .utf8)
            try FileManager.default.removeItem(at: course.appendingPathComponent("01-dang-ky-tai-khoan.md"))
            let loader = ContentLoader(coursesPath: copy.path, assessmentsPath: "\(TestPaths.fixtures)/Assessments")
            dependencies.content.replace(with: try loader.load())

            // Then search finds the new lesson and no longer the removed one
            let added = try answer(try await client.execute(uri: "/api/v1/search?q=doi+passcode", method: .get))
            #expect(added.results.map(\.href) == ["/courses/tai-khoan-thu/doi-passcode"])
            let removed = try answer(try await client.execute(uri: "/api/v1/search?q=dang+ky+tai+khoan", method: .get))
            #expect(removed.results.isEmpty)
        }
    }
}

@Suite("Search page")
struct SearchPageTests {
    @Test("/search?q= lists the results as links with their place and marked snippet, and names the query in the title")
    func results() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/search?q=dang+ky+tai+khoan", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<title>Kết quả tìm kiếm: dang ky tai khoan – Bình dân học vụ số</title>"))
            #expect(html.contains("<label for=\"search-page-q\">"))
            #expect(html.contains("id=\"search-page-q\" name=\"q\" type=\"search\" value=\"dang ky tai khoan\""))
            #expect(html.contains("Tìm thấy 1 kết quả cho “dang ky tai khoan”."))
            #expect(html.contains("<ol class=\"search-results\">"))
            #expect(
                html.contains(
                    "<a href=\"/courses/tai-khoan-thu/dang-ky-tai-khoan\"><mark>Đăng</mark> <mark>ký</mark> <mark>tài</mark> <mark>khoản</mark></a>"
                ))
            #expect(
                html.contains(
                    "<span class=\"search-kind\">Bài học</span> · <span lang=\"vi\">Tài khoản dịch vụ công</span>"))
            #expect(html.contains("&lt;điều <mark>khoản</mark>&gt;"))
        }
    }

    @Test("a step result names its lesson and links to the step")
    func stepResult() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/search?q=nhap+ma+otp", method: .get).text
            #expect(
                html.contains(
                    "<a href=\"/courses/tai-khoan-thu/kich-hoat/steps/2\"><mark>Nhập</mark> <mark>mã</mark> <mark>OTP</mark></a>"
                ))
            #expect(html.contains("<span class=\"search-kind\">Bước 2</span>"))
            #expect(
                html.contains("Tài khoản dịch vụ công › Kích hoạt tài khoản".precomposedStringWithCanonicalMapping)
                    || html.contains(
                        "Tài khoản dịch vụ công › Kích hoạt tài khoản".decomposedStringWithCanonicalMapping)
            )
        }
    }

    @Test("nothing found says so in Vietnamese, and the query is escaped")
    func noResults() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/search?q=%3Cscript%3Exyz", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("Không tìm thấy bài học nào có “&lt;script&gt;xyz”."))
            #expect(!html.contains("<script>"))
            #expect(!html.contains("search-results"))
        }
    }

    @Test("without a query the page shows only the search form")
    func emptyPage() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/search", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("<title>Tìm kiếm – Bình dân học vụ số</title>"))
            #expect(!response.text.contains("Không tìm thấy"))
        }
    }

    @Test("a query that is too long is a 400 page with the reason, never a 500")
    func tooLong() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/search?q=\(String(repeating: "a", count: 10_000))", method: .get)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("Từ cần tìm dài quá. Bạn hãy gõ tối đa 200 ký tự và 20 từ."))
            let broken = try await client.execute(uri: "/search?q=%E1%BA", method: .get)
            #expect(broken.status == .badRequest)
            #expect(broken.text.contains("Không đọc được từ cần tìm."))
        }
    }

    @Test("every page's header has a labelled search box that sends to /search")
    func headerSearchBox() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu", method: .get).text
            #expect(
                html.contains(
                    "<form role=\"search\" class=\"site-search\" method=\"get\" action=\"/search\" aria-label=\"Tìm trong các khóa học\">"
                ))
            #expect(html.contains("<label for=\"site-search-q\" class=\"visually-hidden\">Tìm bài học</label>"))
            #expect(html.contains("<input id=\"site-search-q\" name=\"q\" type=\"search\""))
        }
    }

    @Test("the page speaks English with ?lang=en")
    func english() async throws {
        let (_, app) = try await makeSearchApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/search?q=zzz&lang=en", method: .get).text
            #expect(html.contains("<title>Search results: zzz – "))
            #expect(html.contains("No lesson contains “zzz”."))
        }
    }
}
