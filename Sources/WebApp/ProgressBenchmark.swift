import CourseEngine
import Foundation
import Storage

/// `binhdan bench progress`: concurrent writers storing batches of progress events in a temporary database file
/// (WAL, synchronous=FULL), once with a transaction per request and once with group commit.
public enum ProgressBenchmark {
    public struct Figures: Sendable, CustomStringConvertible {
        public var writers: Int
        public var eventsPerRequest: Int
        public var seconds: Double
        public var directEventsPerSecond: Double
        public var groupedEventsPerSecond: Double

        public var description: String {
            String(
                format: "%d concurrent writers, %d events a request, %.0f s each: one transaction per request %.0f events/s; group commit %.0f events/s (%.1f×)",
                writers, eventsPerRequest, seconds, directEventsPerSecond, groupedEventsPerSecond,
                groupedEventsPerSecond / max(directEventsPerSecond, 1))
        }
    }

    public static func run(writers: Int, events: Int, seconds: Double) async throws -> Figures {
        Figures(
            writers: writers, eventsPerRequest: events, seconds: seconds,
            directEventsPerSecond: try await measure(writers: writers, events: events, seconds: seconds, grouped: false),
            groupedEventsPerSecond: try await measure(writers: writers, events: events, seconds: seconds, grouped: true))
    }

    /// Events acknowledged per second, in a fresh database file.
    static func measure(writers: Int, events: Int, seconds: Double, grouped: Bool) async throws -> Double {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-bench-progress-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try AppDatabase.open(path: directory.appendingPathComponent("bench.sqlite").path)
        var learners: [String] = []
        for index in 0..<writers {
            learners.append(try database.registerCitizen(
                name: "Người học \(index)", phone: nil, resumeCodeHash: "bench-\(index)", now: Date()).id)
        }
        let version = AppDatabase.LessonVersion(contentHash: "bench", courseVersion: 1)
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        let start = clock.now
        let stored = try await withThrowingTaskGroup(of: Int.self) { group in
            for (writer, learner) in learners.enumerated() {
                group.addTask {
                    var count = 0
                    var request = 0
                    while clock.now < deadline {
                        let batch = (0..<events).map { index in
                            (event: ProgressEvent(
                                id: String(format: "%08x-0000-4000-8000-%04x%08x", writer, index, request),
                                courseID: "course-\(index % 3)", lessonID: "lesson-\(index % 7)", type: .step,
                                step: index % 10 + 1, occurredAt: Date(), secondsSpent: 5), version: version)
                        }
                        let receipt =
                            grouped
                            ? try await database.recordProgressGrouped(batch, learnerID: learner, now: Date())
                            : try database.recordProgress(batch, learnerID: learner, now: Date())
                        count += receipt.accepted
                        request += 1
                    }
                    return count
                }
            }
            return try await group.reduce(0, +)
        }
        let elapsed = start.duration(to: clock.now)
        return Double(stored) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
