import CourseEngine
import Foundation
import Testing

@testable import Storage

private let start = Date(timeIntervalSince1970: 1_790_000_000)

private func event(
    _ id: String, _ type: ProgressEventType, step: Int? = nil, at seconds: TimeInterval, answer: LastStepAnswer? = nil
) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (
        ProgressEvent(
            id: "e0000000-\(id)", courseID: "vneid-co-ban", lessonID: "cai-dat", type: type, step: step,
            occurredAt: start.addingTimeInterval(seconds), answer: answer),
        AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1)
    )
}

/// A citizen of XA-01 who went through three steps, asked for help on step 2 and wanted to redo it; an official of
/// XA-02 who went away for 40 minutes on step 1.
private func scenario() throws -> AppDatabase {
    let database = try AppDatabase.inMemory()
    let citizen = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "a", unitCode: "XA-01", now: start)
    _ = try database.recordProgress(
        [
            event("a1", .opened, at: 0), event("a2", .step, step: 1, at: 10), event("a3", .step, step: 2, at: 70),
            event("a4", .help, step: 2, at: 80), event("a5", .step, step: 3, at: 100),
            event("a6", .answered, step: 3, at: 130, answer: .retry),
        ], learnerID: citizen.id, now: start)
    _ = try database.importOfficials(
        [.init(username: "lan", fullName: "Trần Thị Lan", unitCode: "XA-02", position: "Công chức", roles: [.learner], passwordHash: "h")],
        now: start)
    return database
}

@Suite("Funnel counts")
struct FunnelStorageTests {
    @Test("steps and lessons are timed from the gaps between events, help aside and long breaks left out")
    func durations() throws {
        // Given the scenario, and the official's events
        let database = try scenario()
        let lan = try #require(try database.learner(id: try officialID(database)))
        _ = try database.recordProgress(
            [event("b1", .opened, at: 0), event("b2", .step, step: 1, at: 20), event("b3", .step, step: 2, at: 20 + 2400)],
            learnerID: lan.id, now: start)

        // When the course is counted for everyone
        let tallies = try database.funnelTallies(courseID: "vneid-co-ban", filter: FunnelFilter())

        // Then each learner's furthest step, their times, help and retry are counted
        #expect(Set(tallies.reach) == [
            .init(lessonID: "cai-dat", furthestStep: 3, completed: false, learners: 1),
            .init(lessonID: "cai-dat", furthestStep: 2, completed: false, learners: 1),
        ])
        #expect(Set(tallies.durations) == [
            .init(lessonID: "cai-dat", step: 1, seconds: 60, learners: 1),
            .init(lessonID: "cai-dat", step: 2, seconds: 30, learners: 1),
            .init(lessonID: "cai-dat", step: 3, seconds: 30, learners: 1),
            .init(lessonID: "cai-dat", step: 0, seconds: 130, learners: 1),
            .init(lessonID: "cai-dat", step: 0, seconds: 20, learners: 1),
        ])
        #expect(Set(tallies.help) == [
            .init(lessonID: "cai-dat", step: 0, learners: 1), .init(lessonID: "cai-dat", step: 2, learners: 1),
        ])
        #expect(tallies.retries == [.init(lessonID: "cai-dat", step: 0, learners: 1)])
    }

    @Test("the audience and unit filters keep only their learners")
    func filters() throws {
        // Given the scenario, and the official's events
        let database = try scenario()
        _ = try database.recordProgress(
            [event("b1", .opened, at: 0), event("b2", .step, step: 1, at: 20)], learnerID: try officialID(database),
            now: start)

        // When it is counted for citizens, for the official's unit, and for no unit at all
        let citizens = try database.funnelTallies(courseID: "vneid-co-ban", filter: FunnelFilter(kind: .citizen))
        let unit = try database.funnelTallies(courseID: "vneid-co-ban", filter: FunnelFilter(unitCodes: ["XA-02"]))
        let none = try database.funnelTallies(courseID: "vneid-co-ban", filter: FunnelFilter(unitCodes: []))

        // Then each keeps its own learners
        #expect(citizens.reach.map(\.furthestStep) == [3])
        #expect(unit.reach.map(\.furthestStep) == [1])
        #expect(unit.help.isEmpty && unit.retries.isEmpty)
        #expect(none == FunnelTallies())
    }
}

private func officialID(_ database: AppDatabase) throws -> String {
    try #require(try database.credentials(username: "lan")).learner.id
}
