import CourseEngine
import Foundation
import Testing
import WebApp

@Suite("Generated catalogue for benchmarks")
struct SyntheticCatalogueTests {
    @Test("a generated catalogue of 45 lessons loads with no errors or warnings, every lesson and quiz published")
    func generatedCatalogueIsValid() throws {
        // Given a generated catalogue written to a fresh folder
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-synthetic-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let summary = try SyntheticCatalogue.write(lessons: 45, to: root)

        // When the server's loader reads it
        let content = try ContentLoader(coursesPath: "\(root)/Courses", assessmentsPath: "\(root)/Assessments").load()

        // Then nothing is wrong with it, and it holds what was asked, guided lessons with steps included
        #expect(content.diagnostics.map(\.formatted) == [])
        #expect(summary.courses == 3 && summary.quizzes == 3)
        #expect(content.catalogue.courses.count == 3)
        #expect(content.catalogue.lessonCount == 45)
        #expect(content.catalogue.quizzes.count == 3)
        let guided = content.catalogue.courses.flatMap(\.lessons).filter { $0.kind == .guided }
        #expect(!guided.isEmpty && guided.allSatisfy { $0.steps.count == 6 })
    }
}
