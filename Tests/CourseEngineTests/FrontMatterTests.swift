import Foundation
import Testing

@testable import CourseEngine

@Suite("Front matter")
struct FrontMatterTests {
    @Test("keys are read with the line they stand on, and the body starts after the closing line")
    func readsKeysAndBody() throws {
        // Given a file with three keys
        let text = "---\ntitle: Bài một\nkind: reading\nestimated_minutes: 5\n---\nNội dung.\n"

        // When it is parsed
        let (frontMatter, diagnostics) = FrontMatter.parse(text, file: "a.md")

        // Then every key is there with its line, and the body follows line 5
        let parsed = try #require(frontMatter)
        #expect(diagnostics.isEmpty)
        #expect(parsed.entries.map(\.key) == ["title", "kind", "estimated_minutes"])
        #expect(parsed.entry("kind")?.line == 3)
        #expect(parsed.body == "Nội dung.\n")
        #expect(parsed.bodyStartLine == 6)
    }

    @Test("a file without front matter is an error at 1:1")
    func missingFrontMatter() {
        let (frontMatter, diagnostics) = FrontMatter.parse("# Tiêu đề\n", file: "a.md")
        #expect(frontMatter == nil)
        #expect(diagnostics.first?.line == 1)
        #expect(diagnostics.first?.message.contains("missing front matter") == true)
    }

    @Test("front matter that is never closed is an error")
    func unterminated() {
        let (frontMatter, diagnostics) = FrontMatter.parse("---\ntitle: A\n\nNội dung\n", file: "a.md")
        #expect(frontMatter == nil)
        #expect(diagnostics.first?.message.contains("not closed") == true)
    }

    @Test("a YAML syntax error points at its line in the file")
    func yamlSyntaxError() {
        let (frontMatter, diagnostics) = FrontMatter.parse("---\ntitle: A\ntags: [a, b\nkind: reading\n---\n", file: "a.md")
        #expect(frontMatter == nil)
        let diagnostic = diagnostics.first
        #expect(diagnostic?.severity == .error)
        #expect(diagnostic?.message.hasPrefix("invalid front matter") == true)
        #expect((3...5).contains(diagnostic?.line ?? 0))
    }

    @Test("a key given twice is an error on the second one")
    func duplicateKey() {
        let (_, diagnostics) = FrontMatter.parse("---\ntitle: A\ntitle: B\n---\n", file: "a.md")
        let diagnostic = diagnostics.first { $0.message.contains("duplicate key 'title'") }
        #expect(diagnostic?.line == 3)
    }

    @Test("a misspelt key is an error that suggests the right one")
    func typoSuggestion() {
        // Given a lesson whose title key is misspelt on line 2
        let lesson = "---\ntitel: Bài một\nkind: reading\nestimated_minutes: 5\n---\nNội dung.\n"

        // When the course is built
        let result = build(["course.md": validCourseFile, "01-bai-mot.md": lesson])

        // Then the typo is reported where it stands, with the fix, and the missing title too
        let typo = result.diagnostics.first(containing: "titel")
        #expect(typo?.formatted == "Courses/vneid-co-ban/01-bai-mot.md:2:1: error: unknown key 'titel' in lesson front matter; did you mean 'title'?")
        #expect(result.diagnostics.first(containing: "missing required key 'title'") != nil)
        #expect(result.rejectedCourseIDs == ["vneid-co-ban"])
    }

    @Test("a value of the wrong type is an error on its line")
    func wrongType() {
        let course = validCourseFile.replacingOccurrences(of: "version: 1", with: "version: mot")
        let result = build(["course.md": course, "01-a.md": readingLesson("Nội dung.")])
        let diagnostic = result.diagnostics.first(containing: "'version' must be a whole number")
        #expect(diagnostic?.line == 5)
        #expect(diagnostic?.column == 10)
    }

    @Test("an audience outside the list is an error that names the allowed values")
    func unknownAudience() {
        let course = validCourseFile.replacingOccurrences(of: "audience: citizens", with: "audience: citizen")
        let result = build(["course.md": course, "01-a.md": readingLesson("Nội dung.")])
        let diagnostic = result.diagnostics.first(containing: "'audience' must be one of")
        #expect(diagnostic?.message.contains("did you mean 'citizens'?") == true)
        #expect(diagnostic?.line == 4)
    }

    @Test("a missing required key is reported on the course file")
    func missingRequiredKey() {
        let course = validCourseFile.replacingOccurrences(of: "summary: Cài đặt và dùng VNeID.\n", with: "")
        let result = build(["course.md": course, "01-a.md": readingLesson("Nội dung.")])
        let diagnostic = result.diagnostics.first(containing: "missing required key 'summary'")
        #expect(diagnostic?.file == "Courses/vneid-co-ban/course.md")
        #expect(diagnostic?.line == 1)
    }

    @Test("language defaults to vi and tags to none")
    func defaults() throws {
        let result = build(["course.md": validCourseFile, "01-a.md": readingLesson("Nội dung.")])
        let course = try #require(result.catalogue.course(id: "vneid-co-ban"))
        #expect(course.language == "vi")
        #expect(course.tags.isEmpty)
        #expect(course.version == 1)
        #expect(course.audience == .citizens)
    }
}
