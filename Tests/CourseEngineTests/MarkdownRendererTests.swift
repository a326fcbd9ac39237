import Foundation
import Testing

@testable import CourseEngine

@Suite("Markdown rendering")
struct MarkdownRendererTests {
    @Test("a GitHub alert becomes a labelled aside with its title")
    func callout() throws {
        let (lesson, diagnostics) = renderLesson(readingLesson("> [!WARNING]\n> Không đọc mã OTP cho ai.\n"))
        let html = try #require(lesson?.html)
        #expect(diagnostics.isEmpty)
        #expect(html.contains("<aside class=\"callout callout-warning\" role=\"note\" aria-label=\"Cảnh báo\">"))
        #expect(html.contains("<p class=\"callout-title\">Cảnh báo</p>"))
        #expect(html.contains("<p>Không đọc mã OTP cho ai.</p>"))
        #expect(!html.contains("[!WARNING]"))
        #expect(!html.contains("<blockquote>"))
    }

    @Test("every alert kind is recognised")
    func everyCalloutKind() throws {
        for kind in CalloutKind.allCases {
            let (lesson, _) = renderLesson(readingLesson("> [!\(kind.rawValue.uppercased())]\n> Nội dung.\n"))
            #expect(lesson?.html.contains("callout-\(kind.rawValue)") == true, "\(kind)")
        }
    }

    @Test("a plain quote stays a quote, and an unknown alert kind is a warning")
    func plainQuoteAndUnknownKind() throws {
        let (plain, _) = renderLesson(readingLesson("> Trích dẫn.\n"))
        #expect(plain?.html.contains("<blockquote>") == true)

        let (unknown, diagnostics) = renderLesson(readingLesson("Mở đầu.\n\n> [!HINT]\n> Nội dung.\n"))
        #expect(unknown?.html.contains("<blockquote>") == true)
        let warning = diagnostics.first(containing: "unknown callout '[!HINT]'")
        #expect(warning?.severity == .warning)
        #expect(warning?.line == 8)
    }

    @Test("headings get stable anchors folded from Vietnamese, unique within the lesson")
    func headingAnchors() throws {
        let (lesson, _) = renderLesson(readingLesson("## Bước 1: Tải ứng dụng\n\nA.\n\n## Đăng ký\n\nB.\n\n## Đăng ký\n\nC.\n"))
        let html = try #require(lesson?.html)
        #expect(html.contains("<h2 id=\"buoc-1-tai-ung-dung\">Bước 1: Tải ứng dụng</h2>"))
        #expect(html.contains("<h2 id=\"dang-ky\">Đăng ký</h2>"))
        #expect(html.contains("<h2 id=\"dang-ky-2\">Đăng ký</h2>"))
        #expect(lesson?.headings.map(\.anchor) == ["buoc-1-tai-ung-dung", "dang-ky", "dang-ky-2"])
    }

    @Test("a guided lesson is split into one step per level-2 heading, after its introduction")
    func guidedSteps() throws {
        let body = """
            Trong bài này, bạn sẽ cài VNeID.

            ## Mở kho ứng dụng

            Chạm vào biểu tượng **CH Play**.

            > [!TIP]
            > Biểu tượng có hình tam giác nhiều màu.

            ## Tìm VNeID

            Gõ chữ VNeID.

            ### Lưu ý nhỏ

            Chọn đúng nhà phát triển.
            """
        let (lesson, diagnostics) = renderLesson(guidedLesson(body))
        let guided = try #require(lesson)
        #expect(diagnostics.isEmpty)
        #expect(guided.kind == .guided)
        #expect(guided.introHTML == "<p>Trong bài này, bạn sẽ cài VNeID.</p>\n")
        #expect(guided.steps.map(\.title) == ["Mở kho ứng dụng", "Tìm VNeID"])
        #expect(guided.steps.map(\.number) == [1, 2])
        #expect(guided.steps[0].html.hasPrefix("<p>Chạm vào biểu tượng <strong>CH Play</strong>.</p>"))
        #expect(!guided.steps[0].html.contains("<h2"))
        #expect(guided.steps[0].hintHTML == "<p>Biểu tượng có hình tam giác nhiều màu.</p>\n")
        #expect(guided.steps[1].hintHTML == nil)
        #expect(guided.steps[1].html.contains("<h3 id=\"luu-y-nho\">Lưu ý nhỏ</h3>"))
        #expect(guided.html.contains("<h2 id=\"mo-kho-ung-dung\">"))
    }

    @Test("a reading lesson has no steps and its introduction is the whole lesson")
    func readingHasNoSteps() throws {
        let (lesson, _) = renderLesson(readingLesson("## Phần một\n\nA.\n"))
        #expect(lesson?.steps.isEmpty == true)
        #expect(lesson?.introHTML == lesson?.html)
    }

    @Test("images beside the lesson are served from the media path, sized and lazy")
    func images() throws {
        let assets = ["images/dang-nhap.svg": AssetInfo(size: ImageSize(width: 360, height: 640))]
        let (lesson, diagnostics) = renderLesson(
            readingLesson("![Màn hình đăng nhập](images/dang-nhap.svg \"Đăng nhập\")\n"), assets: assets)
        #expect(diagnostics.isEmpty)
        #expect(
            lesson?.html
                == "<p><img src=\"/media/vneid-co-ban/images/dang-nhap.svg\" alt=\"Màn hình đăng nhập\" title=\"Đăng nhập\" width=\"360\" height=\"640\" loading=\"lazy\" decoding=\"async\"></p>\n"
        )
    }

    @Test("alt text cannot break out of its attribute")
    func altTextEscaped() throws {
        let assets = ["images/a.png": AssetInfo()]
        let (lesson, _) = renderLesson(readingLesson("![x\" onerror=\"alert(1)](images/a.png)\n"), assets: assets)
        let html = try #require(lesson?.html)
        #expect(html.contains("alt=\"x&quot; onerror=&quot;alert(1)\""))
        #expect(!html.contains("\" onerror=\""))
    }

    @Test("links to other lesson files and the course become site paths, with their anchor")
    func relativeLinks() throws {
        let (lesson, diagnostics) = renderLesson(
            readingLesson("[Bài sau](02-bai-sau.md#buoc-2) và [khóa học](course.md) và [cổng](https://dichvucong.gov.vn).\n"),
            extraFiles: ["02-bai-sau.md": readingLesson("B.")])
        let html = try #require(lesson?.html)
        #expect(diagnostics.isEmpty)
        #expect(html.contains("<a href=\"/courses/vneid-co-ban/bai-sau#buoc-2\">Bài sau</a>"))
        #expect(html.contains("<a href=\"/courses/vneid-co-ban\">khóa học</a>"))
        #expect(html.contains("<a href=\"https://dichvucong.gov.vn\">cổng</a>"))
    }

    @Test("hostile Markdown never reaches the page as HTML or script")
    func safeMode() throws {
        let hostile = """
            <script>alert("x")</script>

            <div onclick="steal()">bấm</div>

            Chữ <img src=x onerror="alert(1)"> và <iframe src="https://evil.example"></iframe>.

            [bấm vào đây](javascript:alert(1)) và [dữ liệu](data:text/html;base64,PHNjcmlwdD4=)

            [tham chiếu][ref]

            [ref]: vbscript:msgbox
            """
        let (lesson, diagnostics) = renderLesson(readingLesson(hostile))
        // Then the course is refused for its unsafe links, and the renderer output itself is inert
        #expect(lesson == nil)
        #expect(diagnostics.filter { $0.message.contains("are not allowed") }.count == 3)
        #expect(diagnostics.contains { $0.message.contains("raw HTML") && $0.severity == .warning })

        let renderer = MarkdownRenderer(
            file: "a.md", bodyStartLine: 1, splitsSteps: false, calloutTitles: .vietnamese,
            resolver: LinkResolver(courseID: "c", courses: [:], urls: .site))
        let html = renderer.render(hostile).html.lowercased()
        for forbidden in ["<script", "<div", "<iframe", "onerror", "onclick", "javascript:", "vbscript:", "data:text"] {
            #expect(!html.contains(forbidden), "\(forbidden)")
        }
    }
}
