import CourseEngine
import Foundation
import GRDB
import GRDBSQLite

struct UnitRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "unit"
    var code: String
    var name: String
    var kind: String
    var parentCode: String?
    var mergedInto: String?
    var updatedAt: Date

    var unit: AdministrativeUnit {
        AdministrativeUnit(code: code, name: name, kind: UnitKind(rawValue: kind) ?? .department, parentCode: parentCode, mergedInto: mergedInto)
    }
}

struct AssignmentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "assignment"
    var id: String
    var courseId: String
    var unitCode: String
    var includeSubunits: Bool
    var positions: [String]
    var dueDate: String
    var createdBy: Int64?
    var createdAt: Date
    var withdrawnAt: Date?

    var assignment: Assignment {
        Assignment(id: id, courseID: courseId, unitCode: unitCode, includeSubunits: includeSubunits, positions: positions, dueDate: dueDate, createdAt: createdAt)
    }
}

struct CourseCompletionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "courseCompletion"
    var learnerId: Int64
    var courseId: String
    var courseVersion: Int
    var completedAt: Date
    /// The volunteer beside the learner when they completed the course, if any.
    var assistedBy: Int64? = nil

    var completion: CourseCompletion { CourseCompletion(courseID: courseId, courseVersion: courseVersion, completedAt: completedAt) }
}

struct CertificateRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "certificate"
    var code: String
    var learnerId: Int64
    var courseId: String
    var courseVersion: Int
    var courseTitle: String
    var holderName: String
    var issuedAt: Date
    var revokedAt: Date?
    var revokedReason: String?

    func certificate(learnerID: String) -> Certificate {
        Certificate(
            code: code, learnerID: learnerID, courseID: courseId, courseVersion: courseVersion, courseTitle: courseTitle,
            holderName: holderName, issuedAt: issuedAt, revokedAt: revokedAt, revokedReason: revokedReason)
    }
}

/// A course a report asks about.
public struct ReportedCourse: Sendable {
    public var id: String
    public var finalQuiz: String?
    /// Completions of this version or later count; older ones only show that the official completed it before.
    public var countsFromVersion: Int

    public init(id: String, finalQuiz: String?, countsFromVersion: Int) {
        self.id = id
        self.finalQuiz = finalQuiz
        self.countsFromVersion = countsFromVersion
    }
}

/// An official's record on one course, as a report needs it. Plain values only: a report holds a million of them.
public struct CourseStanding: Sendable, Equatable {
    /// True once any lesson of the course has been opened.
    public var started = false
    /// The earliest completion of a version that counts.
    public var completedAt: Date?
    /// True when a version that no longer counts was completed.
    public var completedBefore = false
    /// The best percent of any attempt at the course's final quiz.
    public var bestPercent: Double?

    public init(started: Bool = false, completedAt: Date? = nil, completedBefore: Bool = false, bestPercent: Double? = nil) {
        self.started = started
        self.completedAt = completedAt
        self.completedBefore = completedBefore
        self.bestPercent = bestPercent
    }
}

/// One official as a report reads them, handed to the caller one at a time and valid only during the call: nothing
/// is allocated per official, so a province's hundred thousand cost a few megabytes at most.
public struct OfficialStanding {
    /// Identifies the official to `officialIdentities` and `officialStandings(handles:)`; meaningless outside this
    /// database.
    public let handle: Int64
    /// The unit the official is recorded in, and a small number that is the same for every official of that unit
    /// in one reading.
    public let unitCode: String
    public let unitIndex: Int
    /// The position, and a small number that is the same for every official in that position in one reading.
    public let position: String?
    public let positionIndex: Int?
    /// One per course asked about, in the same order.
    public let records: UnsafeBufferPointer<CourseStanding>
}

/// Who an official is, for the rows of a report that are shown.
public struct OfficialIdentity: Sendable {
    public var learnerID: String
    public var username: String?
    public var displayName: String
}

extension AppDatabase {
    // MARK: Units

    public func units() throws -> [AdministrativeUnit] {
        try writer.read { db in try UnitRecord.order(Column("code")).fetchAll(db).map(\.unit) }
    }

    /// Creates or updates units, all in one transaction.
    public func importUnits(_ units: [AdministrativeUnit], now: Date) throws -> (created: Int, updated: Int) {
        try writer.write { db in
            var created = 0
            var updated = 0
            for unit in units {
                if try UnitRecord.exists(db, key: unit.code) { updated += 1 } else { created += 1 }
                try UnitRecord(
                    code: unit.code, name: unit.name, kind: unit.kind.rawValue, parentCode: unit.parentCode,
                    mergedInto: unit.mergedInto, updatedAt: now
                ).save(db)
            }
            return (created, updated)
        }
    }

    // MARK: Assignments

    public func createAssignment(
        courseID: String, unitCode: String, includeSubunits: Bool, positions: [String], dueDate: String, createdBy: String, now: Date
    ) throws -> Assignment {
        try writer.write { db in
            let record = AssignmentRecord(
                id: Self.newPublicID(), courseId: courseID, unitCode: unitCode, includeSubunits: includeSubunits,
                positions: positions, dueDate: dueDate, createdBy: try Self.rowid(of: createdBy, db), createdAt: now, withdrawnAt: nil)
            try record.insert(db)
            return record.assignment
        }
    }

    /// Assignments not withdrawn, oldest first.
    public func activeAssignments() throws -> [Assignment] {
        try writer.read { db in
            try AssignmentRecord.filter(Column("withdrawnAt") == nil).order(Column("createdAt")).fetchAll(db).map(\.assignment)
        }
    }

    public func assignment(id: String) throws -> Assignment? {
        try writer.read { db in try AssignmentRecord.filter(Column("withdrawnAt") == nil).filter(key: id).fetchOne(db)?.assignment }
    }

    public func withdrawAssignment(id: String, now: Date) throws {
        try writer.write { db in
            guard var record = try AssignmentRecord.fetchOne(db, key: id), record.withdrawnAt == nil else {
                throw StorageError.assignmentNotFound(id)
            }
            record.withdrawnAt = now
            try record.update(db)
        }
    }

    // MARK: Completions and certificates

    public func completions(learnerID: String) throws -> [CourseCompletion] {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try CourseCompletionRecord.filter(Column("learnerId") == rowid).fetchAll(db).map(\.completion)
        }
    }

    /// True when the learner has passed the quiz in an attempt submitted after `after` (any time when nil).
    public func hasPassed(learnerID: String, quizID: String, after: Date?) throws -> Bool {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            var request = AttemptRecord.filter(AttemptRecord.Columns.learnerId == rowid && AttemptRecord.Columns.quizId == quizID && Column("passed") == true)
            if let after { request = request.filter(Column("submittedAt") > after) }
            return try request.fetchCount(db) > 0
        }
    }

    /// Records that the learner completed this version of the course and issues its certificate, in one
    /// transaction; nil when this version was already completed. `assistedBy` is the volunteer beside them, if any.
    public func recordCompletion(
        learnerID: String, courseID: String, courseVersion: Int, courseTitle: String, assistedBy: String? = nil, now: Date
    ) throws -> Certificate? {
        try writer.write { db in
            let rowid = try Self.rowid(of: learnerID, db)
            let key: [String: any DatabaseValueConvertible] = ["learnerId": rowid, "courseId": courseID, "courseVersion": courseVersion]
            guard try !CourseCompletionRecord.exists(db, key: key) else { return nil }
            guard let learner = try LearnerRecord.fetchOne(db, key: rowid) else { throw StorageError.learnerNotFound(learnerID) }
            try CourseCompletionRecord(
                learnerId: rowid, courseId: courseID, courseVersion: courseVersion, completedAt: now,
                assistedBy: try assistedBy.map { try Self.rowid(of: $0, db) }
            ).insert(db)
            try CourseStates.update(learner: rowid, db) {
                $0.courses[courseID, default: .init()].completions.append(CompletionMark(version: courseVersion, completedAt: now))
            }
            var generator = SystemRandomNumberGenerator()
            let record = CertificateRecord(
                code: Certificate.newCode(using: &generator), learnerId: rowid, courseId: courseID, courseVersion: courseVersion,
                courseTitle: courseTitle, holderName: learner.displayName, issuedAt: now, revokedAt: nil, revokedReason: nil)
            try record.insert(db)
            return record.certificate(learnerID: learnerID)
        }
    }

    public func certificates(learnerID: String) throws -> [Certificate] {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try CertificateRecord.filter(Column("learnerId") == rowid).order(Column("issuedAt").desc).fetchAll(db)
                .map { $0.certificate(learnerID: learnerID) }
        }
    }

    public func certificate(code: String) throws -> Certificate? {
        try writer.read { db in
            guard let record = try CertificateRecord.fetchOne(db, key: code),
                let learner = try LearnerRecord.fetchOne(db, key: record.learnerId)
            else { return nil }
            return record.certificate(learnerID: learner.publicId)
        }
    }

    public func revokeCertificate(code: String, reason: String, now: Date) throws -> Certificate {
        try writer.write { db in
            guard var record = try CertificateRecord.fetchOne(db, key: code),
                let learner = try LearnerRecord.fetchOne(db, key: record.learnerId)
            else { throw StorageError.certificateNotFound(code) }
            record.revokedAt = record.revokedAt ?? now
            record.revokedReason = reason
            try record.update(db)
            return record.certificate(learnerID: learner.publicId)
        }
    }

    // MARK: Reports

    /// Reads every official of these units, ordered by the unit they are recorded in and then by name, with their
    /// standing on each of `courses`, through one covering index, decoding in place: a report over a hundred
    /// thousand officials reads one narrow index entry each.
    public func forEachOfficialStanding(
        unitCodes: Set<String>, courses: [ReportedCourse], _ body: (OfficialStanding) throws -> Void
    ) throws {
        let codes = Array(unitCodes)
        guard !codes.isEmpty else { return }
        try writer.read { db in
            try Self.readStandings(
                db, courses: courses,
                sql: """
                    SELECT rowid, unitCode, position, courseStates FROM learner INDEXED BY learner_for_report
                    WHERE kind = 'official' AND unitCode IN (\(databaseQuestionMarks(count: codes.count)))
                    ORDER BY unitCode, displayName, rowid
                    """,
                arguments: StatementArguments(codes), body)
        }
    }

    /// The standing on `courses` of the officials behind these handles, for the rows of a report shown or exported.
    public func officialStandings(handles: [Int64], courses: [ReportedCourse]) throws -> [Int64: [CourseStanding]] {
        guard !handles.isEmpty else { return [:] }
        return try writer.read { db in
            var found: [Int64: [CourseStanding]] = [:]
            found.reserveCapacity(handles.count)
            for start in stride(from: 0, to: handles.count, by: 10_000) {
                let slice = Array(handles[start..<min(start + 10_000, handles.count)])
                try Self.readStandings(
                    db, courses: courses,
                    sql: "SELECT rowid, unitCode, position, courseStates FROM learner WHERE rowid IN (\(databaseQuestionMarks(count: slice.count)))",
                    arguments: StatementArguments(slice)
                ) { found[$0.handle] = Array($0.records) }
            }
            return found
        }
    }

    /// Steps a query of `rowid, unitCode, position, courseStates` with SQLite's own functions (GRDB's row API
    /// allocates for every column read, a hundred thousand times over here) and decodes each row's states into
    /// one reused buffer.
    private static func readStandings(
        _ db: Database, courses: [ReportedCourse], sql: String, arguments: StatementArguments, _ body: (OfficialStanding) throws -> Void
    ) throws {
        let courseKeys = courses.map { Array($0.id.utf8) }
        var quizKeys: [[UInt8]] = []
        var quizCourses: [[Int]] = []
        for (index, course) in courses.enumerated() {
            guard let quiz = course.finalQuiz.map({ Array($0.utf8) }) else { continue }
            if let existing = quizKeys.firstIndex(of: quiz) {
                quizCourses[existing].append(index)
            } else {
                quizKeys.append(quiz)
                quizCourses.append([index])
            }
        }
        var units = TextInterner()
        var positions = TextInterner()
        var records = [CourseStanding](repeating: CourseStanding(), count: courses.count)
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        // The statement is GRDB's, and reset by it when it is used again.
        let raw = statement.sqliteStatement
        defer { sqlite3_reset(raw) }
        while true {
            let code = sqlite3_step(raw)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)))
            }
            let unit = units.index(of: columnBytes(raw, 1)) ?? units.index(of: UnsafeRawBufferPointer(start: nil, count: 0))!
            let position = positions.index(of: columnBytes(raw, 2))
            for index in records.indices { records[index] = CourseStanding() }
            if let bytes = columnBytes(raw, 3) {
                var reader = CourseStatesReader(bytes)
                while let entry = reader.next() {
                    switch entry {
                    case .course(let id, let started, let completions):
                        guard let course = find(id, in: courseKeys) else { continue }
                        let countsFrom = courses[course].countsFromVersion
                        records[course].started = started
                        for mark in completions {
                            if mark.version >= countsFrom {
                                if records[course].completedAt.map({ mark.completedAt < $0 }) ?? true { records[course].completedAt = mark.completedAt }
                            } else {
                                records[course].completedBefore = true
                            }
                        }
                    case .quiz(let id, let best):
                        guard let quiz = find(id, in: quizKeys) else { continue }
                        for course in quizCourses[quiz] { records[course].bestPercent = best }
                    }
                }
            }
            try records.withUnsafeBufferPointer { buffer in
                try body(OfficialStanding(
                    handle: sqlite3_column_int64(raw, 0), unitCode: units.texts[unit], unitIndex: unit,
                    position: position.map { positions.texts[$0] }, positionIndex: position, records: buffer))
            }
        }
    }

    /// The bytes of a text or blob column of the current row, valid until the next step; nil for NULL.
    private static func columnBytes(_ statement: SQLiteStatement, _ column: Int32) -> UnsafeRawBufferPointer? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: pointer, count: count)
    }

    private static func find(_ id: UnsafeRawBufferPointer, in keys: [[UInt8]]) -> Int? {
        keys.firstIndex { TextInterner.same($0, id) }
    }

    /// Names and ids of the officials behind these handles, for the rows of a report that are shown or exported.
    public func officialIdentities(_ handles: [Int64]) throws -> [Int64: OfficialIdentity] {
        guard !handles.isEmpty else { return [:] }
        return try writer.read { db in
            var identities: [Int64: OfficialIdentity] = [:]
            identities.reserveCapacity(handles.count)
            // SQLite accepts at most 32,766 parameters; a page is far smaller, an export goes in slices.
            for start in stride(from: 0, to: handles.count, by: 10_000) {
                let slice = Array(handles[start..<min(start + 10_000, handles.count)])
                let rows = try Row.fetchCursor(
                    db, sql: "SELECT rowid, publicId, username, displayName FROM learner WHERE rowid IN (\(databaseQuestionMarks(count: slice.count)))",
                    arguments: StatementArguments(slice))
                while let row = try rows.next() {
                    identities[row[0]] = OfficialIdentity(learnerID: row[1], username: row[2], displayName: row[3])
                }
            }
            return identities
        }
    }

    /// Derives every learner's packed course states from the raw records again, and tells whether they differed:
    /// for checks, and after bulk fills that write the raw tables directly.
    @discardableResult
    public func rebuildCourseStates() throws -> Bool {
        try writer.write { db in
            let before = try Row.fetchAll(db, sql: "SELECT rowid, courseStates FROM learner ORDER BY rowid")
            try CourseStates.rebuildAll(db)
            let after = try Row.fetchAll(db, sql: "SELECT rowid, courseStates FROM learner ORDER BY rowid")
            return zip(before, after).contains { CourseStates(blob: $0[1]) != CourseStates(blob: $1[1]) }
        }
    }
}

/// Gives each distinct text read from the database a small index, comparing bytes, so a hundred thousand rows that
/// share a few dozen values make a few dozen strings.
struct TextInterner {
    private(set) var texts: [String] = []
    /// Each text's bytes, owned: the bytes handed in only live until the next row.
    private var keys: [[UInt8]] = []
    private var indexes: [[UInt8]: Int] = [:]
    private var last: Int?

    mutating func index(of bytes: UnsafeRawBufferPointer?) -> Int? {
        guard let bytes else { return nil }
        // Rows come sorted by unit: most lookups repeat the previous one; a few dozen positions take turns.
        if let last, Self.same(keys[last], bytes) { return last }
        if let found = keys.count <= 64 ? keys.firstIndex(where: { Self.same($0, bytes) }) : indexes[Array(bytes)] {
            last = found
            return found
        }
        let owned = Array(bytes)
        let index = texts.count
        texts.append(String(decoding: owned, as: UTF8.self))
        keys.append(owned)
        indexes[owned] = index
        last = index
        return index
    }

    static func same(_ key: [UInt8], _ bytes: UnsafeRawBufferPointer) -> Bool {
        key.count == bytes.count && (key.isEmpty || key.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, key.count) == 0 })
    }
}
