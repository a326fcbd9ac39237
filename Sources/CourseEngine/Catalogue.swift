/// The published courses, in a stable order, with fast lookup by id.
public struct Catalogue: Sendable {
    public let courses: [Course]
    /// Published quizzes by id.
    public let quizzes: [String: Quiz]
    private let indexByID: [String: Int]

    public init(courses: [Course], quizzes: [String: Quiz] = [:]) {
        self.courses = courses
        self.quizzes = quizzes
        var index: [String: Int] = [:]
        for (offset, course) in courses.enumerated() { index[course.id] = offset }
        self.indexByID = index
    }

    /// The course with this id, if it is published.
    public func course(id: String) -> Course? {
        indexByID[id].map { courses[$0] }
    }

    /// The quiz with this id, if it is published.
    public func quiz(id: String) -> Quiz? { quizzes[id] }

    /// The number of lessons across all courses.
    public var lessonCount: Int { courses.reduce(0) { $0 + $1.lessons.count } }

    /// What learners and guests see: the same catalogue without draft courses and draft lessons.
    public func withoutDrafts() -> Catalogue {
        let published = courses.filter { !$0.draft }.map { course in
            var course = course
            course.lessons = course.lessons.filter { !$0.draft }
            return course
        }
        return Catalogue(courses: published, quizzes: quizzes)
    }
}

/// What a reader asked for that the catalogue does not have.
public enum CatalogueError: Error, Equatable, Sendable {
    case courseNotFound(courseID: String)
    case lessonNotFound(courseID: String, lessonID: String)
    case stepNotFound(courseID: String, lessonID: String, step: Int)
    case lessonHasNoSteps(courseID: String, lessonID: String)
    case quizNotFound(quizID: String)
}

extension Catalogue {
    /// The course with this id, or `CatalogueError.courseNotFound`.
    public func requireCourse(id: String) throws(CatalogueError) -> Course {
        guard let course = course(id: id) else { throw .courseNotFound(courseID: id) }
        return course
    }

    /// The lesson with these ids and its course, or the reason there is none.
    public func requireLesson(courseID: String, lessonID: String) throws(CatalogueError) -> (Course, Lesson) {
        let course = try requireCourse(id: courseID)
        guard let lesson = course.lesson(id: lessonID) else {
            throw .lessonNotFound(courseID: courseID, lessonID: lessonID)
        }
        return (course, lesson)
    }

    /// The quiz with this id, or `CatalogueError.quizNotFound`.
    public func requireQuiz(id: String) throws(CatalogueError) -> Quiz {
        guard let quiz = quizzes[id] else { throw .quizNotFound(quizID: id) }
        return quiz
    }

    /// Step `number` (1-based) of a guided lesson, or the reason there is none.
    public func requireStep(courseID: String, lessonID: String, number: Int) throws(CatalogueError) -> (Course, Lesson, Step) {
        let (course, lesson) = try requireLesson(courseID: courseID, lessonID: lessonID)
        guard lesson.kind == .guided else { throw .lessonHasNoSteps(courseID: courseID, lessonID: lessonID) }
        guard lesson.steps.indices.contains(number - 1) else {
            throw .stepNotFound(courseID: courseID, lessonID: lessonID, step: number)
        }
        return (course, lesson, lesson.steps[number - 1])
    }
}
