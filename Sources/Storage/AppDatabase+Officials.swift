import CourseEngine
import Foundation
import GRDB

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

/// What the report needs of one official: who they are and what they have done.
public struct OfficialRecordSummary: Sendable {
    public var learner: Learner
    /// Courses in which the official has opened at least one lesson.
    public var startedCourses: Set<String>
    public var completions: [CourseCompletion]
    /// Quiz id → best percent.
    public var bestPercent: [String: Double]
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
    /// transaction; nil when this version was already completed.
    public func recordCompletion(
        learnerID: String, courseID: String, courseVersion: Int, courseTitle: String, now: Date
    ) throws -> Certificate? {
        try writer.write { db in
            let rowid = try Self.rowid(of: learnerID, db)
            let key: [String: any DatabaseValueConvertible] = ["learnerId": rowid, "courseId": courseID, "courseVersion": courseVersion]
            guard try !CourseCompletionRecord.exists(db, key: key) else { return nil }
            guard let learner = try LearnerRecord.fetchOne(db, key: rowid) else { throw StorageError.learnerNotFound(learnerID) }
            try CourseCompletionRecord(learnerId: rowid, courseId: courseID, courseVersion: courseVersion, completedAt: now).insert(db)
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

    /// Every official of these units with what the report needs, in a handful of queries whatever their number.
    /// Rows are read by column index rather than decoded, which matters at a hundred thousand officials.
    public func officialSummaries(unitCodes: Set<String>, courseIDs: [String], quizIDs: [String]) throws -> [OfficialRecordSummary] {
        try writer.read { db in
            let codes = Array(unitCodes)
            guard !codes.isEmpty else { return [] }
            let scope = "SELECT rowid FROM learner WHERE kind = 'official' AND unitCode IN (\(databaseQuestionMarks(count: codes.count)))"
            // Summaries live in an array, found by row id through a dictionary of indexes, so updates stay in place.
            var position: [Int64: Int] = [:]
            var summaries: [OfficialRecordSummary] = []
            let learners = try Row.fetchCursor(
                db,
                sql: """
                    SELECT rowid, publicId, username, displayName, unitCode, position, roles FROM learner
                    WHERE kind = 'official' AND unitCode IN (\(databaseQuestionMarks(count: codes.count)))
                    """,
                arguments: StatementArguments(codes))
            while let row = try learners.next() {
                let rowid: Int64 = row[0]
                let roles: String = row[6]
                let learner = Learner(
                    id: row[1], kind: .official, username: row[2], displayName: row[3], unitCode: row[4], position: row[5],
                    roles: Set(roles.split(separator: ";").compactMap { Role(rawValue: String($0)) }))
                position[rowid] = summaries.count
                summaries.append(OfficialRecordSummary(learner: learner, startedCourses: [], completions: [], bestPercent: [:]))
            }
            if !courseIDs.isEmpty {
                let started = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT DISTINCT learnerId, courseId FROM lessonProgress
                        WHERE learnerId IN (\(scope)) AND courseId IN (\(databaseQuestionMarks(count: courseIDs.count)))
                        """,
                    arguments: StatementArguments(codes + courseIDs))
                while let row = try started.next() {
                    if let index = position[row[0]] { summaries[index].startedCourses.insert(row[1]) }
                }
            }
            let completions = try Row.fetchCursor(
                db, sql: "SELECT learnerId, courseId, courseVersion, completedAt FROM courseCompletion WHERE learnerId IN (\(scope))",
                arguments: StatementArguments(codes))
            while let row = try completions.next() {
                if let index = position[row[0]] {
                    summaries[index].completions.append(CourseCompletion(courseID: row[1], courseVersion: row[2], completedAt: row[3]))
                }
            }
            if !quizIDs.isEmpty {
                let best = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT learnerId, quizId, MAX(percent) FROM attempt
                        WHERE learnerId IN (\(scope)) AND quizId IN (\(databaseQuestionMarks(count: quizIDs.count))) AND percent IS NOT NULL
                        GROUP BY learnerId, quizId
                        """,
                    arguments: StatementArguments(codes + quizIDs))
                while let row = try best.next() {
                    if let index = position[row[0]] { summaries[index].bestPercent[row[1]] = row[2] }
                }
            }
            return summaries
        }
    }
}
