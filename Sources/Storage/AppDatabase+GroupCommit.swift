import CourseEngine
import Dispatch
import Foundation
import GRDB
import Synchronization

extension AppDatabase {
    /// Stores a batch as `recordProgress` does, sharing one write transaction (and so one sync to disk) with the
    /// other requests waiting at the same time; returns only after that transaction committed. A request that fails
    /// (an unknown learner, say) is undone alone and gets its error; the others in the transaction are kept.
    public func recordProgressGrouped(
        _ events: [(event: ProgressEvent, version: LessonVersion)], learnerID: String, assistedBy: String? = nil, now: Date
    ) async throws -> ProgressReceipt {
        try await progressCommits.submit(
            .init(events: events, learnerID: learnerID, assistedBy: assistedBy, now: now), to: writer)
    }
}

/// Classic group commit for progress: the first request starts a transaction at once; requests arriving while it
/// runs wait together and form the next one, up to a bound. No timer: an idle server commits each request alone.
final class ProgressCommitter: Sendable {
    struct Request: Sendable {
        var events: [(event: ProgressEvent, version: AppDatabase.LessonVersion)]
        var learnerID: String
        var assistedBy: String?
        var now: Date
    }

    private struct Waiting: Sendable {
        var request: Request
        var continuation: CheckedContinuation<AppDatabase.ProgressReceipt, any Error>
    }

    private struct State: Sendable {
        var waiting: [Waiting] = []
        var committing = false
    }

    /// The most requests, and events, one transaction takes; a single larger request still goes alone.
    let maximumRequests: Int
    let maximumEvents: Int
    private let state = Mutex(State())
    // The commits run here, not on the concurrency pool, so that waiting requests never hold a pool thread.
    private let queue = DispatchQueue(label: "binhdan.progress-commits")

    init(maximumRequests: Int = 256, maximumEvents: Int = 5_000) {
        self.maximumRequests = maximumRequests
        self.maximumEvents = maximumEvents
    }

    func submit(_ request: Request, to writer: any DatabaseWriter) async throws -> AppDatabase.ProgressReceipt {
        try await withCheckedThrowingContinuation { continuation in
            let leads = state.withLock { state in
                state.waiting.append(Waiting(request: request, continuation: continuation))
                guard !state.committing else { return false }
                state.committing = true
                return true
            }
            if leads { queue.async { self.drain(writer) } }
        }
    }

    /// Requests waiting for the next transaction, and whether one is being committed: for tests.
    var waiting: (requests: Int, committing: Bool) {
        state.withLock { ($0.waiting.count, $0.committing) }
    }

    private func drain(_ writer: any DatabaseWriter) {
        while let batch = nextBatch() {
            commit(batch, writer)
        }
    }

    /// The oldest waiting requests that fit in one transaction; nil (and no longer committing) when none wait.
    private func nextBatch() -> [Waiting]? {
        state.withLock { state in
            guard !state.waiting.isEmpty else {
                state.committing = false
                return nil
            }
            var count = 0
            var events = 0
            while count < state.waiting.count, count < maximumRequests {
                let size = state.waiting[count].request.events.count
                if count > 0, events + size > maximumEvents { break }
                events += size
                count += 1
            }
            let batch = Array(state.waiting.prefix(count))
            state.waiting.removeFirst(count)
            return batch
        }
    }

    private func commit(_ batch: [Waiting], _ writer: any DatabaseWriter) {
        let results: [Result<AppDatabase.ProgressReceipt, any Error>]
        do {
            results = try writer.write { db in
                try batch.map { item in
                    // A savepoint per request: its failure undoes only its own writes, and the transaction goes on.
                    do {
                        var receipt = AppDatabase.ProgressReceipt(accepted: 0, duplicates: 0)
                        try db.inSavepoint {
                            let request = item.request
                            receipt = try AppDatabase.storeProgress(
                                request.events, learnerID: request.learnerID, assistedBy: request.assistedBy,
                                now: request.now, db)
                            return .commit
                        }
                        return .success(receipt)
                    } catch let error as DatabaseError where !db.isInsideTransaction {
                        // SQLite gave up the whole transaction (disk full, I/O error): fail everyone in it.
                        throw error
                    } catch {
                        return .failure(error)
                    }
                }
            }
        } catch {
            results = batch.map { _ in .failure(error) }
        }
        for (item, result) in zip(batch, results) {
            item.continuation.resume(with: result)
        }
    }
}
