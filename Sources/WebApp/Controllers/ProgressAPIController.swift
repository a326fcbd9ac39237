import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Progress through the API: idempotent batches of events in, per-lesson summaries out.
struct ProgressAPIController: Sendable {
    typealias Context = AppRequestContext
    let recorder: ProgressRecorder
    let content: ContentStore
    let database: AppDatabase

    struct EventBody: Decodable {
        var id: String
        var courseId: String
        var lessonId: String
        var type: String
        var step: Int?
        var at: Date
        var secondsSpent: Int?
        /// For `answered` events: `managed` or `retry`.
        var answer: String?
    }

    struct Batch: Decodable {
        var events: [EventBody]
    }

    func addRoutes(to router: Router<Context>) {
        router.post(RouterPath(SitePath.apiProgress.pattern), use: record)
        router.get(RouterPath(SitePath.apiMyProgress.pattern), use: myProgress)
        router.get(RouterPath(SitePath.apiLearnerProgress("").pattern), use: learnerProgress)
    }

    @Sendable func record(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let batch = try await request.decode(as: Batch.self, context: context)
        guard batch.events.count <= ProgressRecorder.maximumBatch else {
            throw RequestError.badParameter(name: "events", value: "\(batch.events.count)", reasonKey: "reason_batch_size")
        }
        var events: [ProgressEvent] = []
        var unknownTypes: [ProgressRecorder.Rejection] = []
        var typedIndexes: [Int] = []
        for (index, body) in batch.events.enumerated() {
            guard let type = ProgressEventType(rawValue: body.type) else {
                unknownTypes.append(.init(index: index, id: body.id, reason: "type must be opened, step, completed, answered or help"))
                continue
            }
            var answer: LastStepAnswer?
            if let raw = body.answer {
                guard let parsed = LastStepAnswer(rawValue: raw) else {
                    unknownTypes.append(.init(index: index, id: body.id, reason: "answer must be managed or retry"))
                    continue
                }
                answer = parsed
            }
            typedIndexes.append(index)
            events.append(ProgressEvent(
                id: body.id, courseID: body.courseId, lessonID: body.lessonId, type: type, step: body.step,
                occurredAt: body.at, secondsSpent: body.secondsSpent, answer: answer))
        }
        var outcome = try await recorder.record(events, for: identity.learner)
        // Indexes from the recorder count only the events it was given; map them back to the batch.
        outcome.rejected = (outcome.rejected.map { .init(index: typedIndexes[$0.index], id: $0.id, reason: $0.reason) } + unknownTypes)
            .sorted { $0.index < $1.index }
        return try JSONResponse.make(outcome)
    }

    @Sendable func myProgress(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        return try summary(for: identity.learner.id)
    }

    @Sendable func learnerProgress(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let learnerID = try context.parameters.require("learnerId")
        guard learnerID == identity.learner.id || identity.learner.has(.admin) else { throw AccessError.forbidden }
        guard try database.learner(id: learnerID) != nil else { throw StorageError.learnerNotFound(learnerID) }
        return try summary(for: learnerID)
    }

    private func summary(for learnerID: String) throws -> Response {
        let summary = LearningSummary(
            progress: try database.progress(learnerID: learnerID), catalogue: content.current.catalogue,
            assistance: try database.assistance(learnerID: learnerID))
        return try JSONResponse.make(summary, cacheControl: "private, no-store")
    }
}
