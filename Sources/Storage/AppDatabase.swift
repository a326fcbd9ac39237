import CourseEngine
import Foundation
import GRDB

/// The one door to the database: every method is one transaction named for what it does.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// Groups concurrent `recordProgressGrouped` calls into shared transactions (see AppDatabase+GroupCommit.swift).
    let progressCommits = ProgressCommitter()

    init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
    }

    /// Opens (creating if needed) the database file in WAL mode, with commits synced to disk before they return.
    public static func open(path: String) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try AppDatabase(DatabasePool(path: path, configuration: configuration()))
    }

    /// A private database in memory, for tests.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // FULL makes every acknowledged commit durable, also across power loss, not only process crashes.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    // MARK: Learners

    /// The number of learners of every kind.
    public func learnerCount() throws -> Int {
        try writer.read { try LearnerRecord.fetchCount($0) }
    }

    /// Creates the first administrator, only when there is no learner at all. Returns false when learners exist.
    public func createFirstAdmin(username: String, displayName: String, passwordHash: String, now: Date) throws -> Bool {
        try writer.write { db in
            guard try LearnerRecord.fetchCount(db) == 0 else { return false }
            var record = LearnerRecord(
                rowid: nil, publicId: Self.newPublicID(), kind: LearnerKind.official.rawValue, username: username,
                displayName: displayName, unitCode: nil, position: nil, phone: nil,
                roles: LearnerRecord.encode([.learner, .admin]), resumeCodeHash: nil, createdAt: now, updatedAt: now)
            try record.insert(db)
            try CredentialRecord(learnerId: record.rowid!, passwordHash: passwordHash, mustChange: true, updatedAt: now)
                .insert(db)
            return true
        }
    }

    /// One official from an HR list.
    public struct OfficialRow: Sendable, Equatable {
        public var username: String
        public var fullName: String
        public var unitCode: String
        public var position: String
        public var roles: Set<Role>
        /// Bcrypt hash of the password to set; nil keeps an existing password.
        public var passwordHash: String?

        public init(username: String, fullName: String, unitCode: String, position: String, roles: Set<Role>, passwordHash: String?) {
            self.username = username
            self.fullName = fullName
            self.unitCode = unitCode
            self.position = position
            self.roles = roles
            self.passwordHash = passwordHash
        }
    }

    /// Which usernames of an import were created and which updated.
    public struct ImportSummary: Sendable, Equatable {
        public var created: [String]
        public var updated: [String]
    }

    /// The usernames among `usernames` that already exist.
    public func existingUsernames(_ usernames: [String]) throws -> Set<String> {
        try writer.read { db in
            Set(try String.fetchAll(db, LearnerRecord.select(LearnerRecord.Columns.username)
                .filter(usernames.contains(LearnerRecord.Columns.username))))
        }
    }

    /// Creates or updates officials, all in one transaction: either every row is written or none is.
    public func importOfficials(_ rows: [OfficialRow], now: Date) throws -> ImportSummary {
        try writer.write { db in
            var summary = ImportSummary(created: [], updated: [])
            for row in rows {
                if var record = try LearnerRecord.filter(LearnerRecord.Columns.username == row.username).fetchOne(db) {
                    guard record.kind == LearnerKind.official.rawValue else { throw StorageError.usernameTaken(row.username) }
                    record.displayName = row.fullName
                    record.unitCode = row.unitCode
                    record.position = row.position
                    record.roles = LearnerRecord.encode(row.roles.union([.learner]))
                    record.updatedAt = now
                    try record.update(db)
                    if let hash = row.passwordHash {
                        try CredentialRecord(learnerId: record.rowid!, passwordHash: hash, mustChange: true, updatedAt: now).save(db)
                    }
                    summary.updated.append(row.username)
                } else {
                    var record = LearnerRecord(
                        rowid: nil, publicId: Self.newPublicID(), kind: LearnerKind.official.rawValue, username: row.username,
                        displayName: row.fullName, unitCode: row.unitCode, position: row.position, phone: nil,
                        roles: LearnerRecord.encode(row.roles.union([.learner])), resumeCodeHash: nil, createdAt: now,
                        updatedAt: now)
                    try record.insert(db)
                    if let hash = row.passwordHash {
                        try CredentialRecord(learnerId: record.rowid!, passwordHash: hash, mustChange: true, updatedAt: now).insert(db)
                    }
                    summary.created.append(row.username)
                }
            }
            return summary
        }
    }

    /// Creates a citizen who signs in again with a resume code instead of a password. A volunteer who registers
    /// them (`registeredBy`) is remembered, and gives them their unit.
    public func registerCitizen(
        name: String, phone: String?, resumeCodeHash: String, unitCode: String? = nil, registeredBy: String? = nil, now: Date
    ) throws -> Learner {
        try writer.write { db in
            // Checked in the write transaction, which writers take one at a time, so two citizens never share a code.
            guard try LearnerRecord.filter(LearnerRecord.Columns.resumeCodeHash == resumeCodeHash).fetchCount(db) == 0 else {
                throw StorageError.resumeCodeTaken
            }
            var record = LearnerRecord(
                rowid: nil, publicId: Self.newPublicID(), kind: LearnerKind.citizen.rawValue, username: nil,
                displayName: name, unitCode: unitCode, position: nil, phone: phone, roles: LearnerRecord.encode([.learner]),
                resumeCodeHash: resumeCodeHash, createdAt: now, updatedAt: now)
            try record.insert(db)
            if let registeredBy {
                try Self.recordRegistration(citizen: record.rowid!, volunteer: try Self.rowid(of: registeredBy, db), now: now, db)
            }
            return record.learner
        }
    }

    /// The official with this username and their password hash, for signing in.
    public func credentials(username: String) throws -> (learner: Learner, passwordHash: String)? {
        try writer.read { db in
            guard let record = try LearnerRecord.filter(LearnerRecord.Columns.username == username).fetchOne(db),
                let credential = try CredentialRecord.fetchOne(db, key: record.rowid)
            else { return nil }
            return (record.learner, credential.passwordHash)
        }
    }

    /// Replaces a learner's password; the new one is theirs, so it no longer has to be changed.
    public func changePassword(learnerID: String, passwordHash: String, now: Date) throws {
        try writer.write { db in
            let rowid = try Self.rowid(of: learnerID, db)
            try CredentialRecord(learnerId: rowid, passwordHash: passwordHash, mustChange: false, updatedAt: now).save(db)
        }
    }

    /// True when the learner signs in with a password given to them that they have not yet replaced.
    public func mustChangePassword(learnerID: String) throws -> Bool {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try CredentialRecord.fetchOne(db, key: rowid)?.mustChange ?? false
        }
    }

    /// The citizen whose resume code has this hash.
    public func learner(resumeCodeHash: String) throws -> Learner? {
        try writer.read { db in
            try LearnerRecord.filter(LearnerRecord.Columns.resumeCodeHash == resumeCodeHash).fetchOne(db)?.learner
        }
    }

    /// The learner with this public id.
    public func learner(id: String) throws -> Learner? {
        try writer.read { db in try LearnerRecord.filter(LearnerRecord.Columns.publicId == id).fetchOne(db)?.learner }
    }

    // MARK: Sessions

    /// Records a new sign-in. Only the token's hash is stored, so a copy of the database cannot sign anyone in.
    public func startSession(learnerID: String, tokenHash: String, now: Date, expiresAt: Date) throws {
        try writer.write { db in
            let rowid = try Self.rowid(of: learnerID, db)
            try SessionRecord(tokenHash: tokenHash, learnerId: rowid, createdAt: now, expiresAt: expiresAt, assistedBy: nil)
                .insert(db)
        }
    }

    /// The learner signed in with this token, if the session exists and has not expired.
    public func signedInLearner(tokenHash: String, now: Date) throws -> (learner: Learner, expiresAt: Date)? {
        try writer.read { db in
            guard let session = try SessionRecord.fetchOne(db, key: tokenHash), session.expiresAt > now,
                let learner = try LearnerRecord.fetchOne(db, key: session.learnerId)
            else { return nil }
            return (learner.learner, session.expiresAt)
        }
    }

    /// Signs out: the token stops working at once.
    public func endSession(tokenHash: String) throws {
        _ = try writer.write { db in try SessionRecord.deleteOne(db, key: tokenHash) }
    }

    /// Removes sessions that have expired; returns how many.
    public func purgeExpiredSessions(now: Date) throws -> Int {
        try writer.write { db in try SessionRecord.filter(SessionRecord.Columns.expiresAt <= now).deleteAll(db) }
    }

    // MARK: Progress

    /// What `recordProgress` did with a batch.
    public struct ProgressReceipt: Sendable, Equatable {
        public var accepted: Int
        public var duplicates: Int
    }

    /// The content an event was made against, to remember with the progress.
    public struct LessonVersion: Sendable {
        public var contentHash: String
        public var courseVersion: Int

        public init(contentHash: String, courseVersion: Int) {
            self.contentHash = contentHash
            self.courseVersion = courseVersion
        }
    }

    /// Stores a batch of already-validated events and folds them into the learner's lesson summaries, in one
    /// transaction. An event id seen before is a duplicate and changes nothing. `assistedBy` is the volunteer
    /// beside the learner, when the events were recorded in an assisted session.
    public func recordProgress(
        _ events: [(event: ProgressEvent, version: LessonVersion)], learnerID: String, assistedBy: String? = nil, now: Date
    ) throws -> ProgressReceipt {
        try writer.write { db in try Self.storeProgress(events, learnerID: learnerID, assistedBy: assistedBy, now: now, db) }
    }

    /// The body of `recordProgress`, inside a transaction the caller opened; shared with the group commit.
    static func storeProgress(
        _ events: [(event: ProgressEvent, version: LessonVersion)], learnerID: String, assistedBy: String?, now: Date,
        _ db: Database
    ) throws -> ProgressReceipt {
        let rowid = try Self.rowid(of: learnerID, db)
        let volunteer = try assistedBy.map { try Self.rowid(of: $0, db) }
        var receipt = ProgressReceipt(accepted: 0, duplicates: 0)
        // Each lesson's summary is read once, folded in memory over the request's events in order, and written
        // once: a batch of 20 events on one lesson costs one read and one write, not twenty of each.
        var lessons: [LessonKey: LessonFold] = [:]
        var order: [LessonKey] = []
        let insertEvent = try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO progressEvent
              (id, learnerId, courseId, lessonId, type, step, occurredAt, receivedAt, secondsSpent, answer, assistedBy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for (event, version) in events {
            try insertEvent.execute(arguments: [
                event.id, rowid, event.courseID, event.lessonID, event.type.rawValue, event.step,
                StoredDate.text(event.occurredAt), StoredDate.text(now),
                event.secondsSpent, event.answer?.rawValue, volunteer,
            ])
            guard db.changesCount == 1 else {
                receipt.duplicates += 1
                continue
            }
            let key = LessonKey(courseID: event.courseID, lessonID: event.lessonID)
            if lessons[key] == nil {
                lessons[key] = LessonFold(stored: try Self.lessonProgress(learner: rowid, key, db))
                order.append(key)
            }
            lessons[key]!.fold(event, version: version, volunteer: volunteer)
            receipt.accepted += 1
        }
        for key in order {
            try lessons[key]!.write(learner: rowid, db)
        }
        if !order.isEmpty {
            let opened = Set(order.map(\.courseID))
            try CourseStates.update(learner: rowid, db) { states in
                for courseID in opened { states.courses[courseID, default: .init()].started = true }
            }
        }
        return receipt
    }

    struct LessonKey: Hashable {
        var courseID: String
        var lessonID: String
    }

    /// A lesson's summary as stored, and as folded over the events of one request so far.
    struct LessonFold {
        let stored: LessonProgress?
        var current: LessonProgress?
        /// Events recorded with a volunteer beside the learner.
        var assistedEvents = 0
        /// Set when an event completed the lesson earlier than anything before it: the volunteer beside the learner
        /// then, or none; `completedAssistedBy` records it, matching the first completion that `completedAt` keeps.
        var completionAssistedBy: Int64?? = nil

        init(stored: LessonProgress?) {
            self.stored = stored
            current = stored
        }

        mutating func fold(_ event: ProgressEvent, version: LessonVersion, volunteer: Int64?) {
            if volunteer != nil { assistedEvents += 1 }
            if event.type == .completed, current?.completedAt.map({ event.occurredAt < $0 }) ?? true {
                completionAssistedBy = .some(volunteer)
            }
            current = LessonProgress.folding(
                event, into: current, contentHash: version.contentHash, courseVersion: version.courseVersion)
        }

        func write(learner: Int64, _ db: Database) throws {
            guard let progress = current else { return }
            let arguments: StatementArguments = [
                progress.status.rawValue, progress.furthestStep, progress.lastStep, progress.secondsSpent,
                StoredDate.text(progress.firstOpenedAt), StoredDate.text(progress.lastActivityAt),
                progress.completedAt.map(StoredDate.text), progress.contentHash,
                progress.courseVersion, progress.completedVersion, progress.lastAnswer?.rawValue, assistedEvents,
                completionAssistedBy != nil, completionAssistedBy ?? nil, learner, progress.courseID, progress.lessonID,
            ]
            if stored == nil {
                try db.cachedStatement(sql: """
                    INSERT INTO lessonProgress
                      (status, furthestStep, lastStep, secondsSpent, firstOpenedAt, lastActivityAt, completedAt,
                       contentHash, courseVersion, completedVersion, lastAnswer, assistedEvents, completedAssistedBy,
                       learnerId, courseId, lessonId)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN ? END, ?, ?, ?)
                    """).execute(arguments: arguments)
            } else {
                try db.cachedStatement(sql: """
                    UPDATE lessonProgress
                    SET status = ?, furthestStep = ?, lastStep = ?, secondsSpent = ?, firstOpenedAt = ?,
                      lastActivityAt = ?, completedAt = ?, contentHash = ?, courseVersion = ?, completedVersion = ?,
                      lastAnswer = ?, assistedEvents = assistedEvents + ?,
                      completedAssistedBy = CASE WHEN ? THEN ? ELSE completedAssistedBy END
                    WHERE learnerId = ? AND courseId = ? AND lessonId = ?
                    """).execute(arguments: arguments)
            }
        }
    }

    static func lessonProgress(learner: Int64, _ key: LessonKey, _ db: Database) throws -> LessonProgress? {
        // Read by position rather than decoded by column name: this runs for every lesson of every progress request.
        let statement = try db.cachedStatement(sql: """
            SELECT status, furthestStep, lastStep, secondsSpent, firstOpenedAt, lastActivityAt, completedAt, contentHash,
              courseVersion, completedVersion, lastAnswer
            FROM lessonProgress WHERE learnerId = ? AND courseId = ? AND lessonId = ?
            """)
        guard let row = try Row.fetchOne(statement, arguments: [learner, key.courseID, key.lessonID]) else { return nil }
        var progress = LessonProgress(
            courseID: key.courseID, lessonID: key.lessonID,
            status: ProgressStatus(rawValue: row[0]) ?? .inProgress, furthestStep: row[1], lastStep: row[2],
            secondsSpent: row[3], firstOpenedAt: row[4], lastActivityAt: row[5], completedAt: row[6], contentHash: row[7],
            courseVersion: row[8])
        progress.completedVersion = row[9]
        progress.lastAnswer = (row[10] as String?).flatMap(LastStepAnswer.init(rawValue:))
        return progress
    }

    /// Every lesson summary of a learner, most recent activity first.
    public func progress(learnerID: String) throws -> [LessonProgress] {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try LessonProgressRecord.filter(LessonProgressRecord.Columns.learnerId == rowid)
                .order(LessonProgressRecord.Columns.lastActivityAt.desc)
                .fetchAll(db).map(\.progress)
        }
    }

    /// A learner's summary of one lesson, if they opened it.
    public func lessonProgress(learnerID: String, courseID: String, lessonID: String) throws -> LessonProgress? {
        try writer.read { db in
            try Self.lessonProgress(learner: Self.rowid(of: learnerID, db), LessonKey(courseID: courseID, lessonID: lessonID), db)
        }
    }

    /// The number of events stored for a learner.
    public func progressEventCount(learnerID: String) throws -> Int {
        try writer.read { db in
            let rowid = try Self.rowid(of: learnerID, db)
            return try ProgressEventRecord.filter(Column("learnerId") == rowid).fetchCount(db)
        }
    }

    // MARK: Display preferences

    /// The text size and contrast a learner chose, if they did.
    public func displayPreferences(learnerID: String) throws -> DisplayPreferences? {
        try writer.read { db in
            try String.fetchOne(db, sql: "SELECT preferences FROM learner WHERE publicId = ?", arguments: [learnerID])
                .flatMap(DisplayPreferences.init(token:))
        }
    }

    public func setDisplayPreferences(_ preferences: DisplayPreferences, learnerID: String) throws {
        try writer.write { db in
            try db.execute(sql: "UPDATE learner SET preferences = ? WHERE publicId = ?", arguments: [preferences.token, learnerID])
            guard db.changesCount == 1 else { throw StorageError.learnerNotFound(learnerID) }
        }
    }

    // MARK: Maintenance

    /// Copies the whole database to `path` with SQLite's online backup, consistent even while the server writes.
    public func backup(to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try writer.backup(to: destination)
        try destination.close()
    }

    /// Copies the write-ahead log into the database file and empties it, as SQLite does on its own as writes go on;
    /// after a bulk fill, so that reads are measured as they run on a live server.
    public func checkpoint() throws {
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    /// SQLite's own check of the file; ["ok"] when nothing is wrong.
    public func integrityCheck() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: Helpers

    static func rowid(of learnerID: String, _ db: Database) throws -> Int64 {
        guard let rowid = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT rowid FROM learner WHERE publicId = ?"), arguments: [learnerID])
        else { throw StorageError.learnerNotFound(learnerID) }
        return rowid
    }

    /// 16 characters from an alphabet without look-alikes: unguessable and safe in URLs.
    static func newPublicID() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

/// What the database refused.
public enum StorageError: Error, Equatable, Sendable {
    case learnerNotFound(String)
    case usernameTaken(String)
    case attemptNotFound(String)
    case attemptLimitReached(Int)
    case attemptAlreadySubmitted
    case attemptNotSubmitted
    case notYourAttempt
    case notAnEssay(String)
    case assignmentNotFound(String)
    case certificateNotFound(String)
    case unitNotFound(String)
    case resumeCodeTaken
}
