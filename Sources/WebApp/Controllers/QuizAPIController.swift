import CourseEngine
import Foundation
import Hummingbird
import Storage

/// Quizzes through the API: start an attempt, submit it, list one's attempts, and review essays.
struct QuizAPIController: Sendable {
    typealias Context = AppRequestContext
    let quizzes: QuizService
    let content: ContentStore

    struct QuizBody: Codable, Equatable {
        var id: String
        var title: String
        var questionCount: Int
        var passPercent: Int
        var maxAttempts: Int?
        var oneQuestionPerPage: Bool
        var contentHash: String
        /// Only for a signed-in learner.
        var attemptsUsed: Int?
    }

    struct AttemptBody: Codable, Equatable {
        var attemptId: String
        var quizId: String
        var status: Attempt.Status
        var startedAt: Date
        var questions: [PresentedQuestion]
        /// The result and the answers given appear once submitted.
        var result: AttemptResultBody?
        var responses: [String: ResponseValue]?
    }

    struct Submission: Decodable {
        var responses: [String: ResponseValue]
    }

    struct Review: Decodable {
        var questionId: String
        var credit: Double
        var feedback: String?
    }

    struct AttemptList: Codable, Equatable {
        struct Entry: Codable, Equatable {
            var attemptId: String
            var quizId: String
            var status: Attempt.Status
            var startedAt: Date
            var submittedAt: Date?
            var score: Double?
            var maximum: Double?
            var percent: Double?
            var passed: Bool?
        }

        var attempts: [Entry]
    }

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.apiQuiz("").pattern), use: quiz)
        router.post(RouterPath(SitePath.apiQuizAttempts("").pattern), use: start)
        router.get(RouterPath(SitePath.apiAttempt("").pattern), use: attempt)
        router.post(RouterPath(SitePath.apiAttemptSubmit("").pattern), use: submit)
        router.post(RouterPath(SitePath.apiAttemptReviews("").pattern), use: review)
        router.get(RouterPath(SitePath.apiMyAttempts.pattern), use: myAttempts)
    }

    @Sendable func quiz(_ request: Request, context: Context) async throws -> Response {
        let quiz = try content.current.catalogue.requireQuiz(id: context.parameters.requireSlug("quizId"))
        let used = try context.identity.map { try quizzes.database.attemptCount(learnerID: $0.learner.id, quizID: quiz.id) }
        return try JSONResponse.make(
            QuizBody(
                id: quiz.id, title: quiz.title, questionCount: quiz.questionsPerAttempt, passPercent: quiz.settings.passPercent,
                maxAttempts: quiz.settings.maxAttempts, oneQuestionPerPage: quiz.settings.oneQuestionPerPage,
                contentHash: quiz.contentHash, attemptsUsed: used),
            cacheControl: context.identity == nil ? "no-cache" : "private, no-store")
    }

    @Sendable func start(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attempt = try quizzes.start(quizID: try context.parameters.requireSlug("quizId"), learner: identity.learner)
        return try JSONResponse.make(Self.body(attempt), status: .created)
    }

    @Sendable func attempt(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attempt = try quizzes.attempt(id: try context.parameters.require("attemptId"), for: identity, allowReviewers: true)
        return try JSONResponse.make(Self.body(attempt), cacheControl: "private, no-store")
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attemptID = try context.parameters.require("attemptId")
        let attempt = try quizzes.attempt(id: attemptID, for: identity)
        let submission = try await request.decode(as: Submission.self, context: context)
        let responses = try QuizService.responses(submission.responses, paper: attempt.paper)
        let submitted = try quizzes.submit(attempt, learner: identity.learner, responses: responses)
        return try JSONResponse.make(AttemptResultBody(submitted))
    }

    @Sendable func review(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        guard identity.learner.has(.trainer) || identity.learner.has(.admin) else { throw AccessError.forbidden }
        let attemptID = try context.parameters.require("attemptId")
        let review = try await request.decode(as: Review.self, context: context)
        guard (0...1).contains(review.credit) else {
            throw RequestError.badParameter(name: "credit", value: "\(review.credit)", reasonKey: "reason_credit")
        }
        let attempt = try quizzes.attempt(id: attemptID, for: identity, allowReviewers: true)
        let reviewed = try quizzes.database.reviewEssay(
            attemptID: attemptID, questionID: review.questionId, credit: review.credit, feedback: review.feedback,
            passPercent: quizzes.passPercent(quizID: attempt.quizID))
        if reviewed.result?.passed == true, let learner = try quizzes.database.learner(id: reviewed.learnerID) {
            try quizzes.completeCourses(after: reviewed, learner: learner)
        }
        return try JSONResponse.make(AttemptResultBody(reviewed))
    }

    @Sendable func myAttempts(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let entries = try quizzes.database.attempts(learnerID: identity.learner.id).map {
            AttemptList.Entry(
                attemptId: $0.id, quizId: $0.quizID, status: $0.status, startedAt: $0.startedAt, submittedAt: $0.submittedAt,
                score: $0.result?.score, maximum: $0.result?.maximum, percent: $0.result?.percent, passed: $0.result?.passed)
        }
        return try JSONResponse.make(AttemptList(attempts: entries), cacheControl: "private, no-store")
    }

    static func body(_ attempt: Attempt) -> AttemptBody {
        AttemptBody(
            attemptId: attempt.id, quizId: attempt.quizID, status: attempt.status, startedAt: attempt.startedAt,
            questions: attempt.paper.items.map(PresentedQuestion.init), result: AttemptResultBody(attempt),
            responses: attempt.status == .inProgress ? nil : attempt.responses.mapValues(ResponseValue.init))
    }
}
