/// Who a course is written for.
public enum Audience: String, Sendable, Hashable, Codable, CaseIterable {
    case officials
    case citizens
    case everyone
}

/// A published course: its description from `course.md` and its lessons in order.
public struct Course: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String
    public var audience: Audience
    /// Raised by the trainer whenever the procedure behind the course changes.
    public var version: Int
    public var estimatedMinutes: Int
    /// BCP 47 language code of the content, `vi` unless the author says otherwise.
    public var language: String
    public var tags: [String]
    /// The quiz that ends the course, if any.
    public var finalQuiz: String?
    /// Set with a raised `version` when the procedure changed: completions of earlier versions need a refresh.
    public var refreshRequired: Bool = false
    /// `draft: true`: shown to trainers and admins only, marked as a draft, until the trainer removes the key.
    public var draft: Bool = false
    /// The body of `course.md`, rendered.
    public var introHTML: String
    public var lessons: [Lesson]
    /// Hash of every source file of the course, so any edit changes it.
    public var contentHash: String

    /// The lesson with this id, if the course has one.
    public func lesson(id: String) -> Lesson? {
        lessons.first { $0.id == id }
    }
}

/// The two ways a lesson is read.
public enum LessonKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An article read on one page.
    case reading
    /// A tutorial followed one step per screen; each level-2 heading starts a step.
    case guided
}

/// One lesson of a course, rendered once when the content is loaded.
public struct Lesson: Sendable, Identifiable {
    /// The file's slug without its number prefix, so reordering files never breaks stored progress.
    public var id: String
    public var courseID: String
    /// The number prefix of the file, which orders the lessons.
    public var position: Int
    public var title: String
    public var kind: LessonKind
    public var estimatedMinutes: Int
    /// The quiz id this lesson ends with, if any.
    public var quiz: String?
    /// The whole lesson rendered, headings included.
    public var html: String
    /// For guided lessons, what comes before the first step; for reading lessons, the whole lesson.
    public var introHTML: String
    /// The steps of a guided lesson; empty for a reading lesson.
    public var steps: [Step]
    /// Headings with their anchors, for a table of contents.
    public var headings: [Heading]
    /// SHA-256 of the lesson file, hex encoded.
    public var contentHash: String
    /// Display path of the source file.
    public var sourcePath: String
    /// `draft: true`: shown to trainers and admins only, marked as a draft.
    public var draft: Bool = false
}

/// One screen of a guided lesson.
public struct Step: Sendable, Hashable {
    /// 1-based.
    public var number: Int
    public var title: String
    /// Anchor of the step's heading in the whole lesson.
    public var anchor: String
    /// The step's content, without its heading.
    public var html: String
    /// The text of the step's first TIP callout, shown when the learner asks for help.
    public var hintHTML: String?
}

/// A heading of a rendered lesson.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
}
