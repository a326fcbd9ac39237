import CourseEngine

/// Who is helping whom in the request being handled: set by `SessionMiddleware` for an assisted session, so that
/// progress recorded anywhere in the request (API, pages, quizzes) is marked with the volunteer without every handler
/// passing it along.
struct Assistance: Sendable, Equatable {
    /// The citizen being helped.
    let learnerID: String
    /// The volunteer beside them.
    let volunteerID: String

    @TaskLocal static var current: Assistance?

    /// The volunteer helping `learner` in this request, if any; nil for anyone else's records.
    static func volunteer(for learner: Learner) -> String? {
        guard let current, current.learnerID == learner.id else { return nil }
        return current.volunteerID
    }
}
