import CourseEngine
import Foundation
import Storage

/// `binhdan bench report`: builds a synthetic province in a temporary database and times the supervisor's report.
public enum ReportBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var officials: Int
        public var courses: Int
        public var fillSeconds: Double
        public var reportMilliseconds: [Double]
        /// Of the last run: reading from SQLite, and assembling rows and totals.
        public var queryMilliseconds: Double
        public var assemblyMilliseconds: Double
        public var csvMilliseconds: Double
        public var rows: Int

        func percentile(_ p: Double) -> Double {
            let sorted = reportMilliseconds.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))]
        }

        public var description: String {
            String(
                format: "unit report over %d officials and %d courses: %d rows, p50 %.0f ms, p99 %.0f ms (%d runs; last: queries %.0f ms, assembly %.0f ms); CSV %.0f ms; data filled in %.1f s",
                officials, courses, rows, percentile(0.5), percentile(0.99), reportMilliseconds.count, queryMilliseconds,
                assemblyMilliseconds, csvMilliseconds, fillSeconds)
        }
    }

    /// Runs the benchmark; the synthetic database is deleted afterwards unless `keepAt` names where to keep it.
    public static func run(officials: Int, courses: Int, runs: Int, keepAt: String? = nil) throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: keepAt ?? directory.appendingPathComponent("bench.sqlite").path)
        let catalogue = syntheticCatalogue(courses: courses)
        let clock = ContinuousClock()
        var start = clock.now
        let province = try database.fillSyntheticProvince(
            communes: 100, officials: officials,
            courses: catalogue.courses.map { ($0.id, $0.version, $0.lessons.map(\.id), $0.finalQuiz) }, now: Date())
        let fill = clock.now - start
        for course in catalogue.courses {
            _ = try database.createAssignment(
                courseID: course.id, unitCode: province.provinceCode, includeSubunits: true, positions: [], dueDate: "2099-12-31",
                createdBy: try database.learner(id: "bench00000000000")?.id ?? "bench00000000000", now: Date())
        }
        let officialsService = OfficialsService(content: ContentStore(PublishedContent(
            catalogue: catalogue, diagnostics: [], rejectedCourseIDs: [], media: [:], loadDuration: .zero)), database: database)
        var timings: [Double] = []
        var report: UnitReport?
        var query = 0.0
        var assembly = 0.0
        for _ in 0..<runs {
            start = clock.now
            let tree = try officialsService.tree()
            let assignments = try database.activeAssignments()
            let ids = Array(Set(assignments.map(\.courseID)))
            let summaries = try database.officialSummaries(
                unitCodes: tree.subtree(province.provinceCode), courseIDs: ids, quizIDs: ids.compactMap { catalogue.course(id: $0)?.finalQuiz })
            query = milliseconds(clock.now - start)
            let assemblyStart = clock.now
            defer { assembly = milliseconds(clock.now - assemblyStart) }
            report = UnitReport.build(
                unitCode: province.provinceCode, includeSubunits: true, courseFilter: nil, statusFilter: nil, tree: tree,
                assignments: assignments, summaries: summaries, catalogue: catalogue, now: Date())
            timings.append(milliseconds(clock.now - start))
        }
        start = clock.now
        _ = report?.csv()
        let csv = milliseconds(clock.now - start)
        return Figures(
            officials: officials, courses: courses, fillSeconds: milliseconds(fill) / 1000, reportMilliseconds: timings,
            queryMilliseconds: query, assemblyMilliseconds: assembly,
            csvMilliseconds: csv, rows: report?.rows.count ?? 0)
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// Courses of three reading lessons each, with a final quiz id, built by the real engine.
    static func syntheticCatalogue(courses: Int) -> Catalogue {
        let sources = (1...courses).map { index in
            let id = "khoa-hoc-\(index)"
            let course = "---\ntitle: Khóa học số \(index)\nsummary: Khóa học thử tải.\naudience: officials\nversion: 1\nestimated_minutes: 30\nfinal_quiz: kiem-tra-\(index)\n---\nGiới thiệu.\n"
            let lessons = (1...3).map { lesson in
                SourceFile(path: "\(id)/0\(lesson)-bai-\(lesson).md", name: "0\(lesson)-bai-\(lesson).md",
                           contents: Array("---\ntitle: Bài \(lesson)\nkind: reading\nestimated_minutes: 10\n---\nNội dung.\n".utf8))
            }
            return CourseSource(id: id, directory: id, courseFile: SourceFile(path: "\(id)/course.md", name: "course.md", contents: Array(course.utf8)), lessonFiles: lessons)
        }
        return CatalogueBuilder().build(CatalogueSource(courses: sources, quizIDs: Set((1...courses).map { "kiem-tra-\($0)" }))).catalogue
    }
}
