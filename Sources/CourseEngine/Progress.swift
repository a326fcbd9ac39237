import Foundation

/// What happened in a lesson, as a client reports it.
public enum ProgressEventType: String, Sendable, Hashable, Codable, CaseIterable {
    case opened
    case step
    case completed
    /// The learner's answer to "Bạn đã làm được chưa?" on the last step of a guided lesson.
    case answered
    /// The learner opened "Tôi cần giúp đỡ" on a step of a guided lesson (recorded by the page's JavaScript).
    case help
}

/// The answer to "Bạn đã làm được chưa?" (did you manage it?) at the end of a guided lesson.
public enum LastStepAnswer: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Đã làm được": done it.
    case managed
    /// "Cần làm lại": needs to go through it again.
    case retry
}

/// One report of progress. Its `id` is made by the client, so the same event sent twice counts once.
public struct ProgressEvent: Sendable, Hashable, Codable {
    public var id: String
    public var courseID: String
    public var lessonID: String
    public var type: ProgressEventType
    /// 1-based step of a guided lesson, for `step` and `help` events.
    public var step: Int?
    public var occurredAt: Date
    public var secondsSpent: Int?
    /// For `answered` events only.
    public var answer: LastStepAnswer?

    public init(
        id: String, courseID: String, lessonID: String, type: ProgressEventType, step: Int? = nil, occurredAt: Date,
        secondsSpent: Int? = nil, answer: LastStepAnswer? = nil
    ) {
        self.id = id
        self.courseID = courseID
        self.lessonID = lessonID
        self.type = type
        self.step = step
        self.occurredAt = occurredAt
        self.secondsSpent = secondsSpent
        self.answer = answer
    }
}

/// Where a lesson stands for a learner.
public enum ProgressStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case inProgress = "in_progress"
    case completed
}

/// One learner's summary for one lesson, folded from their events.
public struct LessonProgress: Sendable, Hashable, Codable {
    public var courseID: String
    public var lessonID: String
    public var status: ProgressStatus
    /// The furthest step reached in a guided lesson, 0 when none.
    public var furthestStep: Int
    /// The step the learner was last on, to resume exactly there.
    public var lastStep: Int
    public var secondsSpent: Int
    public var firstOpenedAt: Date
    public var lastActivityAt: Date
    public var completedAt: Date?
    /// The course version of the learner's latest completion of this lesson, 0 when never completed.
    public var completedVersion: Int = 0
    /// The lesson content the learner last saw, so a later edit can be noticed.
    public var contentHash: String
    public var courseVersion: Int
    /// The latest answer to "Bạn đã làm được chưa?", if the learner reached it.
    public var lastAnswer: LastStepAnswer?

    public init(
        courseID: String, lessonID: String, status: ProgressStatus, furthestStep: Int, lastStep: Int,
        secondsSpent: Int, firstOpenedAt: Date, lastActivityAt: Date, completedAt: Date?, contentHash: String,
        courseVersion: Int
    ) {
        self.courseID = courseID
        self.lessonID = lessonID
        self.status = status
        self.furthestStep = furthestStep
        self.lastStep = lastStep
        self.secondsSpent = secondsSpent
        self.firstOpenedAt = firstOpenedAt
        self.lastActivityAt = lastActivityAt
        self.completedAt = completedAt
        self.contentHash = contentHash
        self.courseVersion = courseVersion
    }

    /// The summary after one more event. Completion is never undone, and events may arrive out of order.
    public static func folding(
        _ event: ProgressEvent, into current: LessonProgress?, contentHash: String, courseVersion: Int
    ) -> LessonProgress {
        var progress = current ?? LessonProgress(
            courseID: event.courseID, lessonID: event.lessonID, status: .inProgress, furthestStep: 0, lastStep: 0,
            secondsSpent: 0, firstOpenedAt: event.occurredAt, lastActivityAt: event.occurredAt, completedAt: nil,
            contentHash: contentHash, courseVersion: courseVersion)
        let latest = event.occurredAt >= progress.lastActivityAt
        if event.type == .answered, let answer = event.answer, latest || progress.lastAnswer == nil {
            progress.lastAnswer = answer
        }
        progress.firstOpenedAt = min(progress.firstOpenedAt, event.occurredAt)
        progress.secondsSpent += max(event.secondsSpent ?? 0, 0)
        if let step = event.step {
            progress.furthestStep = max(progress.furthestStep, step)
        }
        if latest {
            progress.lastActivityAt = event.occurredAt
            if let step = event.step { progress.lastStep = step }
            progress.contentHash = contentHash
            progress.courseVersion = courseVersion
        }
        if event.type == .completed {
            progress.status = .completed
            progress.completedAt = min(progress.completedAt ?? event.occurredAt, event.occurredAt)
            progress.completedVersion = max(progress.completedVersion, courseVersion)
        }
        return progress
    }
}

/// Why a progress event was refused.
public enum ProgressEventProblem: Sendable, Hashable, Codable {
    case unknownCourse
    case unknownLesson
    case stepOutOfRange
    case stepRequired
    case inFuture
    /// Negative, or more than a day in one event.
    case invalidSeconds
    case invalidID
    /// An `answered` event without an answer, or an answer on another kind of event.
    case answerMismatch
    /// An `answered` event for a lesson that is not guided.
    case notGuided
}

extension Catalogue {
    /// Checks an event against the published content and the server's clock; nil when it is acceptable.
    public func problem(with event: ProgressEvent, now: Date, allowedClockSkew: TimeInterval = 300) -> ProgressEventProblem? {
        guard event.id.count >= 8, event.id.count <= 64,
            event.id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        else { return .invalidID }
        guard let course = course(id: event.courseID) else { return .unknownCourse }
        guard let lesson = course.lesson(id: event.lessonID) else { return .unknownLesson }
        if event.occurredAt.timeIntervalSince(now) > allowedClockSkew { return .inFuture }
        if let seconds = event.secondsSpent, seconds < 0 || seconds > 86_400 { return .invalidSeconds }
        if (event.type == .step || event.type == .help) && event.step == nil { return .stepRequired }
        if (event.type == .answered) != (event.answer != nil) { return .answerMismatch }
        if event.type == .answered && lesson.kind != .guided { return .notGuided }
        if let step = event.step, !(1...max(lesson.steps.count, 1)).contains(step) || lesson.kind != .guided {
            return .stepOutOfRange
        }
        return nil
    }
}
