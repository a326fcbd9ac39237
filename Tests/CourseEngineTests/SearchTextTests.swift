import Foundation
import Testing

@testable import CourseEngine

@Suite("Search normalisation")
struct SearchTextTests {
    /// How people type Vietnamese, and what search reads. NFD strings are built from scalars so the file's own
    /// normalisation cannot hide them.
    static let folding: [(typed: String, folded: String)] = [
        ("Đăng ký tài khoản", "dang ky tai khoan"),
        ("dang ky tai khoan", "dang ky tai khoan"),
        ("ĐĂNG KÝ TÀI KHOẢN", "dang ky tai khoan"),
        ("Dang Ky Tai Khoan", "dang ky tai khoan"),
        ("\u{0110}a\u{0306}ng ky\u{0301}", "dang ky"),  // decomposed: a + breve, y + acute
        ("ta\u{0300}i khoa\u{0309}n", "tai khoan"),  // decomposed tones
        ("Nguye\u{0302}\u{0303}n", "nguyen"),  // decomposed, two marks on one letter
        ("Nguyễn", "nguyen"),  // precomposed, two marks in one letter
        ("đường", "duong"),
        ("Đ", "d"),
        ("Ðăng ký", "dang ky"),  // U+00D0, the Đ look-alike of legacy encodings
        ("Ưu tiên, ơn", "uu tien, on"),
        ("ｄａｎｇ ｋｙ", "dang ky"),  // full-width letters
        ("VNeID", "vneid"),
        ("CCCD-0123", "cccd-0123"),
        ("", ""),
    ]

    @Test("folding ignores tone marks, đ, case and Unicode form", arguments: folding)
    func fold(_ example: (typed: String, folded: String)) {
        #expect(SearchText.fold(example.typed) == example.folded)
    }

    @Test("precomposed and decomposed text fold alike")
    func normalisationForms() {
        let text = "Đăng ký tài khoản định danh điện tử"
        #expect(
            SearchText.fold(text.decomposedStringWithCanonicalMapping)
                == SearchText.fold(text.precomposedStringWithCanonicalMapping))
    }

    static let wordCuts: [(text: String, words: [String])] = [
        ("Đăng ký, tài khoản!", ["dang", "ky", "tai", "khoan"]),
        ("\"dang\" AND ky* NEAR(tai", ["dang", "and", "ky", "near", "tai"]),
        ("số 0123-456", ["so", "0123", "456"]),
        ("  -- ^ * \" ", []),
    ]

    @Test("words are runs of letters and digits, folded", arguments: wordCuts)
    func words(_ example: (text: String, words: [String])) {
        #expect(SearchText.words(example.text) == example.words)
    }

    @Test("a query keeps its distinct words in order; another order gives the same words")
    func queryWords() throws {
        let typed = try SearchQuery("  Đăng ký tài khoản đăng ký ")
        #expect(typed.text == "Đăng ký tài khoản đăng ký")
        #expect(typed.words == ["dang", "ky", "tai", "khoan"])
        #expect(Set(try SearchQuery("khoan TAI ky dang").words) == Set(typed.words))
    }

    @Test("an empty or punctuation-only query has no words")
    func emptyQuery() throws {
        #expect(try SearchQuery("").isEmpty)
        #expect(try SearchQuery("   ").isEmpty)
        #expect(try SearchQuery("\"\" * ^ - ( )").isEmpty)
    }

    @Test("a query longer than 200 characters or 20 words is refused")
    func limits() throws {
        #expect(try SearchQuery(String(repeating: "đ", count: 200)).words.count == 1)
        #expect(throws: SearchQueryError.tooLong) { try SearchQuery(String(repeating: "đ", count: 201)) }
        #expect(throws: SearchQueryError.tooLong) { try SearchQuery(String(repeating: "a", count: 10_000)) }
        #expect(throws: SearchQueryError.tooLong) {
            try SearchQuery("a" + String(repeating: "\u{0301}", count: 10_000))
        }
        let twenty = (1...20).map { "tu\($0)" }.joined(separator: " ")
        #expect(try SearchQuery(twenty).words.count == 20)
        #expect(throws: SearchQueryError.tooManyWords) { try SearchQuery(twenty + " them") }
    }
}

@Suite("Search snippets")
struct SearchSnippetTests {
    @Test("matches are marked on the original text, with its accents, whatever was typed")
    func highlightOriginal() {
        let words = SearchText.words("dang ky")
        #expect(
            SearchSnippet.highlight("Đăng ký tài khoản", words: words) == "<mark>Đăng</mark> <mark>ký</mark> tài khoản")
    }

    @Test("decomposed text is highlighted on whole letters and shown precomposed")
    func highlightDecomposed() {
        let text = "Đăng ký tài khoản".decomposedStringWithCanonicalMapping
        #expect(SearchSnippet.highlight(text, words: ["khoan"]) == "Đăng ký tài <mark>khoản</mark>")
    }

    @Test("a searched word marks the whole word it begins")
    func highlightPrefix() {
        #expect(
            SearchSnippet.highlight("Định danh điện tử", words: ["dinh", "die"])
                == "<mark>Định</mark> danh <mark>điện</mark> tử")
        #expect(SearchSnippet.highlight("Mã OTP", words: ["tp"]) == "Mã OTP")
    }

    @Test("text is HTML-escaped around and inside the marks")
    func highlightEscapes() {
        #expect(
            SearchSnippet.highlight("<b>Đăng</b> & \"ký\"", words: ["dang", "ky"])
                == "&lt;b&gt;<mark>Đăng</mark>&lt;/b&gt; &amp; &quot;<mark>ký</mark>&quot;")
    }

    @Test("an excerpt of a long text is cut around the matches, on word boundaries, with ellipses")
    func excerptAroundMatch() {
        let filler = String(repeating: "Nội dung không liên quan đến việc tìm. ", count: 20)
        let text = filler + "Bạn cần đăng ký tài khoản định danh điện tử mức 2. " + filler
        let excerpt = SearchSnippet.excerpt(text, words: SearchText.words("dang ky tai khoan"))
        #expect(excerpt.hasPrefix("…"))
        #expect(excerpt.hasSuffix("…"))
        #expect(excerpt.contains("<mark>đăng</mark> <mark>ký</mark> <mark>tài</mark> <mark>khoản</mark>"))
        let visible = excerpt.replacingOccurrences(of: "<mark>", with: "").replacingOccurrences(of: "</mark>", with: "")
        #expect(visible.count <= SearchSnippet.defaultLength + 2)
        #expect(text.contains(visible.dropFirst().dropLast()))
        #expect(visible.dropFirst().first?.isLetter == true)
    }

    @Test("an excerpt goes where most of the searched words are, not to the first lone one")
    func excerptBestWindow() {
        let filler = String(repeating: "chữ ", count: 80)
        let text = "Tài liệu. " + filler + "Cách đăng ký tài khoản ở đây. " + filler
        let excerpt = SearchSnippet.excerpt(text, words: SearchText.words("dang ky tai khoan"))
        #expect(excerpt.contains("<mark>đăng</mark> <mark>ký</mark> <mark>tài</mark> <mark>khoản</mark>"))
    }

    @Test("without a match in the text, the excerpt is its beginning")
    func excerptWithoutMatch() {
        let text = String(repeating: "Bài này có ba bước. ", count: 30)
        let excerpt = SearchSnippet.excerpt(text, words: ["vneid"])
        #expect(excerpt.hasPrefix("Bài này có ba bước."))
        #expect(excerpt.hasSuffix("…"))
        #expect(!excerpt.contains("<mark>"))
        #expect(SearchSnippet.excerpt("Ngắn.", words: ["ngan"]) == "<mark>Ngắn</mark>.")
    }
}

@Suite("Search documents")
struct SearchDocumentTests {
    @Test("plain text drops tags and callout titles, decodes entities and keeps words whole")
    func plainText() {
        let html = """
            <h2 id="a">Bước &amp; mẹo</h2>
            <p>Chạm <strong>Đăng</strong> ký &quot;VNeID&quot;&#39;s &#x1EA1;</p>
            <aside class="callout callout-tip" role="note" aria-label="Mẹo">
            <p class="callout-title">Mẹo</p>
            <p>Giữ <code>OTP</code>.</p>
            </aside><ul><li>Một</li><li>Hai</li></ul>
            """
        #expect(SearchDocument.plainText(fromHTML: html) == "Bước & mẹo Chạm Đăng ký \"VNeID\"'s ạ Giữ OTP. Một Hai")
    }

    @Test("a catalogue gives one document per course, lesson and step; a guided lesson keeps only its introduction")
    func documents() throws {
        let result = build([
            "course.md": validCourseFile,
            "01-doc.md": readingLesson("Bạn cần **đăng ký** tài khoản.", title: "Đăng ký tài khoản"),
            "02-lam.md": guidedLesson(
                "Bài có hai bước.\n\n## Mở ứng dụng\n\nChạm vào VNeID.\n\n## Nhập mã OTP\n\nGõ mã.\n"),
        ])
        let documents = SearchDocument.documents(in: result.catalogue)
        #expect(
            documents.map(\.title) == [
                "Làm quen với VNeID", "Đăng ký tài khoản", "Hướng dẫn", "Mở ứng dụng", "Nhập mã OTP",
            ])
        #expect(documents[0].text == "Cài đặt và dùng VNeID. Giới thiệu khóa học.")
        #expect(documents[0].lessonID == nil)
        #expect(documents[1].text == "Bạn cần đăng ký tài khoản.")
        #expect(documents[2].text == "Bài có hai bước.")
        #expect(documents[4].lessonID == "lam")
        #expect(documents[4].lessonTitle == "Hướng dẫn")
        #expect(documents[4].step == 2)
        #expect(documents[4].text == "Gõ mã.")
    }
}
