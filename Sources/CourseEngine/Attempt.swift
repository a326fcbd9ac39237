import Foundation

/// One try at a quiz by one learner: the paper drawn for it, the answers, and the grade once submitted.
public struct Attempt: Sendable, Hashable, Codable, Identifiable {
    public enum Status: String, Sendable, Hashable, Codable {
        case inProgress = "in_progress"
        case graded
        case pendingReview = "pending_review"
    }

    /// Opaque and unguessable; used in URLs.
    public var id: String
    public var learnerID: String
    public var quizID: String
    /// The bank the attempt was drawn from, so a later edit never rewrites this result.
    public var quizContentHash: String
    public var status: Status
    public var paper: AttemptPaper
    /// Answers so far, by question id.
    public var responses: [String: QuestionResponse]
    /// Set once submitted.
    public var result: Grader.Result?
    public var startedAt: Date
    public var submittedAt: Date?

    public init(
        id: String, learnerID: String, quizID: String, quizContentHash: String, status: Status, paper: AttemptPaper,
        responses: [String: QuestionResponse], result: Grader.Result?, startedAt: Date, submittedAt: Date?
    ) {
        self.id = id
        self.learnerID = learnerID
        self.quizID = quizID
        self.quizContentHash = quizContentHash
        self.status = status
        self.paper = paper
        self.responses = responses
        self.result = result
        self.startedAt = startedAt
        self.submittedAt = submittedAt
    }
}

extension Grader.Status {
    var attemptStatus: Attempt.Status {
        switch self {
        case .graded: .graded
        case .pendingReview: .pendingReview
        }
    }
}

extension Attempt {
    /// Grades the attempt with these answers (merged over those saved before) and marks it submitted.
    public func submitted(with newResponses: [String: QuestionResponse], passPercent: Int, at now: Date) -> Attempt {
        var attempt = self
        attempt.responses.merge(newResponses) { _, new in new }
        let result = Grader.grade(paper, responses: attempt.responses, passPercent: passPercent)
        attempt.result = result
        attempt.status = result.status.attemptStatus
        attempt.submittedAt = now
        return attempt
    }

    /// Applies a trainer's grade for an essay and totals the attempt again.
    public func reviewed(questionID: String, credit: Double, feedback: String?, passPercent: Int) -> Attempt? {
        guard var result, let index = result.questions.firstIndex(where: { $0.id == questionID }),
            paper.items.first(where: { $0.id == questionID })?.question.type == .essay
        else { return nil }
        var attempt = self
        result.questions[index].credit = min(max(credit, 0), 1)
        if let feedback, !feedback.isEmpty { result.questions[index].feedback.append(FormattedText(feedback, format: .plain)) }
        let total = Grader.total(result.questions, passPercent: passPercent)
        attempt.result = total
        attempt.status = total.status.attemptStatus
        return attempt
    }
}
