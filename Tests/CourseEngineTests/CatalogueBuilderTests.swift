import Foundation
import Testing

@testable import CourseEngine

@Suite("Catalogue checks")
struct CatalogueBuilderTests {
    @Test("a valid course is published with its lessons in file order, ids without the number")
    func publishesInOrder() throws {
        let result = build([
            "course.md": validCourseFile,
            "02-dang-nhap.md": readingLesson("B.", title: "Đăng nhập"),
            "01-cai-dat.md": readingLesson("A.", title: "Cài đặt"),
            "10-nang-cao.md": readingLesson("C.", title: "Nâng cao"),
        ])
        #expect(result.diagnostics.isEmpty)
        let course = try #require(result.catalogue.course(id: "vneid-co-ban"))
        #expect(course.lessons.map(\.id) == ["cai-dat", "dang-nhap", "nang-cao"])
        #expect(course.lessons.map(\.position) == [1, 2, 10])
        #expect(course.introHTML == "<p>Giới thiệu khóa học.</p>\n")
        #expect(course.lessons[0].contentHash.count == 64)
    }

    @Test("a course with errors is refused while the others are published")
    func rejectsOnlyBrokenCourses() {
        let good = courseSource(["course.md": validCourseFile, "01-a.md": readingLesson("A.")], id: "tot")
        let bad = courseSource(["course.md": validCourseFile, "01-a.md": guidedLesson("Không có bước.")], id: "hong")
        let result = CatalogueBuilder().build(CatalogueSource(courses: [good, bad]))
        #expect(result.catalogue.courses.map(\.id) == ["tot"])
        #expect(result.rejectedCourseIDs == ["hong"])
    }

    @Test("a guided lesson without steps is an error at the start of its body")
    func guidedWithoutSteps() {
        let result = build(["course.md": validCourseFile, "01-a.md": guidedLesson("Chỉ có lời dẫn.\n")])
        let diagnostic = result.diagnostics.first(containing: "a guided lesson needs steps")
        #expect(diagnostic?.file == "Courses/vneid-co-ban/01-a.md")
        #expect(diagnostic?.line == 6)
    }

    @Test("an empty step is an error on its heading's line")
    func emptyStep() {
        let result = build([
            "course.md": validCourseFile, "01-a.md": guidedLesson("## Bước một\n\nLàm thế này.\n\n## Bước hai\n\n## Bước ba\n\nXong.\n"),
        ])
        let diagnostic = result.diagnostics.first(containing: "step 'Bước hai' is empty")
        #expect(diagnostic?.line == 10)
    }

    @Test("a missing image is an error at its position")
    func missingImage() {
        let result = build(["course.md": validCourseFile, "01-a.md": readingLesson("Mở đầu.\n\nXem ![Màn hình](images/khong-co.png).\n")])
        let diagnostic = result.diagnostics.first(containing: "missing image 'images/khong-co.png'")
        #expect(diagnostic?.line == 8)
        #expect(diagnostic?.column == 5)
    }

    @Test("an image without alt text is an error")
    func imageWithoutAlt() {
        let result = build(
            ["course.md": validCourseFile, "01-a.md": readingLesson("![](images/a.png)\n")],
            assets: ["images/a.png": AssetInfo()])
        let diagnostic = result.diagnostics.first(containing: "has no alt text")
        #expect(diagnostic?.line == 6)
        #expect(diagnostic?.severity == .error)
    }

    @Test("a broken relative link is an error at its position")
    func brokenLink() {
        let result = build(["course.md": validCourseFile, "01-a.md": readingLesson("Dòng một.\nXem [bài sau](02-khong-co.md).\n")])
        let diagnostic = result.diagnostics.first(containing: "broken link: '02-khong-co.md' points to no file")
        #expect(diagnostic?.line == 7)
        #expect(diagnostic?.column == 5)
    }

    @Test("a link to a missing anchor is an error")
    func brokenAnchor() {
        let result = build(["course.md": validCourseFile, "01-a.md": readingLesson("## Có\n\n[đến](#khong-co)\n")])
        #expect(result.diagnostics.first(containing: "anchor '#khong-co'")?.line == 8)
    }

    @Test("duplicate lesson ids are an error on the second file")
    func duplicateLessonIDs() {
        let result = build([
            "course.md": validCourseFile, "01-dang-nhap.md": readingLesson("A."), "02-dang-nhap.md": readingLesson("B."),
        ])
        let diagnostic = result.diagnostics.first(containing: "duplicate lesson id 'dang-nhap'")
        #expect(diagnostic?.file == "Courses/vneid-co-ban/02-dang-nhap.md")
    }

    @Test("duplicate course ids, differing only in case, are an error")
    func duplicateCourseIDs() {
        let first = courseSource(["course.md": validCourseFile, "01-a.md": readingLesson("A.")], id: "vneid")
        let second = courseSource(["course.md": validCourseFile, "01-a.md": readingLesson("A.")], id: "VNeID")
        let result = CatalogueBuilder().build(CatalogueSource(courses: [first, second]))
        #expect(result.diagnostics.first(containing: "duplicate course id") != nil)
        #expect(result.catalogue.courses.map(\.id) == ["vneid"])
    }

    @Test("a quiz that names no file in Assessments is an error on its key")
    func missingQuiz() {
        let lesson = "---\ntitle: A\nkind: reading\nestimated_minutes: 5\nquiz: vneid-kiem-tra\n---\nA.\n"
        let missing = build(["course.md": validCourseFile, "01-a.md": lesson])
        let diagnostic = missing.diagnostics.first(containing: "quiz 'vneid-kiem-tra' names no file")
        #expect(diagnostic?.line == 5)
        #expect(diagnostic?.message.contains("Assessments/vneid-kiem-tra.gift") == true)

        let present = build(["course.md": validCourseFile, "01-a.md": lesson], quizIDs: ["vneid-kiem-tra"])
        #expect(present.diagnostics.isEmpty)
        #expect(present.catalogue.course(id: "vneid-co-ban")?.lessons.first?.quiz == "vneid-kiem-tra")
    }

    @Test("a file that is not UTF-8 is an error at the first bad byte")
    func invalidUTF8() {
        var bytes = Array(readingLesson("Dòng một.\nchữ ").utf8)
        bytes += [0xC3, 0x28]  // an invalid two-byte sequence
        let result = build(["course.md": validCourseFile], rawFiles: ["01-a.md": bytes])
        let diagnostic = result.diagnostics.first(containing: "not valid UTF-8")
        #expect(diagnostic?.line == 7)
        #expect(diagnostic?.column == 5)
    }

    @Test("a lesson file name without a number prefix is an error")
    func badLessonFileName() {
        let result = build(["course.md": validCourseFile, "01-a.md": readingLesson("A."), "bai-mot.md": readingLesson("B.")])
        #expect(result.diagnostics.first(containing: "must look like 'NN-lesson-id.md'")?.file == "Courses/vneid-co-ban/bai-mot.md")
    }

    @Test("a folder without course.md is an error")
    func missingCourseFile() {
        let result = build(["01-a.md": readingLesson("A.")])
        #expect(result.diagnostics.first(containing: "has no course.md") != nil)
        #expect(result.catalogue.courses.isEmpty)
    }

    @Test("CRLF line endings and a byte-order mark are accepted")
    func windowsLineEndings() throws {
        let lesson = "\u{FEFF}" + readingLesson("## Phần\r\n\r\nA.\r\n").replacingOccurrences(of: "\n", with: "\r\n")
        let result = build(["course.md": validCourseFile, "01-a.md": lesson])
        #expect(result.diagnostics.isEmpty)
        #expect(result.catalogue.course(id: "vneid-co-ban")?.lessons.first?.title == "Bài đọc")
    }

    @Test("diagnostics print as file:line:column: severity: message, and as JSON")
    func diagnosticFormats() throws {
        let diagnostic = Diagnostic(file: "Courses/a/01-b.md", line: 3, column: 7, severity: .warning, message: "m")
        #expect(diagnostic.formatted == "Courses/a/01-b.md:3:7: warning: m")
        let json = String(decoding: try JSONEncoder().encode(diagnostic), as: UTF8.self)
        for key in ["\"file\"", "\"line\":3", "\"column\":7", "\"severity\":\"warning\"", "\"message\":\"m\""] {
            #expect(json.contains(key))
        }
    }
}

@Suite("Vietnamese text")
struct VietnameseTextTests {
    @Test("folding strips tones and maps đ to d, for precomposed and decomposed input", arguments: [
        ("Đăng ký tài khoản", "dang ky tai khoan"),
        ("ĐIỆN THOẠI", "dien thoai"),
        ("Nguyễn Thị Hương", "nguyen thi huong"),
        ("Đăng ky\u{0301}", "dang ky"),
        ("dang ky", "dang ky"),
    ])
    func fold(input: String, expected: String) {
        #expect(VietnameseText.fold(input) == expected)
    }

    @Test("slugs are ASCII words joined by hyphens")
    func slug() {
        #expect(VietnameseText.slug("Bước 1: Tải ứng dụng!") == "buoc-1-tai-ung-dung")
        #expect(VietnameseText.slug("  Đăng -- nhập  ") == "dang-nhap")
    }
}

@Suite("Image sizes")
struct ImageSizeTests {
    @Test("SVG width and height, or the viewBox, give the size")
    func svg() {
        #expect(ImageSize.sniff(Array("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"640\">".utf8)) == ImageSize(width: 360, height: 640))
        #expect(ImageSize.sniff(Array("<svg viewBox=\"0 0 100 50\">".utf8)) == ImageSize(width: 100, height: 50))
    }

    @Test("a PNG header gives the size")
    func png() {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
        bytes += [0, 0, 1, 0x2C, 0, 0, 0, 0xC8]
        #expect(ImageSize.sniff(bytes) == ImageSize(width: 300, height: 200))
    }

    @Test("anything else has no size")
    func unknown() {
        #expect(ImageSize.sniff(Array("hello".utf8)) == nil)
    }
}

@Suite("Quiz references")
struct QuizReferenceTests {
    private let bank = SourceFile(path: "Assessments/vneid-kiem-tra.gift", name: "vneid-kiem-tra.gift", contents: Array("::Q1::VNeID của ai?{=Bộ Công an ~Ngân hàng}\n".utf8))

    @Test("a course's final quiz that names no file is an error on its key")
    func missingFinalQuiz() {
        let course = validCourseFile.replacingOccurrences(of: "estimated_minutes: 30\n", with: "estimated_minutes: 30\nfinal_quiz: khong-co\n")
        let result = build(["course.md": course, "01-a.md": readingLesson("A.")])
        let diagnostic = result.diagnostics.first(containing: "final quiz 'khong-co' names no file")
        #expect(diagnostic?.line == 7)
        #expect(result.catalogue.courses.isEmpty)
    }

    @Test("a quiz nobody references is a warning, and a referenced one is published")
    func unreferencedQuiz() throws {
        let quiz = QuizSource(id: "vneid-kiem-tra", bank: bank, settings: nil)
        let lone = CatalogueBuilder().build(CatalogueSource(
            courses: [courseSource(["course.md": validCourseFile, "01-a.md": readingLesson("A.")])], quizzes: [quiz]))
        let warning = lone.diagnostics.first(containing: "no course or lesson uses quiz 'vneid-kiem-tra'")
        #expect(warning?.severity == .warning)
        #expect(warning?.file == "Assessments/vneid-kiem-tra.gift")

        let course = validCourseFile.replacingOccurrences(of: "estimated_minutes: 30\n", with: "estimated_minutes: 30\nfinal_quiz: vneid-kiem-tra\n")
        let used = CatalogueBuilder().build(CatalogueSource(
            courses: [courseSource(["course.md": course, "01-a.md": readingLesson("A.")])], quizzes: [quiz]))
        #expect(used.diagnostics.isEmpty)
        let published = try #require(used.catalogue.quiz(id: "vneid-kiem-tra"))
        #expect(published.questions.count == 1)
        #expect(published.contentHash.count == 64)
        #expect(used.catalogue.course(id: "vneid-co-ban")?.finalQuiz == "vneid-kiem-tra")
    }

    @Test("a quiz with errors in its bank or settings is reported and not published")
    func brokenQuiz() {
        let broken = SourceFile(path: "Assessments/hong.gift", name: "hong.gift", contents: Array("::Q1::Câu hỏi{=a ~b\n".utf8))
        let settings = SourceFile(path: "Assessments/hong.yml", name: "hong.yml", contents: Array("pass_percent: 0\n".utf8))
        let result = CatalogueBuilder().build(CatalogueSource(courses: [], quizzes: [QuizSource(id: "hong", bank: broken, settings: settings)]))
        #expect(result.diagnostics.contains { $0.file == "Assessments/hong.gift" && $0.severity == .error })
        #expect(result.diagnostics.contains { $0.file == "Assessments/hong.yml" && $0.message.contains("pass_percent") })
        #expect(result.catalogue.quiz(id: "hong") == nil)
    }
}
