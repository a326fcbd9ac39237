import CourseEngine
import Foundation
import HummingbirdBcrypt
import Storage

/// `binhdan bench province`: a fresh database holding a synthetic province for `make bench`'s HTTP scenarios,
/// following the courses of the catalogue the server will serve.
public enum ProvinceBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var province: AppDatabase.SyntheticProvince
        public var seconds: Double
        public var megabytes: Double

        public var description: String {
            String(
                format: "synthetic province %@: %d communes and wards, %d officials, %d citizens, %d lesson summaries, %d progress events, %d quiz attempts, %d certificates; %.1f s, %.0f MB",
                province.provinceCode, province.unitCodes.count, province.officials, province.citizens,
                province.lessonSummaries, province.events, province.attempts, province.certificateCodes.count, seconds,
                megabytes)
        }
    }

    /// Fills the database at `path`, which must not exist yet. Every official, and the supervisor
    /// (`AppDatabase.benchSupervisorUsername`), signs in with `password`; it is hashed once at `bcryptCost`.
    public static func run(
        path: String, content: PublishedContent, communes: Int, officials: Int, citizens: Int, password: String,
        bcryptCost: UInt8
    ) throws -> Figures {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw BenchmarkError.databaseExists(path)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let database = try AppDatabase.open(path: path)
        let courses = content.catalogue.courses.map { course in
            AppDatabase.SyntheticCourse(
                id: course.id, title: course.title, version: course.version, audience: course.audience,
                lessons: course.lessons.map { ($0.id, $0.steps.count) }, quiz: course.finalQuiz)
        }
        let province = try database.fillSyntheticProvince(.init(
            communes: communes, officials: officials, citizens: citizens, courses: courses,
            passwordHash: Bcrypt.hash(password, cost: bcryptCost), now: Date()))
        try database.checkpoint()
        let elapsed = clock.now - start
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return Figures(
            province: province,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            megabytes: Double(bytes) / 1_000_000)
    }

    public enum BenchmarkError: Error, CustomStringConvertible {
        case databaseExists(String)

        public var description: String {
            switch self {
            case .databaseExists(let path): "\(path) exists: the synthetic province goes into a new database"
            }
        }
    }
}
