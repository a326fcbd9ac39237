import CourseEngine
import Testing

@testable import Storage

private let documents = [
    SearchDocument(
        courseID: "vneid", courseTitle: "Làm quen với VNeID", title: "Làm quen với VNeID",
        text: "Cài đặt VNeID, rồi đăng ký tài khoản định danh điện tử để dùng dịch vụ công."),
    SearchDocument(
        courseID: "vneid", courseTitle: "Làm quen với VNeID", lessonID: "gioi-thieu", lessonTitle: "VNeID là gì",
        title: "VNeID là gì", text: "VNeID là ứng dụng của Bộ Công an. Khoản phí: không có."),
    SearchDocument(
        courseID: "vneid", courseTitle: "Làm quen với VNeID", lessonID: "dang-ky", lessonTitle: "Đăng ký tài khoản",
        title: "Đăng ký tài khoản", text: "Bài này hướng dẫn từng bước."),
    SearchDocument(
        courseID: "vneid", courseTitle: "Làm quen với VNeID", lessonID: "dang-ky", lessonTitle: "Đăng ký tài khoản",
        step: 2, title: "Nhập mã OTP", text: "Gõ sáu chữ số trong tin nhắn. Đừng đưa mã cho ai."),
]

private func search(_ index: SearchIndex, _ text: String, limit: Int = 20) throws -> [SearchDocument] {
    try index.search(SearchQuery(text), limit: limit).map(\.document)
}

@Suite("Search index")
struct SearchIndexTests {
    @Test("a query without tone marks finds the text with them, the title match ranked first")
    func ranksTitleFirst() throws {
        let index = try SearchIndex(documents: documents)
        let found = try search(index, "dang ky tai khoan")
        #expect(found.map(\.title) == ["Đăng ký tài khoản", "Làm quen với VNeID"])
    }

    @Test("the words side by side in the order typed rank above the same words scattered, even in a title")
    func phraseFirst() throws {
        let index = try SearchIndex(documents: [
            SearchDocument(
                courseID: "a", courseTitle: "A", title: "Tài khoản: cách đăng ký lại", text: "Quên mật khẩu."),
            SearchDocument(
                courseID: "b", courseTitle: "B", title: "Dịch vụ công", text: "Trước hết, đăng ký tài khoản."),
        ])
        #expect(try search(index, "dang ky tai khoan").map(\.courseID) == ["b", "a"])
        #expect(try search(index, "tai khoan dang ky").map(\.courseID) == ["a", "b"])
    }

    @Test("words match in any order, in any case, with đ typed as d, and as the start of a word")
    func anyOrderAndPrefix() throws {
        let index = try SearchIndex(documents: documents)
        #expect(try search(index, "KHOAN tai ký ĐANG").map(\.title) == ["Đăng ký tài khoản", "Làm quen với VNeID"])
        #expect(try search(index, "dung dua ma").map(\.step) == [2])
        #expect(try search(index, "otp").map(\.lessonID) == ["dang-ky"])
        #expect(try search(index, "đinh dan").map(\.title) == ["Làm quen với VNeID"])
    }

    @Test("every word of the query must be found")
    func allWords() throws {
        let index = try SearchIndex(documents: documents)
        #expect(try search(index, "vneid").count == 2)
        #expect(Set(try search(index, "vneid khoan").map(\.title)) == ["VNeID là gì", "Làm quen với VNeID"])
        #expect(try search(index, "vneid otp").isEmpty)
    }

    @Test("at most `limit` results come back")
    func limit() throws {
        let index = try SearchIndex(documents: documents)
        #expect(try search(index, "vneid", limit: 1).count == 1)
        #expect(try search(index, "vneid", limit: 0).isEmpty)
    }

    @Test(
        "quotes and FTS5 operators typed by a reader are plain words, never syntax",
        arguments: [
            "\"", "*", "NEAR(", "NEAR(dang ky, 2)", "AND OR NOT", "-", "^", "dang\"", "\"dang ky", "title:dang",
            "dang*",
            "(dang", "{title body}: dang", "NOT dang", "dang + ky", "'; DROP TABLE document; --",
            "\"\"\"\"\"\"", "a*b*c",
        ])
    func hostileQueries(_ text: String) throws {
        let index = try SearchIndex(documents: documents)
        let found = try search(index, text)
        #expect(found.count <= documents.count)
    }

    @Test("a NUL character only separates words")
    func nulCharacter() throws {
        let index = try SearchIndex(documents: documents)
        #expect(try search(index, "\u{0}").isEmpty)
        #expect(try search(index, "otp\u{0}\u{0}nhap").map(\.step) == [2])
    }

    @Test("an operator word is searched as a word")
    func operatorWords() throws {
        let index = try SearchIndex(
            documents: documents + [
                SearchDocument(courseID: "x", courseTitle: "X", title: "Near and not or", text: "")
            ])
        #expect(try search(index, "NEAR NOT OR AND").map(\.title) == ["Near and not or"])
    }

    @Test("the match and phrase patterns quote every word and double quotes inside it")
    func matchPattern() {
        #expect(SearchIndex.matchPattern(["dang", "ky"]) == "\"dang\"* AND \"ky\"*")
        #expect(SearchIndex.matchPattern(["a\"b"]) == "\"a\"\"b\"*")
        #expect(SearchIndex.matchPattern([]) == nil)
        #expect(SearchIndex.matchPattern([""]) == nil)
        #expect(SearchIndex.phrasePattern(["dang", "k\"y"]) == "\"dang\" + \"k\"\"y\"*")
        #expect(SearchIndex.phrasePattern([]) == nil)
    }

    @Test("an empty query, and the empty index, find nothing")
    func empty() throws {
        let index = try SearchIndex(documents: documents)
        #expect(try search(index, "").isEmpty)
        #expect(try search(index, " \" * ").isEmpty)
        #expect(try search(SearchIndex.empty, "vneid").isEmpty)
        #expect(SearchIndex.empty.count == 0)
    }
}
