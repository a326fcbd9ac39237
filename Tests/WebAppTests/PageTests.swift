import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import WebApp

@Suite("HTML pages")
struct PageTests {
    @Test("the home page lists published courses in Vietnamese, grouped by audience")
    func home() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let html = response.text
            #expect(html.contains("<html lang=\"vi\">"))
            #expect(html.contains("<h1>Các khóa học</h1>"))
            #expect(html.contains("Dành cho người dân"))
            #expect(html.contains("<a href=\"/courses/vneid-thu\">Làm quen với VNeID</a>"))
            #expect(!html.contains("Khóa học có lỗi"))
        }
    }

    @Test("the language switch keeps the rest of the page's query, such as a search")
    func languageSwitchKeepsQuery() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/search?q=vneid&lang=vi", method: .get).text
            #expect(html.contains("href=\"/search?q=vneid&amp;lang=en\""))
        }
    }

    @Test("?lang=en shows the page in English and remembers the choice in a cookie")
    func englishByQuery() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/?lang=en", method: .get)
            #expect(response.text.contains("<html lang=\"en\">"))
            #expect(response.text.contains("<h1>Courses</h1>"))
            #expect(response.headers[.setCookie]?.contains("lang=en") == true)

            let next = try await client.execute(uri: "/", method: .get, headers: [.cookie: "lang=en"])
            #expect(next.text.contains("<h1>Courses</h1>"))
        }
    }

    @Test("Accept-Language chooses English when the browser prefers it")
    func englishByHeader() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let english = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,vi;q=0.5"])
            #expect(english.text.contains("<h1>Courses</h1>"))
            let vietnamese = try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "fr, vi;q=0.8, en;q=0.7"])
            #expect(vietnamese.text.contains("<h1>Các khóa học</h1>"))
        }
    }

    @Test("a course page shows its introduction and its lessons in order with their kind")
    func coursePage() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu", method: .get).text
            #expect(html.contains("<title>Làm quen với VNeID – Bình dân học vụ số</title>"))
            #expect(html.contains("Khóa học thử cho các bài kiểm tra."))
            let first = try #require(html.range(of: "VNeID là gì"))
            let second = try #require(html.range(of: "Cài đặt VNeID"))
            #expect(first.lowerBound < second.lowerBound)
            #expect(html.contains("Hướng dẫn từng bước · 3 bước"))
            #expect(html.contains("href=\"/courses/vneid-thu/gioi-thieu\""))
        }
    }

    @Test("a reading lesson shows its content, callouts and a link to the next lesson")
    func readingLesson() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu/gioi-thieu", method: .get).text
            #expect(html.contains("<h2 id=\"dung-de-lam-gi\">Dùng để làm gì</h2>"))
            #expect(html.contains("class=\"callout callout-note\""))
            #expect(html.contains("<a href=\"/courses/vneid-thu/cai-dat\">bài cài đặt</a>"))
            #expect(html.contains("rel=\"next\">Bài tiếp theo: Cài đặt VNeID</a>"))
        }
    }

    @Test("a guided lesson page lists its steps and starts at step 1")
    func guidedLesson() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu/cai-dat", method: .get).text
            #expect(html.contains("href=\"/courses/vneid-thu/cai-dat/steps/1\">Bắt đầu từ bước 1</a>"))
            #expect(html.contains("<span class=\"step-label\">Bước 3/3</span> Cài đặt"))
        }
    }

    @Test("a step page shows Bước n/N, the step alone, and large Back and Next buttons")
    func stepPage() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let html = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/2", method: .get).text
            #expect(html.contains("<title>Bước 2/3: Tìm VNeID – Cài đặt VNeID – Bình dân học vụ số</title>"))
            #expect(html.contains("<p class=\"step-counter\" id=\"step-counter\">Bước 2/3</p>"))
            #expect(html.contains("<progress class=\"step-progress\" max=\"3\" value=\"2\""))
            #expect(html.contains("<h1 lang=\"vi\">Tìm VNeID</h1>"))
            #expect(html.contains("Gõ chữ VNeID vào ô tìm kiếm."))
            #expect(!html.contains("Bấm nút Cài đặt"))
            #expect(html.contains("href=\"/courses/vneid-thu/cai-dat/steps/1\" rel=\"prev\">Quay lại</a>"))
            #expect(html.contains("href=\"/courses/vneid-thu/cai-dat/steps/3\" rel=\"next\">Tiếp theo</a>"))
            #expect(html.contains("<a href=\"/courses/vneid-thu\">Về trang khóa học</a>"))
        }
    }

    @Test("the first step goes back to the lesson, the last step's answer goes on to the course")
    func stepEnds() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/1", method: .get).text
            #expect(first.contains("href=\"/courses/vneid-thu/cai-dat\" rel=\"prev\">Quay lại</a>"))
            #expect(first.contains("<img src=\"/media/vneid-thu/images/man-hinh.svg\""))
            let last = try await client.execute(uri: "/courses/vneid-thu/cai-dat/steps/3", method: .get).text
            #expect(last.contains("href=\"/courses/vneid-thu\">Đã làm được</a>"))
            #expect(!last.contains("rel=\"next\""))
        }
    }

    @Test("an unknown course, lesson or step is a friendly 404 page in Vietnamese", arguments: [
        "/courses/khong-co", "/courses/vneid-thu/khong-co", "/courses/vneid-thu/cai-dat/steps/4",
        "/courses/vneid-thu/gioi-thieu/steps/1", "/khong/co/trang/nay/dau",
    ])
    func notFound(path: String) async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .notFound)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            #expect(response.text.contains("<h1>Không tìm thấy trang</h1>"))
            #expect(response.text.contains("href=\"/\">Về trang chủ</a>"))
        }
    }

    @Test("a malformed step number or id is a friendly 400 page", arguments: [
        "/courses/vneid-thu/cai-dat/steps/abc", "/courses/vneid-thu/cai-dat/steps/0", "/courses/Khong_Hop_Le",
    ])
    func badRequest(path: String) async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: path, method: .get)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("<h1>Địa chỉ chưa đúng</h1>"))
        }
    }

    @Test("pages carry an ETag, and a matching If-None-Match gets 304 without a body")
    func conditionalGet() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let first = try await client.execute(uri: "/courses/vneid-thu", method: .get)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl] == "no-cache")
            let second = try await client.execute(uri: "/courses/vneid-thu", method: .get, headers: [.ifNoneMatch: etag])
            #expect(second.status == .notModified)
            #expect(second.body.readableBytes == 0)
            let other = try await client.execute(uri: "/courses/vneid-thu", method: .get, headers: [.ifNoneMatch: "\"stale\""])
            #expect(other.status == .ok)
        }
    }

    @Test("course images and the stylesheet are served from memory with validators")
    func assets() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let image = try await client.execute(uri: "/media/vneid-thu/images/man-hinh.svg", method: .get)
            #expect(image.status == .ok)
            #expect(image.headers[.contentType] == "image/svg+xml")
            #expect(image.headers[.eTag] != nil)

            let home = try await client.execute(uri: "/", method: .get).text
            let cssPath = try #require(home.firstMatch(of: /href="(\/static\/app\.css\?v=[0-9a-f]+)"/)?.output.1)
            let css = try await client.execute(uri: String(cssPath), method: .get)
            #expect(css.status == .ok)
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")

            let missing = try await client.execute(uri: "/media/vneid-thu/images/khong-co.png", method: .get)
            #expect(missing.status == .notFound)
            let template = try await client.execute(uri: "/static/templates/layout.mustache", method: .get)
            #expect(template.status == .notFound)
        }
    }

    @Test("every page sends a content security policy that forbids inline script")
    func securityHeaders() async throws {
        let app = try await makeApp()
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            let policy = try #require(response.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'"))
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}
