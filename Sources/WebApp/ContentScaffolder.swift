import CourseEngine
import Foundation

/// Writes what `binhdan new` scaffolds into the content folders, never over an existing file or folder.
public struct ContentScaffolder: Sendable {
    /// What was written and what to do next.
    public struct Report: Sendable, Equatable {
        /// Paths of the files written, as `<folder>/<relative path>`, in order.
        public var files: [String]
        /// One line each, to print after the files.
        public var nextSteps: [String]
    }

    public var coursesPath: String
    public var assessmentsPath: String

    public init(coursesPath: String, assessmentsPath: String) {
        self.coursesPath = coursesPath
        self.assessmentsPath = assessmentsPath
    }

    /// Creates `<courses>/<id>/` with course.md and a first lesson.
    public func newCourse(id: String, title: String? = nil, audience: Audience = .everyone) throws -> Report {
        try Scaffold.validate(id: id, kind: .course)
        if let title { try Scaffold.validate(title: title) }
        let folder = join(coursesPath, id)
        guard !FileManager.default.fileExists(atPath: folder) else { throw ScaffoldError.alreadyExists(path: folder) }
        let files = try write(Scaffold.course(id: id, title: title, audience: audience), into: coursesPath)
        let quizID = Scaffold.suggestedQuizID(forCourse: id)
        return Report(
            files: files,
            nextSteps: [
                "Edit the title, summary and introduction in \(join(folder, "course.md")), then write the first lesson.",
                "Add lessons with 'binhdan new lesson \(id) <lesson-id>' (add --guided for a step-by-step lesson).",
                "Add a final quiz with 'binhdan new quiz \(quizID)', then remove the '# ' before 'final_quiz:' in course.md.",
                "Check with 'binhdan check' (or 'make check'), then see it with 'make run' at /courses/\(id).",
            ])
    }

    /// Adds the next numbered lesson to an existing course; a guided one also gets its placeholder picture.
    public func newLesson(courseID: String, lessonID: String, guided: Bool = false, title: String? = nil) throws
        -> Report
    {
        try Scaffold.validate(id: courseID, kind: .course)
        try Scaffold.validate(id: lessonID, kind: .lesson)
        if let title { try Scaffold.validate(title: title) }
        let folder = join(coursesPath, courseID)
        guard FileManager.default.fileExists(atPath: join(folder, "course.md")) else {
            throw ScaffoldError.unknownCourse(id: courseID, coursesPath: coursesPath)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        if Scaffold.lessonIDs(in: names).contains(lessonID),
            let existing = names.sorted().first(where: { $0.hasSuffix("-\(lessonID).md") })
        {
            throw ScaffoldError.lessonExists(id: lessonID, file: join(folder, existing))
        }
        let number = Scaffold.nextLessonNumber(after: names)
        let templates = Scaffold.lesson(
            courseID: courseID, lessonID: lessonID, number: number, guided: guided, title: title)
        let files = try write(templates, into: coursesPath)
        var steps = ["Write the lesson in \(files[0])."]
        if guided {
            steps.append(
                "Replace the placeholder picture \(join(folder, Scaffold.guidedImagePath(lessonID: lessonID))) with a drawing of the screen, and its alt text."
            )
        }
        steps.append(
            "Check with 'binhdan check' (or 'make check'), then see it with 'make run' at /courses/\(courseID)/\(lessonID)."
        )
        return Report(files: files, nextSteps: steps)
    }

    /// Writes `<assessments>/<id>.gift` with one question of each common type, and `<id>.yml`.
    public func newQuiz(id: String, title: String? = nil) throws -> Report {
        try Scaffold.validate(id: id, kind: .quiz)
        if let title { try Scaffold.validate(title: title) }
        let files = try write(Scaffold.quiz(id: id, title: title), into: assessmentsPath)
        return Report(
            files: files,
            nextSteps: [
                "Rewrite the questions in \(join(assessmentsPath, "\(id).gift")) for your course; see them as read with "
                    + "'binhdan quiz inspect \(join(assessmentsPath, "\(id).gift"))'.",
                "Use it: add 'final_quiz: \(id)' to a course.md, or 'quiz: \(id)' to a lesson's front matter "
                    + "(until then 'binhdan check' warns that no course or lesson uses it).",
                "Check with 'binhdan check' (or 'make check'), then see it with 'make run' at /quizzes/\(id).",
            ])
    }

    /// Writes every template below `root`, after making sure none of them exists; returns the paths, course.md and
    /// lessons first.
    private func write(_ templates: [String: String], into root: String) throws -> [String] {
        let fileManager = FileManager.default
        let relatives = templates.keys.sorted { (rank($0), $0) < (rank($1), $1) }
        for relative in relatives where fileManager.fileExists(atPath: join(root, relative)) {
            throw ScaffoldError.alreadyExists(path: join(root, relative))
        }
        var written: [String] = []
        for relative in relatives {
            let path = join(root, relative)
            let url = URL(fileURLWithPath: path)
            try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                // Refuses to replace a file that appeared since the check above.
                try Data(templates[relative, default: ""].utf8).write(to: url, options: .withoutOverwriting)
            } catch CocoaError.fileWriteFileExists {
                throw ScaffoldError.alreadyExists(path: path)
            }
            written.append(path)
        }
        return written
    }

    /// course.md first, then lessons and quiz banks, then settings and pictures.
    private func rank(_ relative: String) -> Int {
        if relative.hasSuffix("/course.md") { return 0 }
        if relative.hasSuffix(".md") || relative.hasSuffix(".gift") { return 1 }
        return 2
    }

    private func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : "\(directory)/\(name)"
    }
}
