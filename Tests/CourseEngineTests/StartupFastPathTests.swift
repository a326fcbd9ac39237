import Foundation
import Testing

@testable import CourseEngine

/// The byte-level fast paths of start-up (search text from HTML, the front matter block) must give what the
/// character-level definitions give.
@Suite("Start-up fast paths match their definitions")
struct StartupFastPathTests {
    static let htmlPieces: [String] = [
        "<p>", "</p>", "<strong>", "</strong>", "<a href=\"/khoa-hoc/x\">", "</a>", "<h2 id=\"buoc-1\">", "</h2>", "<li>",
        "<p class=\"callout-title\">Mẹo</p>", "<p class=\"callout-title\">", "<br />", "<!-- raw HTML omitted -->",
        "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&apos;", "&nbsp;", "&#x301;", "&#13;", "&#xA0;", "&bogus;", "&",
        "&#12345678901;", "&abcdefghijklmnop;", "&ă;", "<", ">", "\n", " ", "  ", "\t", "\u{00A0}", "\r\n", "\r", "–",
        "…", "Đăng ký", "tài khoản", "e\u{0301}", "\u{0301}", "VNeID", "123", ";", "/", "<ăb>", "<b2>", "<Strong>",
        "😀", "한", "\u{200D}",
    ]

    @Test("random HTML gives the same search text on the byte path as on the character path")
    func plainTextFromRandomHTML() {
        // Given a fixed seed, so a failure can be reproduced
        var generator = SplitMix64(seed: 0xC0FFEE)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 30)
            let html = (0..<count).map { _ in Self.htmlPieces[Int(generator.next() % UInt64(Self.htmlPieces.count))] }
                .joined()
            // When both paths read it, Then the texts are identical
            #expect(
                SearchDocument.plainText(fromHTML: html) == SearchDocument.characterPlainText(fromHTML: html),
                "\(Array(html.unicodeScalars))")
        }
    }

    @Test("rendered Vietnamese HTML takes the byte path")
    func byteTextOnUsualHTML() {
        // Given HTML as the renderer writes it
        let html = "<h2 id=\"dang-ky\">Đăng ký</h2>\n<p>Chạm <strong>Đăng nhập</strong> &amp; nhập mã&nbsp;OTP.</p>\n"
            + "<aside class=\"callout callout-tip\"><p class=\"callout-title\">Mẹo</p>\n<p>Giữ mã – đừng đưa ai.</p></aside>"
        // When the byte path reads it, Then it answers, with the character path's text
        let text = SearchDocument.fastPlainText(fromHTML: html)
        #expect(text == "Đăng ký Chạm Đăng nhập & nhập mã OTP. Giữ mã – đừng đưa ai.")
        #expect(text == SearchDocument.characterPlainText(fromHTML: html))
    }

    static let frontMatterPieces: [String] = [
        "---", "--- ", "---\t", "...", "-- -", "title: Một", "kind: guided", "\n", "\n", "\n", "\n", "Nội dung",
        "## Bước", " ", "e\u{0301}", "--- \u{0301}", "\u{0301}", "#",
    ]

    @Test("random files split into front matter and body as splitting into lines does")
    func frontMatterBlock() {
        // Given random files made of front matter lines, text and marks
        var generator = SplitMix64(seed: 0xF00D)
        for _ in 0..<3_000 {
            let count = Int(generator.next() % 16)
            let text = (0..<count).map { _ in
                Self.frontMatterPieces[Int(generator.next() % UInt64(Self.frontMatterPieces.count))]
            }.joined()
            // When parsed, Then body and its first line are those of the split into lines
            let (frontMatter, _) = FrontMatter.parse(text, file: "a.md")
            let expected = Self.splitByLines(text)
            #expect(frontMatter?.body == expected?.body, "\(Array(text.unicodeScalars))")
            #expect(frontMatter.map(\.bodyStartLine) == expected.map(\.bodyStartLine), "\(Array(text.unicodeScalars))")
        }
    }

    /// The front matter split as it was first written: the whole file cut into lines. Nil when there is no
    /// closed block or when its YAML is refused.
    static func splitByLines(_ text: String) -> (body: String, bodyStartLine: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func trimmed(_ line: Substring) -> Substring {
            var line = line
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            return line
        }
        guard let first = lines.first, trimmed(first) == "---",
            let closing = lines.dropFirst().firstIndex(where: { ["---", "..."].contains(trimmed($0)) })
        else { return nil }
        let yaml = lines[1..<closing].joined(separator: "\n")
        guard FrontMatter.parse("---\n\(yaml)\n---\n", file: "a.md").0 != nil else { return nil }
        return (lines[(closing + 1)...].joined(separator: "\n"), closing + 2)
    }
}
