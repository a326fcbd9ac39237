import CourseEngine
import Foundation
import GRDB

/// A row of `learner`.
struct LearnerRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "learner"
    var rowid: Int64?
    var publicId: String
    var kind: String
    var username: String?
    var displayName: String
    var unitCode: String?
    var position: String?
    var phone: String?
    /// Roles separated by ';', as in the HR import file.
    var roles: String
    var resumeCodeHash: String?
    var createdAt: Date
    var updatedAt: Date

    enum Columns {
        static let rowid = Column(CodingKeys.rowid)
        static let publicId = Column(CodingKeys.publicId)
        static let username = Column(CodingKeys.username)
        static let resumeCodeHash = Column(CodingKeys.resumeCodeHash)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        rowid = inserted.rowID
    }

    var learner: Learner {
        Learner(
            id: publicId, kind: LearnerKind(rawValue: kind) ?? .citizen, username: username, displayName: displayName,
            unitCode: unitCode, position: position, phone: phone,
            roles: Set(roles.split(separator: ";").compactMap { Role(rawValue: String($0)) }))
    }

    static func encode(_ roles: Set<Role>) -> String {
        roles.sorted().map(\.rawValue).joined(separator: ";")
    }
}

/// A row of `credential`: a learner's password hash.
struct CredentialRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "credential"
    var learnerId: Int64
    var passwordHash: String
    var mustChange: Bool
    var updatedAt: Date
}

/// A row of `session`: the hash of a sign-in token, never the token itself.
struct SessionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "session"
    var tokenHash: String
    var learnerId: Int64
    var createdAt: Date
    var expiresAt: Date
    var assistedBy: Int64?

    enum Columns {
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let learnerId = Column(CodingKeys.learnerId)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }
}

/// A row of `lessonProgress`: one learner's summary of one lesson.
struct LessonProgressRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lessonProgress"
    var learnerId: Int64
    var courseId: String
    var lessonId: String
    var status: String
    var furthestStep: Int
    var lastStep: Int
    var secondsSpent: Int
    var firstOpenedAt: Date
    var lastActivityAt: Date
    var completedAt: Date?
    var contentHash: String
    var courseVersion: Int
    var completedVersion: Int
    var lastAnswer: String?

    enum Columns {
        static let learnerId = Column(CodingKeys.learnerId)
        static let courseId = Column(CodingKeys.courseId)
        static let lessonId = Column(CodingKeys.lessonId)
        static let lastActivityAt = Column(CodingKeys.lastActivityAt)
    }

    init(learnerId: Int64, progress: LessonProgress) {
        self.learnerId = learnerId
        courseId = progress.courseID
        lessonId = progress.lessonID
        status = progress.status.rawValue
        furthestStep = progress.furthestStep
        lastStep = progress.lastStep
        secondsSpent = progress.secondsSpent
        firstOpenedAt = progress.firstOpenedAt
        lastActivityAt = progress.lastActivityAt
        completedAt = progress.completedAt
        contentHash = progress.contentHash
        courseVersion = progress.courseVersion
        completedVersion = progress.completedVersion
        lastAnswer = progress.lastAnswer?.rawValue
    }

    var progress: LessonProgress {
        var progress = LessonProgress(
            courseID: courseId, lessonID: lessonId, status: ProgressStatus(rawValue: status) ?? .inProgress,
            furthestStep: furthestStep, lastStep: lastStep, secondsSpent: secondsSpent, firstOpenedAt: firstOpenedAt,
            lastActivityAt: lastActivityAt, completedAt: completedAt, contentHash: contentHash,
            courseVersion: courseVersion)
        progress.completedVersion = completedVersion
        progress.lastAnswer = lastAnswer.flatMap(LastStepAnswer.init(rawValue:))
        return progress
    }
}

/// A row of `progressEvent`: one event as received, kept for idempotency and export.
struct ProgressEventRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "progressEvent"
    var id: String
    var learnerId: Int64
    var courseId: String
    var lessonId: String
    var type: String
    var step: Int?
    var occurredAt: Date
    var receivedAt: Date
    var secondsSpent: Int?
    var answer: String?
    /// The volunteer beside the learner when the event was recorded, if any.
    var assistedBy: Int64? = nil

    enum Columns {
        static let id = Column(CodingKeys.id)
    }
}
