import CourseEngine
import Foundation
import Storage

/// Starting, answering and submitting quiz attempts, shared by the API and the pages.
struct QuizService: Sendable {
    let content: ContentStore
    let database: AppDatabase

    /// Starts a new attempt; refused when the quiz's attempt limit is used up.
    func start(quizID: String, learner: Learner, now: Date = Date()) throws -> Attempt {
        let quiz = try content.current.catalogue.requireQuiz(id: quizID)
        var generator = SystemRandomNumberGenerator()
        let paper = AttemptPaper.draw(from: quiz, using: &generator)
        return try database.startAttempt(learnerID: learner.id, quiz: quiz, paper: paper, now: now)
    }

    /// The attempt, if it is the learner's own (or they may review others').
    func attempt(id: String, for identity: Identity, allowReviewers: Bool = false) throws -> Attempt {
        guard let attempt = try database.attempt(id: id) else { throw StorageError.attemptNotFound(id) }
        let reviewer = identity.learner.has(.trainer) || identity.learner.has(.admin)
        guard attempt.learnerID == identity.learner.id || (allowReviewers && reviewer) else { throw AccessError.forbidden }
        return attempt
    }

    /// Grades and closes the attempt with these answers.
    func submit(_ attempt: Attempt, learner: Learner, responses: [String: QuestionResponse], now: Date = Date()) throws -> Attempt {
        let attempt = try database.submitAttempt(
            attemptID: attempt.id, learnerID: learner.id, responses: responses, passPercent: passPercent(quizID: attempt.quizID),
            now: now)
        if attempt.result?.passed == true { try completeCourses(after: attempt, learner: learner) }
        return attempt
    }

    /// A passed quiz may complete a course.
    func completeCourses(after attempt: Attempt, learner: Learner) throws {
        let officials = OfficialsService(content: content, database: database)
        for courseID in officials.courses(withQuiz: attempt.quizID) {
            try officials.checkCompletion(learner: learner, courseID: courseID)
        }
    }

    /// The pass mark of a quiz: its current settings, or the default when it is no longer published.
    func passPercent(quizID: String) -> Int {
        content.current.catalogue.quiz(id: quizID)?.settings.passPercent ?? QuizSettings().passPercent
    }

    /// Turns submitted values into responses, refusing ids the paper does not have and values of the wrong shape.
    static func responses(_ values: [String: ResponseValue], paper: AttemptPaper) throws -> [String: QuestionResponse] {
        var responses: [String: QuestionResponse] = [:]
        for (id, value) in values {
            guard let item = paper.items.first(where: { $0.id == id }) else {
                throw RequestError.badParameter(name: "responses.\(id)", value: id, reasonKey: "reason_unknown_question")
            }
            guard let response = value.response(for: item) else {
                throw RequestError.badParameter(name: "responses.\(id)", value: id, reasonKey: "reason_response_shape")
            }
            responses[id] = response
        }
        return responses
    }
}
