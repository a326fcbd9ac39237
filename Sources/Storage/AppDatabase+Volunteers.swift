import CourseEngine
import Foundation
import GRDB

/// A session as the server sees it on each request: whose it is, until when, and whether a volunteer is beside them.
public struct SignedInSession: Sendable, Equatable {
    public var learner: Learner
    public var expiresAt: Date
    /// The volunteer who started this session for the learner on their own device, if it is an assisted one.
    public var assistedBy: Learner?
    /// The learner's text size and contrast, if they chose them: read with the session, so pages need no other query.
    public var display: DisplayPreferences?
}

/// A citizen a volunteer registered or helped, with where they stand.
public struct HelpedCitizen: Sendable, Equatable {
    public var learner: Learner
    /// When this volunteer registered them; nil when another volunteer (or the citizen) did.
    public var registeredAt: Date?
    public var lessonsCompleted: Int
    /// Lessons whose first completion was recorded with a volunteer beside the citizen.
    public var lessonsCompletedWithHelp: Int
    public var lastActivityAt: Date?

    public init(
        learner: Learner, registeredAt: Date?, lessonsCompleted: Int, lessonsCompletedWithHelp: Int,
        lastActivityAt: Date?
    ) {
        self.learner = learner
        self.registeredAt = registeredAt
        self.lessonsCompleted = lessonsCompleted
        self.lessonsCompletedWithHelp = lessonsCompletedWithHelp
        self.lastActivityAt = lastActivityAt
    }

    public var lessonsCompletedAlone: Int { lessonsCompleted - lessonsCompletedWithHelp }
}

/// How much of one lesson a learner did with a volunteer.
public struct LessonAssistance: Sendable, Equatable {
    public var courseID: String
    public var lessonID: String
    /// Events of the lesson recorded in assisted sessions.
    public var assistedEvents: Int
    /// The name of the volunteer beside the learner when the lesson was first completed, if one was.
    public var completedWithHelpFrom: String?

    public init(courseID: String, lessonID: String, assistedEvents: Int, completedWithHelpFrom: String?) {
        self.courseID = courseID
        self.lessonID = lessonID
        self.assistedEvents = assistedEvents
        self.completedWithHelpFrom = completedWithHelpFrom
    }

    public var completedWithHelp: Bool { completedWithHelpFrom != nil }
}

/// Completions by the learners of one unit on one course, and how many of them were assisted.
public struct AssistedCompletionCount: Sendable, Equatable {
    public var unitCode: String
    public var courseID: String
    public var lessonCompletions: Int
    public var assistedLessonCompletions: Int
    public var courseCompletions: Int
    public var assistedCourseCompletions: Int

    public init(
        unitCode: String, courseID: String, lessonCompletions: Int = 0, assistedLessonCompletions: Int = 0,
        courseCompletions: Int = 0, assistedCourseCompletions: Int = 0
    ) {
        self.unitCode = unitCode
        self.courseID = courseID
        self.lessonCompletions = lessonCompletions
        self.assistedLessonCompletions = assistedLessonCompletions
        self.courseCompletions = courseCompletions
        self.assistedCourseCompletions = assistedCourseCompletions
    }
}

extension AppDatabase {
    // MARK: Assisted sessions

    /// The session signed in with this token, if it exists and has not expired, with the volunteer of an assisted one.
    public func signedInSession(tokenHash: String, now: Date) throws -> SignedInSession? {
        try writer.read { db in
            // Read on every signed-in request: one cached statement for the session, its learner and their display
            // preferences.
            let statement = try db.cachedStatement(sql: """
                SELECT learner.*, session.expiresAt AS sessionExpiresAt, session.assistedBy AS sessionAssistedBy
                FROM session JOIN learner ON learner.rowid = session.learnerId
                WHERE session.tokenHash = ?
                """)
            guard let row = try Row.fetchOne(statement, arguments: [tokenHash]) else { return nil }
            let expiresAt: Date = row["sessionExpiresAt"]
            guard expiresAt > now else { return nil }
            let learner = try LearnerRecord(row: row)
            let volunteer = try (row["sessionAssistedBy"] as Int64?).flatMap { try LearnerRecord.fetchOne(db, key: $0) }
            let display = (row["preferences"] as String?).flatMap(DisplayPreferences.init(token:))
            return SignedInSession(learner: learner.learner, expiresAt: expiresAt, assistedBy: volunteer?.learner, display: display)
        }
    }

    /// Records a session in which `volunteerID` helps `learnerID` on the volunteer's device.
    public func startAssistedSession(
        learnerID: String, volunteerID: String, tokenHash: String, now: Date, expiresAt: Date
    ) throws {
        try writer.write { db in
            try SessionRecord(
                tokenHash: tokenHash, learnerId: try Self.rowid(of: learnerID, db), createdAt: now,
                expiresAt: expiresAt,
                assistedBy: try Self.rowid(of: volunteerID, db)
            ).insert(db)
        }
    }

    // MARK: Volunteers and the citizens they help

    /// Remembers which volunteer registered a citizen.
    static func recordRegistration(citizen: Int64, volunteer: Int64, now: Date, _ db: Database) throws {
        try db.execute(sql: "UPDATE learner SET registeredBy = ? WHERE rowid = ?", arguments: [volunteer, citizen])
    }

    /// Citizens linked to a volunteer: those they registered, those they have an assisted session with, and those
    /// with progress recorded beside them. With the time of registration by this volunteer, if it was.
    private static func linkedCitizens(volunteer: Int64, _ db: Database) throws -> [Int64: Date?] {
        var linked: [Int64: Date?] = [:]
        let registered = try Row.fetchCursor(
            db, sql: "SELECT rowid, createdAt FROM learner WHERE registeredBy = ? AND kind = 'citizen'", arguments: [volunteer])
        while let row = try registered.next() { linked[row[0]] = .some(row[1]) }
        let sessions = try Int64.fetchAll(
            db,
            sql: """
                SELECT DISTINCT s.learnerId FROM session s JOIN learner l ON l.rowid = s.learnerId
                WHERE s.assistedBy = ? AND l.kind = 'citizen'
                """,
            arguments: [volunteer])
        for rowid in sessions where linked[rowid] == nil { linked[rowid] = .some(nil) }
        let helped = try Int64.fetchAll(
            db,
            sql: """
                SELECT DISTINCT e.learnerId FROM progressEvent e JOIN learner l ON l.rowid = e.learnerId
                WHERE e.assistedBy = ? AND l.kind = 'citizen'
                """,
            arguments: [volunteer])
        for rowid in helped where linked[rowid] == nil { linked[rowid] = .some(nil) }
        return linked
    }

    /// True when the volunteer registered this citizen or has helped them before.
    public func isLinked(volunteerID: String, citizenID: String) throws -> Bool {
        try writer.read { db in
            let volunteer = try Self.rowid(of: volunteerID, db)
            let citizen = try Self.rowid(of: citizenID, db)
            let viaSession = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM learner WHERE rowid = ? AND registeredBy = ?)
                        OR EXISTS (SELECT 1 FROM session WHERE learnerId = ? AND assistedBy = ?)
                    """,
                arguments: [citizen, volunteer, citizen, volunteer])
            let viaEvents = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM progressEvent WHERE learnerId = ? AND assistedBy = ?)",
                arguments: [citizen, volunteer])
            return viaSession == true || viaEvents == true
        }
    }

    /// The citizens a volunteer registered or helped, most recently active (or registered) first.
    public func helpedCitizens(volunteerID: String) throws -> [HelpedCitizen] {
        try writer.read { db in
            let volunteer = try Self.rowid(of: volunteerID, db)
            let linked = try Self.linkedCitizens(volunteer: volunteer, db)
            guard !linked.isEmpty else { return [] }
            let rowids = Array(linked.keys)
            let records = try LearnerRecord.filter(rowids.contains(LearnerRecord.Columns.rowid)).fetchAll(db)
            var counts: [Int64: (completed: Int, helped: Int, last: Date?)] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT learnerId, SUM(status = 'completed'), SUM(status = 'completed' AND completedAssistedBy IS NOT NULL),
                        MAX(lastActivityAt)
                    FROM lessonProgress WHERE learnerId IN (\(databaseQuestionMarks(count: rowids.count))) GROUP BY learnerId
                    """,
                arguments: StatementArguments(rowids))
            while let row = try rows.next() { counts[row[0]] = (row[1], row[2], row[3]) }
            return records.map { record in
                let count = counts[record.rowid!]
                return HelpedCitizen(
                    learner: record.learner, registeredAt: linked[record.rowid!] ?? nil,
                    lessonsCompleted: count?.completed ?? 0,
                    lessonsCompletedWithHelp: count?.helped ?? 0, lastActivityAt: count?.last)
            }.sorted { a, b in
                let (first, second) = (
                    a.lastActivityAt ?? a.registeredAt ?? .distantPast,
                    b.lastActivityAt ?? b.registeredAt ?? .distantPast
                )
                if first != second { return first > second }
                return a.learner.displayName < b.learner.displayName
            }
        }
    }

    /// Per lesson of a learner, what was done with a volunteer; lessons never assisted nor completed with help are
    /// left out.
    public func assistance(learnerID: String) throws -> [LessonAssistance] {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT p.courseId, p.lessonId, p.assistedEvents, v.displayName
                    FROM lessonProgress p LEFT JOIN learner v ON v.rowid = p.completedAssistedBy
                    WHERE p.learnerId = ? AND (p.assistedEvents > 0 OR p.completedAssistedBy IS NOT NULL)
                    """,
                arguments: [rowid]
            ).map { row in
                LessonAssistance(
                    courseID: row[0], lessonID: row[1], assistedEvents: row[2], completedWithHelpFrom: row[3])
            }
        }
    }

    /// Lesson and course completions by the learners (officials and citizens) recorded in these units, per unit and
    /// course, with how many were made with a volunteer beside the learner.
    public func assistedCompletions(unitCodes: Set<String>) throws -> [AssistedCompletionCount] {
        let codes = Array(unitCodes)
        guard !codes.isEmpty else { return [] }
        return try writer.read { db in
            var counts: [String: AssistedCompletionCount] = [:]
            let marks = databaseQuestionMarks(count: codes.count)
            let lessons = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.unitCode, p.courseId, COUNT(*), COUNT(p.completedAssistedBy)
                    FROM learner l JOIN lessonProgress p ON p.learnerId = l.rowid
                    WHERE l.unitCode IN (\(marks)) AND p.status = 'completed' GROUP BY l.unitCode, p.courseId
                    """,
                arguments: StatementArguments(codes))
            while let row = try lessons.next() {
                let key = "\(row[0] as String)\u{0}\(row[1] as String)"
                counts[key, default: AssistedCompletionCount(unitCode: row[0], courseID: row[1])].lessonCompletions =
                    row[2]
                counts[key]!.assistedLessonCompletions = row[3]
            }
            let courses = try Row.fetchCursor(
                db,
                sql: """
                    SELECT l.unitCode, c.courseId, COUNT(*), COUNT(c.assistedBy)
                    FROM learner l JOIN courseCompletion c ON c.learnerId = l.rowid
                    WHERE l.unitCode IN (\(marks)) GROUP BY l.unitCode, c.courseId
                    """,
                arguments: StatementArguments(codes))
            while let row = try courses.next() {
                let key = "\(row[0] as String)\u{0}\(row[1] as String)"
                counts[key, default: AssistedCompletionCount(unitCode: row[0], courseID: row[1])].courseCompletions =
                    row[2]
                counts[key]!.assistedCourseCompletions = row[3]
            }
            return counts.values.sorted { ($0.unitCode, $0.courseID) < ($1.unitCode, $1.courseID) }
        }
    }
}
