import CourseEngine
import Foundation
import GRDB

/// A row of `attempt`. The paper, answers and grade are JSON; the totals are columns for reports.
struct AttemptRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attempt"
    var id: String
    var learnerId: Int64
    var quizId: String
    var quizContentHash: String
    var status: String
    var paper: AttemptPaper
    var responses: [String: QuestionResponse]
    var result: Grader.Result?
    var score: Double?
    var maximum: Double?
    var percent: Double?
    var passed: Bool?
    var startedAt: Date
    var submittedAt: Date?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let learnerId = Column(CodingKeys.learnerId)
        static let quizId = Column(CodingKeys.quizId)
        static let status = Column(CodingKeys.status)
        static let startedAt = Column(CodingKeys.startedAt)
    }

    init(_ attempt: Attempt, learnerRowID: Int64) {
        id = attempt.id
        learnerId = learnerRowID
        quizId = attempt.quizID
        quizContentHash = attempt.quizContentHash
        status = attempt.status.rawValue
        paper = attempt.paper
        responses = attempt.responses
        result = attempt.result
        score = attempt.result?.score
        maximum = attempt.result?.maximum
        percent = attempt.result?.percent
        passed = attempt.result?.passed
        startedAt = attempt.startedAt
        submittedAt = attempt.submittedAt
    }

    func attempt(learnerID: String) -> Attempt {
        Attempt(
            id: id, learnerID: learnerID, quizID: quizId, quizContentHash: quizContentHash,
            status: Attempt.Status(rawValue: status) ?? .inProgress, paper: paper, responses: responses, result: result,
            startedAt: startedAt, submittedAt: submittedAt)
    }
}

extension AppDatabase {
    /// Starts an attempt unless the learner has used up `maxAttempts` for this quiz.
    public func startAttempt(learnerID: String, quiz: Quiz, paper: AttemptPaper, now: Date) throws -> Attempt {
        try writer.write { db in
            let rowid = try Self.rowid(of: learnerID, db)
            let used = try AttemptRecord.filter(AttemptRecord.Columns.learnerId == rowid && AttemptRecord.Columns.quizId == quiz.id)
                .fetchCount(db)
            if let limit = quiz.settings.maxAttempts, used >= limit { throw StorageError.attemptLimitReached(limit) }
            let attempt = Attempt(
                id: Self.newPublicID(), learnerID: learnerID, quizID: quiz.id, quizContentHash: quiz.contentHash,
                status: .inProgress, paper: paper, responses: [:], result: nil, startedAt: now, submittedAt: nil)
            try AttemptRecord(attempt, learnerRowID: rowid).insert(db)
            return attempt
        }
    }

    /// The attempt with this id, whoever it belongs to; callers check ownership.
    public func attempt(id: String) throws -> Attempt? {
        try writer.read { db in try Self.fetchAttempt(id: id, db) }
    }

    /// The learner's unfinished attempt at a quiz, if any, to resume it.
    public func attemptInProgress(learnerID: String, quizID: String) throws -> Attempt? {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try AttemptRecord
                .filter(AttemptRecord.Columns.learnerId == rowid && AttemptRecord.Columns.quizId == quizID
                    && AttemptRecord.Columns.status == Attempt.Status.inProgress.rawValue)
                .order(AttemptRecord.Columns.startedAt.desc).fetchOne(db)?.attempt(learnerID: learnerID)
        }
    }

    /// Every attempt of a learner, newest first.
    public func attempts(learnerID: String) throws -> [Attempt] {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try AttemptRecord.filter(AttemptRecord.Columns.learnerId == rowid)
                .order(AttemptRecord.Columns.startedAt.desc).fetchAll(db).map { $0.attempt(learnerID: learnerID) }
        }
    }

    /// The number of attempts a learner has started at a quiz.
    public func attemptCount(learnerID: String, quizID: String) throws -> Int {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try AttemptRecord.filter(AttemptRecord.Columns.learnerId == rowid && AttemptRecord.Columns.quizId == quizID)
                .fetchCount(db)
        }
    }

    /// Saves answers of an unfinished attempt (one question per page) without grading.
    public func saveResponses(attemptID: String, learnerID: String, responses: [String: QuestionResponse]) throws -> Attempt {
        try updateAttempt(attemptID: attemptID, learnerID: learnerID) { attempt in
            guard attempt.status == .inProgress else { throw StorageError.attemptAlreadySubmitted }
            attempt.responses.merge(responses) { _, new in new }
        }
    }

    /// Grades and closes an attempt in one transaction with its answers; a second submission is refused.
    public func submitAttempt(
        attemptID: String, learnerID: String, responses: [String: QuestionResponse], passPercent: Int, now: Date
    ) throws -> Attempt {
        try updateAttempt(attemptID: attemptID, learnerID: learnerID) { attempt in
            guard attempt.status == .inProgress else { throw StorageError.attemptAlreadySubmitted }
            attempt = attempt.submitted(with: responses, passPercent: passPercent, at: now)
        }
    }

    /// Records a trainer's grade for an essay question and totals the attempt again.
    public func reviewEssay(attemptID: String, questionID: String, credit: Double, feedback: String?, passPercent: Int) throws -> Attempt {
        try writer.write { db in
            guard let record = try AttemptRecord.fetchOne(db, key: attemptID),
                let learner = try LearnerRecord.fetchOne(db, key: record.learnerId)
            else { throw StorageError.attemptNotFound(attemptID) }
            let attempt = record.attempt(learnerID: learner.publicId)
            guard attempt.status != .inProgress else { throw StorageError.attemptNotSubmitted }
            guard let reviewed = attempt.reviewed(questionID: questionID, credit: credit, feedback: feedback, passPercent: passPercent)
            else { throw StorageError.notAnEssay(questionID) }
            try AttemptRecord(reviewed, learnerRowID: record.learnerId).update(db)
            try CourseStates.refreshBest(learner: record.learnerId, quizID: record.quizId, db)
            return reviewed
        }
    }

    private func updateAttempt(attemptID: String, learnerID: String, change: (inout Attempt) throws -> Void) throws -> Attempt {
        try writer.write { db in
            guard let record = try AttemptRecord.fetchOne(db, key: attemptID) else { throw StorageError.attemptNotFound(attemptID) }
            let rowid = try Self.rowid(of: learnerID, db)
            guard record.learnerId == rowid else { throw StorageError.notYourAttempt }
            var attempt = record.attempt(learnerID: learnerID)
            try change(&attempt)
            try AttemptRecord(attempt, learnerRowID: rowid).update(db)
            if attempt.status != .inProgress { try CourseStates.refreshBest(learner: rowid, quizID: record.quizId, db) }
            return attempt
        }
    }

    private static func fetchAttempt(id: String, _ db: Database) throws -> Attempt? {
        guard let record = try AttemptRecord.fetchOne(db, key: id),
            let learner = try LearnerRecord.fetchOne(db, key: record.learnerId)
        else { return nil }
        return record.attempt(learnerID: learner.publicId)
    }
}
