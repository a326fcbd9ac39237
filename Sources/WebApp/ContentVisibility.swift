import CourseEngine
import Hummingbird

extension Learner {
    /// Trainers and admins see draft courses and lessons, marked as drafts; everyone else does not.
    var seesDrafts: Bool { has(.trainer) || has(.admin) }
}

extension PublishedContent {
    /// The catalogue this person may read: with drafts for trainers and admins, without them for learners and guests.
    func catalogue(for identity: Identity?) -> Catalogue {
        identity?.learner.seesDrafts == true ? preview : catalogue
    }
}

/// A request context that knows who is asking, so read-only routes can show drafts to trainers.
protocol IdentifiedRequestContext: RequestContext {
    var identity: Identity? { get }
}

extension AppRequestContext: IdentifiedRequestContext {}

extension LessonProgress {
    /// True when the learner completed this lesson and it has been edited since they last saw it.
    func isUpdated(since lesson: Lesson) -> Bool {
        status == .completed && contentHash != lesson.contentHash
    }
}
