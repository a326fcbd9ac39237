import CourseEngine
import Dispatch
import Foundation
import Testing

@testable import Storage

private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func event(_ id: String, lesson: String = "cai-dat", step: Int = 1) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (ProgressEvent(id: id, courseID: "vneid-co-ban", lessonID: lesson, type: .step, step: step, occurredAt: now, secondsSpent: 5),
     AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1))
}

private func citizen(_ name: String, _ database: AppDatabase) throws -> String {
    try database.registerCitizen(name: name, phone: nil, resumeCodeHash: "code-\(name)", now: now).id
}

/// Holds the database's writer while `body` queues requests, so that they wait together for the next transaction;
/// a first request (`opener`) is taken at once and blocks on the held writer, as it would behind a slow commit.
private func withHeldWriter<T: Sendable>(
    _ database: AppDatabase, opener learnerID: String, queued: Int,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let held = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        database.writer.writeWithoutTransaction { _ in
            held.signal()
            release.wait()
        }
    }
    held.wait()
    let opener = Task { try await database.recordProgressGrouped([event("opener-0001")], learnerID: learnerID, now: now) }
    while database.progressCommits.waiting.requests > 0 || !database.progressCommits.waiting.committing { try await Task.sleep(for: .milliseconds(1)) }
    let work = Task { try await body() }
    while database.progressCommits.waiting.requests < queued { try await Task.sleep(for: .milliseconds(1)) }
    release.signal()
    _ = try await opener.value
    return try await work.value
}

@Suite("Group commit of progress")
struct GroupCommitTests {
    @Test("concurrent requests from many learners are all stored, each with its own receipt")
    func manyLearners() async throws {
        // Given 20 learners
        let database = try AppDatabase.inMemory()
        let learners = try (0..<20).map { try citizen("hoc-vien-\($0)", database) }

        // When each sends five batches of 10 events at the same time, the last one repeating an earlier event
        let receipts = try await withThrowingTaskGroup(of: AppDatabase.ProgressReceipt.self) { group in
            for (index, learner) in learners.enumerated() {
                for batch in 0..<5 {
                    group.addTask {
                        let ids = (0..<10).map { String(format: "%04x-%04x-%04x", index, batch, $0) }
                        let repeated = batch == 4 ? [event(String(format: "%04x-%04x-%04x", index, 0, 0))] : []
                        return try await database.recordProgressGrouped(
                            ids.map { event($0) } + repeated, learnerID: learner, now: now)
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        // Then every event is stored once, and the receipts add up
        let accepted = receipts.map(\.accepted).reduce(0, +)
        #expect(accepted == 1_000)
        for learner in learners {
            #expect(try database.progressEventCount(learnerID: learner) == 50)
            #expect(try database.progress(learnerID: learner).first?.lessonID == "cai-dat")
        }
        // (whichever of an event's two sendings is stored first counts as accepted, the other as the duplicate)
        let duplicates = receipts.map(\.duplicates).reduce(0, +)
        #expect(duplicates == 20)
    }

    @Test("the same event in two requests of one transaction is accepted once and a duplicate once")
    func duplicatesAcrossRequests() async throws {
        // Given a learner whose app sends the same batch twice, both waiting for the same transaction
        let database = try AppDatabase.inMemory()
        let lan = try citizen("lan", database)
        let receipts = try await withHeldWriter(database, opener: lan, queued: 2) {
            async let first = database.recordProgressGrouped([event("same-0001"), event("only-0001")], learnerID: lan, now: now)
            async let second = database.recordProgressGrouped([event("same-0001")], learnerID: lan, now: now)
            return try await [first, second]
        }

        // Then the event is stored once: one request has it accepted, the other as a duplicate
        #expect(receipts[0].accepted + receipts[1].accepted == 2)
        #expect(receipts[0].duplicates + receipts[1].duplicates == 1)
        #expect(try database.progressEventCount(learnerID: lan) == 3)
    }

    @Test("a failing request does not lose the events of the others in its transaction")
    func failureIsIsolated() async throws {
        // Given a request for a learner who does not exist, waiting for a transaction with a valid one
        let database = try AppDatabase.inMemory()
        let lan = try citizen("lan", database)
        let results = try await withHeldWriter(database, opener: lan, queued: 2) {
            async let bad: Bool = {
                do {
                    _ = try await database.recordProgressGrouped([event("bad-00001")], learnerID: "khong-co", now: now)
                    return false
                } catch StorageError.learnerNotFound {
                    return true
                }
            }()
            async let good = database.recordProgressGrouped([event("good-0001"), event("good-0002")], learnerID: lan, now: now)
            return (try await bad, try await good)
        }

        // Then the failing request gets its error, and the valid one is stored
        #expect(results.0)
        #expect(results.1 == AppDatabase.ProgressReceipt(accepted: 2, duplicates: 0))
        #expect(try database.progressEventCount(learnerID: lan) == 3)
    }

    @Test("an idle writer commits a lone request at once")
    func loneRequest() async throws {
        // Given no other request
        let database = try AppDatabase.inMemory()
        let lan = try citizen("lan", database)

        // When one arrives, then it is stored and the committer is idle again
        let receipt = try await database.recordProgressGrouped([event("lone-0001")], learnerID: lan, now: now)
        #expect(receipt == AppDatabase.ProgressReceipt(accepted: 1, duplicates: 0))
        let waiting = database.progressCommits.waiting
        #expect(waiting.requests == 0)
        #expect(!waiting.committing)
    }
}
