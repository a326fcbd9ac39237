import CourseEngine
import Foundation
import Hummingbird
import Storage

/// The quiz pages: introduction, the attempt (all questions, or one per page with "Câu n/N"), and the result.
/// Everything works without JavaScript; matching uses selects, never drag-and-drop.
struct QuizPageController: Sendable {
    typealias Context = AppRequestContext
    let quizzes: QuizService
    let pages: PageRenderer
    let messages: MessageCatalogue

    func addRoutes(to router: Router<Context>) {
        router.get(RouterPath(SitePath.quiz("").pattern), use: quiz)
        router.post(RouterPath(SitePath.quizAttempts("").pattern), use: start)
        router.get(RouterPath(SitePath.attempt("").pattern), use: attempt)
        router.get(RouterPath(SitePath.attemptQuestion("", 0).pattern), use: question)
        router.post(RouterPath(SitePath.attemptQuestion("", 0).pattern), use: answer)
        router.post(RouterPath(SitePath.attemptSubmit("").pattern), use: submit)
    }

    @Sendable func quiz(_ request: Request, context: Context) async throws -> Response {
        let language = Language.negotiate(request)
        let quiz = try quizzes.content.current.catalogue.requireQuiz(id: context.parameters.requireSlug("quizId"))
        var attempts: [Attempt] = []
        if let learner = context.identity?.learner {
            attempts = try quizzes.database.attempts(learnerID: learner.id).filter { $0.quizID == quiz.id }
        }
        let inProgress = attempts.first { $0.status == .inProgress }
        let limitReached = quiz.settings.maxAttempts.map { attempts.count >= $0 } ?? false
        var facts = [
            messages.text("quiz_fact_questions", language, ["count": "\(quiz.questionsPerAttempt)"]),
            messages.text("quiz_fact_pass", language, ["percent": "\(quiz.settings.passPercent)"]),
        ]
        if let limit = quiz.settings.maxAttempts {
            facts.append(messages.text("quiz_fact_attempts", language, ["used": "\(attempts.count)", "count": "\(limit)"]))
        }
        let page = QuizPage(
            title: quiz.title, facts: facts, signedIn: context.identity != nil,
            startAction: SitePath.quizAttempts(quiz.id).path,
            startLabel: messages.text(inProgress == nil ? "quiz_start" : "quiz_resume", language),
            canStart: inProgress != nil || !limitReached,
            limitReached: limitReached && inProgress == nil
                ? messages.text("problem_attempt_limit", language, ["count": "\(quiz.settings.maxAttempts ?? 0)"]) : nil,
            signInHref: SitePath.signIn.path,
            attempts: attempts.filter { $0.status != .inProgress }.map { attempt in
                QuizPage.PastAttempt(
                    href: SitePath.attempt(attempt.id).path,
                    label: attempt.submittedAt.map { $0.formatted(date: .numeric, time: .shortened) } ?? "",
                    status: Self.verdict(attempt, messages: messages, language: language))
            },
            hasAttempts: attempts.contains { $0.status != .inProgress })
        return pages.response("quiz", title: quiz.title, page: page, language: language, request: request, context: context)
    }

    /// Starts an attempt, or goes back to the one in progress.
    @Sendable func start(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let quizID = try context.parameters.requireSlug("quizId")
        let attempt = try quizzes.database.attemptInProgress(learnerID: identity.learner.id, quizID: quizID)
            ?? quizzes.start(quizID: quizID, learner: identity.learner)
        return Response.redirect(to: SitePath.attempt(attempt.id).path, type: .normal)
    }

    @Sendable func attempt(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attempt = try quizzes.attempt(id: context.parameters.require("attemptId"), for: identity)
        let language = Language.negotiate(request)
        if attempt.status != .inProgress { return try result(attempt, request: request, context: context, language: language) }
        if oneQuestionPerPage(attempt) {
            return Response.redirect(to: SitePath.attemptQuestion(attempt.id, firstUnanswered(attempt)).path, type: .normal)
        }
        let total = attempt.paper.items.count
        let views = attempt.paper.items.enumerated().map { offset, item in
            AttemptPage.QuestionView(
                item: item, counter: messages.text("quiz_question_of", language, ["n": "\(offset + 1)", "total": "\(total)"]),
                response: attempt.responses[item.id], messages: messages, language: language)
        }
        let page = AttemptPage(
            title: title(attempt), counter: nil, progressValue: 0, progressMax: total, questions: views,
            action: SitePath.attemptSubmit(attempt.id).path, isOnePerPage: false, hasPrevious: false, isLast: true)
        return pages.response("attempt", title: page.title, page: page, language: language, request: request, context: context)
    }

    @Sendable func question(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attempt = try quizzes.attempt(id: context.parameters.require("attemptId"), for: identity)
        let number = try context.parameters.requireStepNumber("number")
        guard attempt.status == .inProgress else { return Response.redirect(to: SitePath.attempt(attempt.id).path, type: .normal) }
        guard attempt.paper.items.indices.contains(number - 1) else { throw HTTPError(.notFound) }
        let language = Language.negotiate(request)
        let total = attempt.paper.items.count
        let item = attempt.paper.items[number - 1]
        let counter = messages.text("quiz_question_of", language, ["n": "\(number)", "total": "\(total)"])
        let page = AttemptPage(
            title: "\(counter) – \(title(attempt))", counter: counter, progressValue: number, progressMax: total,
            questions: [AttemptPage.QuestionView(item: item, counter: counter, response: attempt.responses[item.id], messages: messages, language: language)],
            action: SitePath.attemptQuestion(attempt.id, number).path, isOnePerPage: true, hasPrevious: number > 1,
            isLast: number == total)
        return pages.response("attempt", title: page.title, page: page, language: language, request: request, context: context)
    }

    /// Saves one page's answer, then goes back, forward, or submits.
    @Sendable func answer(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attemptID = try context.parameters.require("attemptId")
        let attempt = try quizzes.attempt(id: attemptID, for: identity)
        let number = try context.parameters.requireStepNumber("number")
        guard attempt.paper.items.indices.contains(number - 1) else { throw HTTPError(.notFound) }
        let fields = try await formFields(request, context: context)
        let item = attempt.paper.items[number - 1]
        let responses = QuizForm.responses(fields, paper: attempt.paper, only: [item.id])
        let go = fields["go"]?.first ?? "next"
        if go == "submit" {
            _ = try quizzes.submit(attempt, learner: identity.learner, responses: responses)
            return Response.redirect(to: SitePath.attempt(attemptID).path, type: .normal)
        }
        _ = try quizzes.database.saveResponses(attemptID: attemptID, learnerID: identity.learner.id, responses: responses)
        let target = go == "back" ? max(number - 1, 1) : min(number + 1, attempt.paper.items.count)
        return Response.redirect(to: SitePath.attemptQuestion(attemptID, target).path, type: .normal)
    }

    @Sendable func submit(_ request: Request, context: Context) async throws -> Response {
        let identity = try context.requireIdentity()
        let attemptID = try context.parameters.require("attemptId")
        let attempt = try quizzes.attempt(id: attemptID, for: identity)
        let fields = try await formFields(request, context: context)
        _ = try quizzes.submit(attempt, learner: identity.learner, responses: QuizForm.responses(fields, paper: attempt.paper))
        return Response.redirect(to: SitePath.attempt(attemptID).path, type: .normal)
    }

    private func result(_ attempt: Attempt, request: Request, context: Context, language: Language) throws -> Response {
        guard let result = attempt.result else { throw StorageError.attemptNotSubmitted }
        let total = attempt.paper.items.count
        let questions = zip(attempt.paper.items, result.questions).enumerated().compactMap { offset, pair -> ResultPage.QuestionResult? in
            let (item, grade) = pair
            guard grade.maxCredit > 0 else { return nil }
            let (outcome, outcomeClass): (String, String) = switch grade.credit {
            case nil: (messages.text("quiz_outcome_pending", language), "pending")
            case let credit? where credit >= 1: (messages.text("quiz_outcome_right", language), "right")
            case let credit? where credit > 0: (messages.text("quiz_outcome_partial", language, ["percent": "\(Int((credit * 100).rounded()))"]), "partial")
            default: (messages.text(grade.answered ? "quiz_outcome_wrong" : "quiz_outcome_unanswered", language), "wrong")
            }
            return ResultPage.QuestionResult(
                counter: messages.text("quiz_question_of", language, ["n": "\(offset + 1)", "total": "\(total)"]),
                html: QuestionText.html(item.question.text), outcome: outcome, outcomeClass: outcomeClass,
                feedback: grade.feedback.map(QuestionText.html))
        }
        let page = ResultPage(
            title: title(attempt),
            summary: messages.text("quiz_result_summary", language, [
                "score": Self.number(result.score), "maximum": Self.number(result.maximum), "percent": Self.number(result.percent),
            ]),
            verdict: Self.verdict(attempt, messages: messages, language: language),
            passed: result.passed, pending: result.status == .pendingReview, questions: questions,
            quizHref: SitePath.quiz(attempt.quizID).path, retakeLabel: messages.text("quiz_back", language))
        return pages.response("result", title: page.title, page: page, language: language, request: request, context: context)
    }

    static func verdict(_ attempt: Attempt, messages: MessageCatalogue, language: Language) -> String {
        guard let result = attempt.result else { return messages.text("quiz_in_progress", language) }
        if result.status == .pendingReview { return messages.text("quiz_pending", language) }
        return messages.text(result.passed ? "quiz_passed" : "quiz_failed", language, ["percent": number(result.percent)])
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private func title(_ attempt: Attempt) -> String {
        quizzes.content.current.catalogue.quiz(id: attempt.quizID)?.title ?? attempt.quizID
    }

    private func oneQuestionPerPage(_ attempt: Attempt) -> Bool {
        quizzes.content.current.catalogue.quiz(id: attempt.quizID)?.settings.oneQuestionPerPage ?? false
    }

    private func firstUnanswered(_ attempt: Attempt) -> Int {
        (attempt.paper.items.firstIndex { attempt.responses[$0.id] == nil } ?? 0) + 1
    }

    private func formFields(_ request: Request, context: Context) async throws -> [String: [String]] {
        var request = request
        let body = try await request.collectBody(upTo: context.maxUploadSize)
        return FormFields.parse(String(buffer: body))
    }
}
