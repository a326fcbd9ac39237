import CourseEngine
import Foundation
import Storage

/// Checks progress events against the published content and stores the acceptable ones in one transaction.
struct ProgressRecorder: Sendable {
    let content: ContentStore
    let database: AppDatabase
    var officials: OfficialsService { OfficialsService(content: content, database: database) }

    /// The most events one request may carry.
    static let maximumBatch = 500

    struct Rejection: Codable, Equatable, Sendable {
        var index: Int
        var id: String
        var reason: String
    }

    struct Outcome: Codable, Equatable, Sendable {
        var accepted: Int
        var duplicates: Int
        var rejected: [Rejection]
    }

    /// Stores what is valid, and says why each other event was refused; the valid rest of a batch is always kept.
    /// Concurrent requests share one transaction (group commit); each returns once its transaction committed.
    func record(_ events: [ProgressEvent], for learner: Learner, now: Date = Date()) async throws -> Outcome {
        let catalogue = content.current.catalogue
        var valid: [(event: ProgressEvent, version: AppDatabase.LessonVersion)] = []
        var rejected: [Rejection] = []
        for (index, event) in events.enumerated() {
            if let problem = catalogue.problem(with: event, now: now) {
                rejected.append(Rejection(index: index, id: event.id, reason: Self.describe(problem)))
            } else if let course = catalogue.course(id: event.courseID), let lesson = course.lesson(id: event.lessonID) {
                valid.append((event, AppDatabase.LessonVersion(contentHash: lesson.contentHash, courseVersion: course.version)))
            }
        }
        guard !valid.isEmpty else { return Outcome(accepted: 0, duplicates: 0, rejected: rejected) }
        let receipt = try await database.recordProgressGrouped(
            valid, learnerID: learner.id, assistedBy: Assistance.volunteer(for: learner), now: now)
        for courseID in Set(valid.filter { $0.event.type == .completed }.map(\.event.courseID)) {
            try officials.checkCompletion(learner: learner, courseID: courseID, now: now)
        }
        return Outcome(accepted: receipt.accepted, duplicates: receipt.duplicates, rejected: rejected)
    }

    /// Records one event made by the server itself, when a signed-in learner opens a page or finishes a lesson.
    /// It shares a transaction with other requests' progress (group commit), so a page view waits for one sync to
    /// disk among many, and no thread is held while it waits.
    func recordPageEvent(
        _ type: ProgressEventType, course: Course, lesson: Lesson, step: Int? = nil, answer: LastStepAnswer? = nil, learner: Learner,
        now: Date = Date()
    ) async throws {
        let event = ProgressEvent(
            id: UUID().uuidString.lowercased(), courseID: course.id, lessonID: lesson.id, type: type, step: step, occurredAt: now,
            answer: answer)
        _ = try await database.recordProgressGrouped(
            [(event, AppDatabase.LessonVersion(contentHash: lesson.contentHash, courseVersion: course.version))],
            learnerID: learner.id, assistedBy: Assistance.volunteer(for: learner), now: now)
        if type == .completed { try officials.checkCompletion(learner: learner, courseID: course.id, now: now) }
    }

    static func describe(_ problem: ProgressEventProblem) -> String {
        switch problem {
        case .unknownCourse: "unknown course"
        case .unknownLesson: "unknown lesson"
        case .stepOutOfRange: "step out of range for this lesson"
        case .stepRequired: "step and help events need a step"
        case .inFuture: "the time is in the future"
        case .invalidSeconds: "secondsSpent must be between 0 and 86400"
        case .answerMismatch: "an answered event needs an answer (managed or retry), and only it may have one"
        case .notGuided: "only a guided lesson asks for an answer"
        case .invalidID: "id must be 8 to 64 letters, digits or hyphens, such as a UUID"
        }
    }
}

/// A learner's progress across the catalogue, shaped for the API and the "my learning" page.
struct LearningSummary: Codable, Equatable, Sendable {
    struct LessonEntry: Codable, Equatable, Sendable {
        var lessonId: String
        var title: String
        var kind: LessonKind
        /// `not_started`, `in_progress` or `completed`.
        var status: String
        var furthestStep: Int
        var lastStep: Int
        var stepCount: Int
        var secondsSpent: Int
        var firstOpenedAt: Date?
        var lastActivityAt: Date?
        var completedAt: Date?
        var contentHash: String?
        var courseVersion: Int?
        /// Events of this lesson recorded with a volunteer beside the learner.
        var assistedEvents = 0
        /// True when the lesson was first completed with a volunteer beside the learner; false when alone.
        var completedWithHelp = false
        /// The answer to "Bạn đã làm được chưa?" on a guided lesson's last step: `managed` or `retry`.
        var lastAnswer: LastStepAnswer?
        /// True when the lesson was completed and its content has changed since the learner last saw it.
        var updatedSinceCompleted = false
    }

    struct CourseEntry: Codable, Equatable, Sendable {
        var courseId: String
        var title: String
        var version: Int
        var lessonCount: Int
        var completedLessons: Int
        /// How many of the completed lessons were completed with a volunteer beside the learner.
        var completedWithHelp = 0
        var lessons: [LessonEntry]
    }

    var courses: [CourseEntry]

    /// The same summary, saying which lessons were done with a volunteer beside the learner and which alone.
    init(progress: [LessonProgress], catalogue: Catalogue, assistance: [LessonAssistance]) {
        self.init(progress: progress, catalogue: catalogue)
        var byLesson: [String: LessonAssistance] = [:]
        for item in assistance { byLesson["\(item.courseID)/\(item.lessonID)"] = item }
        for course in courses.indices {
            for lesson in courses[course].lessons.indices {
                let entry = courses[course].lessons[lesson]
                guard let item = byLesson["\(courses[course].courseId)/\(entry.lessonId)"] else { continue }
                courses[course].lessons[lesson].assistedEvents = item.assistedEvents
                courses[course].lessons[lesson].completedWithHelp = entry.status == "completed" && item.completedWithHelp
            }
            courses[course].completedWithHelp = courses[course].lessons.filter(\.completedWithHelp).count
        }
    }

    /// Courses the learner has opened, in catalogue order, with every lesson; progress on content no longer
    /// published is left out here but stays stored.
    init(progress: [LessonProgress], catalogue: Catalogue) {
        var byLesson: [String: LessonProgress] = [:]
        for item in progress { byLesson["\(item.courseID)/\(item.lessonID)"] = item }
        let touched = Set(progress.map(\.courseID))
        courses = catalogue.courses.filter { touched.contains($0.id) }.map { course in
            let lessons = course.lessons.map { lesson in
                let item = byLesson["\(course.id)/\(lesson.id)"]
                return LessonEntry(
                    lessonId: lesson.id, title: lesson.title, kind: lesson.kind,
                    status: item?.status.rawValue ?? "not_started", furthestStep: item?.furthestStep ?? 0,
                    lastStep: item?.lastStep ?? 0, stepCount: lesson.steps.count, secondsSpent: item?.secondsSpent ?? 0,
                    firstOpenedAt: item?.firstOpenedAt, lastActivityAt: item?.lastActivityAt,
                    completedAt: item?.completedAt, contentHash: item?.contentHash, courseVersion: item?.courseVersion,
                    lastAnswer: item?.lastAnswer, updatedSinceCompleted: item.map { $0.isUpdated(since: lesson) } ?? false)
            }
            return CourseEntry(
                courseId: course.id, title: course.title, version: course.version, lessonCount: course.lessons.count,
                completedLessons: lessons.filter { $0.status == "completed" }.count, lessons: lessons)
        }
    }
}
