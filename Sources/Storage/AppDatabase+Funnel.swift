import CourseEngine
import Foundation
import GRDB

extension AppDatabase {
    /// A gap between two events of a lesson longer than this is a learner who went away, not time on a step.
    public static let funnelGapLimit = 30 * 60

    /// Counts for "where learners get stuck" in one course, grouped in SQL, in one read: lesson summaries by furthest
    /// step and completion; time per step (the gaps between a learner's consecutive events of a lesson, each at most
    /// `gapLimit` seconds, `help` events aside) and per lesson (the time a client reported, or else those gaps);
    /// distinct learners who asked for help and who answered "Cần làm lại".
    public func funnelTallies(courseID: String, filter: FunnelFilter, gapLimit: Int = funnelGapLimit) throws
        -> FunnelTallies
    {
        guard let (learners, learnerArguments) = Self.learnerCondition(filter) else { return FunnelTallies() }
        return try writer.read { db in
            var tallies = FunnelTallies()
            let course: StatementArguments = [courseID]
            let reach = try Row.fetchCursor(
                db,
                sql: """
                    SELECT p.lessonId, p.furthestStep, p.status = 'completed', COUNT(*)
                    FROM lessonProgress p JOIN learner l ON l.rowid = p.learnerId
                    WHERE p.courseId = ? \(learners)
                    GROUP BY p.lessonId, p.furthestStep, p.status
                    """,
                arguments: course + learnerArguments)
            while let row = try reach.next() {
                tallies.reach.append(.init(lessonID: row[0], furthestStep: row[1], completed: row[2], learners: row[3]))
            }
            // Each event's gap to the learner's next event of the same lesson; the last one has none.
            let durations = try Row.fetchCursor(
                db,
                sql: """
                    WITH timeline AS (
                        SELECT e.learnerId, e.lessonId, e.type, e.step,
                            (julianday(LEAD(e.occurredAt) OVER (
                                PARTITION BY e.learnerId, e.lessonId ORDER BY e.occurredAt))
                             - julianday(e.occurredAt)) * 86400.0 AS gap
                        FROM progressEvent e JOIN learner l ON l.rowid = e.learnerId
                        WHERE e.courseId = ? AND e.type != 'help' \(learners)
                    ),
                    measured AS (SELECT * FROM timeline WHERE gap IS NOT NULL AND gap <= ?),
                    perStep AS (
                        SELECT lessonId, step, CAST(ROUND(SUM(gap)) AS INTEGER) AS seconds
                        FROM measured WHERE type = 'step' AND step IS NOT NULL GROUP BY lessonId, step, learnerId
                    ),
                    gaps AS (SELECT learnerId, lessonId, SUM(gap) AS seconds FROM measured GROUP BY learnerId, lessonId),
                    perLesson AS (
                        SELECT p.lessonId,
                            CASE WHEN p.secondsSpent > 0 THEN p.secondsSpent
                                ELSE CAST(ROUND(g.seconds) AS INTEGER) END AS seconds
                        FROM lessonProgress p JOIN learner l ON l.rowid = p.learnerId
                        LEFT JOIN gaps g ON g.learnerId = p.learnerId AND g.lessonId = p.lessonId
                        WHERE p.courseId = ? \(learners)
                    )
                    SELECT lessonId, step, seconds, COUNT(*) FROM perStep GROUP BY lessonId, step, seconds
                    UNION ALL
                    SELECT lessonId, 0, seconds, COUNT(*) FROM perLesson WHERE seconds IS NOT NULL
                    GROUP BY lessonId, seconds
                    """,
                arguments: course + learnerArguments + [gapLimit] + course + learnerArguments)
            while let row = try durations.next() {
                tallies.durations.append(.init(lessonID: row[0], step: row[1], seconds: row[2], learners: row[3]))
            }
            tallies.help = try Self.distinctLearners(
                db, courseID: courseID, condition: "e.type = 'help'", learners: learners,
                arguments: learnerArguments, perStep: true)
            tallies.retries = try Self.distinctLearners(
                db, courseID: courseID, condition: "e.type = 'answered' AND e.answer = 'retry'", learners: learners,
                arguments: learnerArguments, perStep: false)
            return tallies
        }
    }

    /// Hands every submitted attempt at these quizzes by the learners of `filter` to `body`, one at a time (in no
    /// particular order, so nothing is sorted), so no caller ever holds them all.
    public func forEachSubmittedAttempt(
        quizIDs: [String], filter: FunnelFilter,
        _ body: (_ quizID: String, _ paper: AttemptPaper, _ responses: [String: QuestionResponse], _ result: Grader.Result?)
            throws -> Void
    ) throws {
        guard !quizIDs.isEmpty, let (learners, learnerArguments) = Self.learnerCondition(filter) else { return }
        try writer.read { db in
            let attempts = try AttemptRecord.fetchCursor(
                db,
                sql: """
                    SELECT a.* FROM attempt a JOIN learner l ON l.rowid = a.learnerId
                    WHERE a.quizId IN (\(databaseQuestionMarks(count: quizIDs.count))) AND a.status != 'in_progress'
                    \(learners)
                    """,
                arguments: StatementArguments(quizIDs) + learnerArguments)
            while let attempt = try attempts.next() {
                try body(attempt.quizId, attempt.paper, attempt.responses, attempt.result)
            }
        }
    }

    /// Distinct learners with events matching `condition`, per lesson and step and per lesson (step 0), or per
    /// lesson only.
    private static func distinctLearners(
        _ db: Database, courseID: String, condition: String, learners: String, arguments: StatementArguments,
        perStep: Bool
    ) throws -> [FunnelTallies.Learners] {
        let from = """
            FROM progressEvent e JOIN learner l ON l.rowid = e.learnerId
            WHERE e.courseId = ? AND \(condition) \(learners)
            """
        var sql = "SELECT e.lessonId, 0, COUNT(DISTINCT e.learnerId) \(from) GROUP BY e.lessonId"
        var all: StatementArguments = [courseID]
        all += arguments
        if perStep {
            sql += " UNION ALL SELECT e.lessonId, e.step, COUNT(DISTINCT e.learnerId) \(from) AND e.step IS NOT NULL"
                + " GROUP BY e.lessonId, e.step"
            all += [courseID]
            all += arguments
        }
        return try Row.fetchAll(db, sql: sql, arguments: all).map {
            FunnelTallies.Learners(lessonID: $0[0], step: $0[1], learners: $0[2])
        }
    }

    /// The SQL condition on `learner l` for a filter, with its arguments; nil when no learner can match.
    private static func learnerCondition(_ filter: FunnelFilter) -> (String, StatementArguments)? {
        var sql = ""
        var arguments = StatementArguments()
        if let kind = filter.kind {
            sql += " AND l.kind = ?"
            arguments += [kind.rawValue]
        }
        if let codes = filter.unitCodes {
            guard !codes.isEmpty else { return nil }
            sql += " AND l.unitCode IN (\(databaseQuestionMarks(count: codes.count)))"
            arguments += StatementArguments(codes.sorted())
        }
        return (sql, arguments)
    }
}
