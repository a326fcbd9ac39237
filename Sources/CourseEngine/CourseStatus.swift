import Foundation

/// Where an official stands on an assigned course.
public enum CourseStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case completed
    case overdue
    /// Completed, but for a version the trainer has since said must be learned again.
    case needsRefresh = "needs_refresh"
}

/// A completion of a course, for the version the learner completed.
public struct CourseCompletion: Sendable, Hashable, Codable {
    public var courseID: String
    public var courseVersion: Int
    public var completedAt: Date

    public init(courseID: String, courseVersion: Int, completedAt: Date) {
        self.courseID = courseID
        self.courseVersion = courseVersion
        self.completedAt = completedAt
    }
}

extension Course {
    /// The oldest version whose completion still counts: the current one when a refresh is required, else any.
    public var oldestValidVersion: Int { refreshRequired ? version : 1 }

    /// True when every lesson is completed for a version that still counts and the final quiz, if any, is passed.
    public func isCompleted(progress: [LessonProgress], finalQuizPassed: Bool) -> Bool {
        let done = Set(progress.filter { $0.courseID == id && $0.status == .completed && $0.completedVersion >= oldestValidVersion }.map(\.lessonID))
        return lessons.allSatisfy { done.contains($0.id) } && (finalQuiz == nil || finalQuizPassed)
    }

    /// The status of this course for a learner: whether they opened any of its lessons, their completions, the due date.
    public func status(started: Bool, completions: [CourseCompletion], dueDate: Date?, now: Date) -> CourseStatus {
        let mine = completions.filter { $0.courseID == id }
        return CourseStatus(
            completed: mine.contains { $0.courseVersion >= oldestValidVersion }, completedBefore: !mine.isEmpty, started: started,
            dueDate: dueDate, now: now)
    }
}

extension CourseStatus {
    /// The rule itself: completed when a version that still counts was completed; else overdue after the due date;
    /// else needing a refresh when an older version was completed; else in progress once started.
    public init(completed: Bool, completedBefore: Bool, started: Bool, dueDate: Date?, now: Date) {
        if completed {
            self = .completed
        } else if let dueDate, now > dueDate {
            self = .overdue
        } else if completedBefore {
            self = .needsRefresh
        } else {
            self = started ? .inProgress : .notStarted
        }
    }
}
