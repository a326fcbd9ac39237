import CourseEngine
import Foundation
import Testing

@testable import WebApp

@Suite("Content on disk")
struct ContentTests {
    @Test("the sample catalogue in Courses/ loads with no errors and no warnings")
    func sampleCatalogue() throws {
        let loader = ContentLoader(
            coursesPath: "\(TestPaths.repository)/Courses", assessmentsPath: "\(TestPaths.repository)/Assessments")
        let content = try loader.load()
        #expect(content.diagnostics.map(\.formatted) == [])
        #expect(content.catalogue.courses.count >= 4)
        #expect(content.catalogue.lessonCount >= 12)
        let audiences = Set(content.catalogue.courses.map(\.audience))
        #expect(audiences.contains(.citizens) && audiences.contains(.officials))
        let guided = content.catalogue.courses.filter { $0.audience == .citizens }
            .flatMap(\.lessons).filter { $0.kind == .guided && $0.steps.count >= 5 }
        #expect(guided.count >= 2)
    }

    @Test("a course with errors is left out and its diagnostics name the file and line")
    func rejectedCourse() throws {
        let content = try ContentLoader(
            coursesPath: "\(TestPaths.fixtures)/Courses", assessmentsPath: "\(TestPaths.fixtures)/Assessments"
        ).load()
        #expect(content.rejectedCourseIDs == ["khoa-loi"])
        #expect(content.catalogue.course(id: "khoa-loi") == nil)
        let typo = content.diagnostics.first { $0.message.contains("did you mean 'title'") }
        #expect(typo?.file.hasSuffix("Courses/khoa-loi/01-bai.md") == true)
        #expect(typo?.line == 2)
    }

    @Test("checking one course folder checks just that course")
    func singleCourseFolder() throws {
        let diagnostics = try ContentChecker.check(
            coursesPath: "\(TestPaths.fixtures)/Courses/vneid-thu", assessmentsPath: "\(TestPaths.fixtures)/Assessments")
        #expect(diagnostics.isEmpty)
    }

    @Test("a courses folder that does not exist is a start-up error naming it")
    func missingFolder() {
        #expect(throws: StartupError.self) {
            try ContentLoader(coursesPath: "/khong/co/thu-muc", assessmentsPath: "/khong/co").load()
        }
    }
}

@Suite("Content limits")
struct ContentLimitTests {
    @Test("a quiz file larger than the limit is reported and not read")
    func oversizedQuiz() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-limits-\(UUID())")
        defer { try? FileManager.default.removeItem(at: root) }
        let assessments = root.appendingPathComponent("Assessments")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Courses"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: assessments, withIntermediateDirectories: true)
        let big = Data(repeating: UInt8(ascii: "a"), count: ContentLoader.maximumFileSize + 1)
        try big.write(to: assessments.appendingPathComponent("lon.gift"))

        let content = try ContentLoader(coursesPath: root.appendingPathComponent("Courses").path, assessmentsPath: assessments.path).load()
        let diagnostic = content.diagnostics.first { $0.file.hasSuffix("lon.gift") }
        #expect(diagnostic?.message.contains("larger than") == true)
        #expect(content.catalogue.quiz(id: "lon") == nil)
    }
}
