import CourseEngine
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Storage

/// `binhdan bench report`: builds a synthetic province in a temporary database and times the supervisor's report.
public enum ReportBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var officials: Int
        public var courses: Int
        public var fillSeconds: Double
        public var reportMilliseconds: [Double]
        /// Of the last run: reading every official's standing into the totals, then the first page of rows as JSON.
        public var queryMilliseconds: Double
        public var assemblyMilliseconds: Double
        public var csvMilliseconds: Double
        public var csvBytes: Int
        public var rows: Int
        /// The process's peak resident size while reporting (after the fill), when the system tells it.
        public var peakResidentMegabytes: Double?

        func percentile(_ p: Double) -> Double {
            let sorted = reportMilliseconds.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded(.up)))]
        }

        public var description: String {
            String(
                format: "unit report over %d officials and %d courses: %d rows, p50 %.0f ms, p99 %.0f ms (%d runs; last: standings and totals %.0f ms, first page %.0f ms); whole CSV %.0f ms for %.1f MB; data filled in %.1f s",
                officials, courses, rows, percentile(0.5), percentile(0.99), reportMilliseconds.count, queryMilliseconds,
                assemblyMilliseconds, csvMilliseconds, Double(csvBytes) / 1_000_000, fillSeconds)
                + (peakResidentMegabytes.map { String(format: "; peak resident size while reporting %.0f MB", $0) } ?? "")
        }
    }

    /// Runs the benchmark; the synthetic database is deleted afterwards unless `keepAt` names where to keep it.
    /// A database kept by an earlier run with the same figures is used again as it is, to profile the report alone.
    public static func run(officials: Int, courses: Int, runs: Int, keepAt: String? = nil) throws -> Figures {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = keepAt ?? directory.appendingPathComponent("bench.sqlite").path
        let reused = FileManager.default.fileExists(atPath: path)
        let database = try AppDatabase.open(path: path)
        let catalogue = syntheticCatalogue(courses: courses)
        let clock = ContinuousClock()
        var start = clock.now
        let province: AppDatabase.SyntheticProvince
        if reused {
            province = AppDatabase.SyntheticProvince(provinceCode: "TINH-BENCH", unitCodes: [], officials: officials)
        } else {
            province = try database.fillSyntheticProvince(.init(
                communes: 100, officials: officials,
                courses: catalogue.courses.map {
                    .init(id: $0.id, title: $0.title, version: $0.version, audience: .officials,
                          lessons: $0.lessons.map { ($0.id, $0.steps.count) }, quiz: $0.finalQuiz)
                },
                now: Date()))
        }
        try database.checkpoint()
        let fill = clock.now - start
        ResidentSize.resetPeak()
        let officialsService = OfficialsService(content: ContentStore(PublishedContent(
            catalogue: catalogue, diagnostics: [], rejectedCourseIDs: [], media: [:], loadDuration: .zero)), database: database)
        var timings: [Double] = []
        var plan: UnitReportPlan?
        var query = 0.0
        var assembly = 0.0
        let tree = try officialsService.tree()
        // One run first that is not counted: the first read after the fill warms SQLite's and the system's caches.
        for run in 0...runs {
            start = clock.now
            // What `GET /api/v1/units/{code}/report` does: every official's standing, totals, then the first page of
            // rows with names, encoded as JSON.
            let built = try officialsService.report(
                unitCode: province.provinceCode, includeSubunits: true, courseFilter: nil, statusFilter: nil, tree: tree)
            query = milliseconds(clock.now - start)
            let assemblyStart = clock.now
            let firstPage = built.slice(offset: 0, limit: UnitReport.defaultLimit)
            _ = try JSONEncoder().encode(built.report(offset: 0, limit: UnitReport.defaultLimit, records: try built.records(of: firstPage, in: database)))
            assembly = milliseconds(clock.now - assemblyStart)
            plan = built
            if run > 0 { timings.append(milliseconds(clock.now - start)) }
        }
        // What `.../report.csv` writes: every row, in slices of 2,000 with their names.
        start = clock.now
        var bytes = 0
        if let plan {
            bytes += plan.csvHeader().utf8.count
            for offset in stride(from: 0, to: plan.lines.count, by: 2000) {
                let slice = plan.slice(offset: offset, limit: 2000)
                bytes += plan.csvRows(slice, records: try plan.records(of: slice, in: database)).utf8.count
            }
            bytes += plan.csvTotals().utf8.count
        }
        let csv = milliseconds(clock.now - start)
        return Figures(
            officials: officials, courses: courses, fillSeconds: milliseconds(fill) / 1000, reportMilliseconds: timings,
            queryMilliseconds: query, assemblyMilliseconds: assembly,
            csvMilliseconds: csv, csvBytes: bytes, rows: plan?.lines.count ?? 0, peakResidentMegabytes: ResidentSize.peakMegabytes())
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

/// The process's resident memory, from Linux's /proc; nil elsewhere.
enum ResidentSize {
    /// Starts measuring the peak afresh (Linux 4.0 and later), after handing memory freed by the set-up back to
    /// the system so that it does not count.
    static func resetPeak() {
        #if canImport(Glibc)
        // glibc's malloc_trim, which Swift's Glibc module does not declare.
        if let symbol = dlsym(nil, "malloc_trim") {
            _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
        }
        #endif
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .ascii)
    }

    static func peakMegabytes() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}
