import CourseEngine
import Foundation
import Storage

/// Required courses, completion, certificates and reports: the officials' side of binhdan.
struct OfficialsService: Sendable {
    let content: ContentStore
    let database: AppDatabase

    /// One course an official must complete, with the earliest due date among the assignments that cover them.
    struct DueCourse: Sendable {
        let course: Course
        let assignment: Assignment
        let status: CourseStatus
    }

    func tree() throws -> UnitTree { UnitTree(try database.units()) }

    /// The courses assigned to an official, overdue and due within seven days first, then by due date.
    func dueCourses(for learner: Learner, now: Date = Date()) throws -> [DueCourse] {
        guard learner.kind == .official else { return [] }
        let tree = try tree()
        let catalogue = content.current.catalogue
        var earliest: [String: Assignment] = [:]
        for assignment in try database.activeAssignments() where assignment.covers(learner, in: tree) {
            guard catalogue.course(id: assignment.courseID) != nil else { continue }
            if let current = earliest[assignment.courseID], current.dueDate <= assignment.dueDate { continue }
            earliest[assignment.courseID] = assignment
        }
        let progress = try database.progress(learnerID: learner.id)
        let completions = try database.completions(learnerID: learner.id)
        let soon = now.addingTimeInterval(7 * 24 * 3600)
        return earliest.values.compactMap { assignment in
            guard let course = catalogue.course(id: assignment.courseID) else { return nil }
            let status = course.status(
                started: progress.contains { $0.courseID == course.id }, completions: completions,
                dueDate: assignment.deadline, now: now)
            return DueCourse(course: course, assignment: assignment, status: status)
        }.sorted { a, b in
            func urgent(_ due: DueCourse) -> Bool {
                due.status == .overdue || (due.status != .completed && (due.assignment.deadline ?? .distantFuture) <= soon)
            }
            if urgent(a) != urgent(b) { return urgent(a) }
            return (a.assignment.dueDate, a.course.title) < (b.assignment.dueDate, b.course.title)
        }
    }

    /// Records the completion of a course, and issues its certificate, when the learner has just met its rule:
    /// every lesson done for a version that still counts, and the final quiz passed. The completion is marked with
    /// `assistedBy`, or else with the volunteer helping the learner in this request, if any.
    @discardableResult
    func checkCompletion(
        learner: Learner, courseID: String, assistedBy: String? = nil, now: Date = Date()
    ) throws -> Certificate? {
        guard let course = content.current.catalogue.course(id: courseID) else { return nil }
        let completions = try database.completions(learnerID: learner.id).filter { $0.courseID == courseID }
        if completions.contains(where: { $0.courseVersion >= course.version }) { return nil }
        let progress = try database.progress(learnerID: learner.id)
        // After a refresh, the final quiz must be passed again, after the completion that needs refreshing.
        let since = course.refreshRequired ? completions.map(\.completedAt).max() : nil
        let passed = try course.finalQuiz.map { try database.hasPassed(learnerID: learner.id, quizID: $0, after: since) } ?? true
        guard course.isCompleted(progress: progress, finalQuizPassed: passed) else { return nil }
        return try database.recordCompletion(
            learnerID: learner.id, courseID: course.id, courseVersion: course.version, courseTitle: course.title,
            assistedBy: assistedBy ?? Assistance.volunteer(for: learner), now: now)
    }

    /// A supervisor's report on the officials of `unitCode` (after merges) and, if asked, every unit below it.
    func report(
        unitCode: String, includeSubunits: Bool, courseFilter: String?, statusFilter: CourseStatus?, tree: UnitTree, now: Date = Date()
    ) throws -> UnitReportPlan {
        let effective = tree.effectiveCode(unitCode)
        // Without subunits: the unit itself and the units merged into it.
        let scope = includeSubunits ? tree.subtree(effective) : Set(tree.units.keys.filter { tree.effectiveCode($0) == effective })
        let assignments = try database.activeAssignments()
        let courses = UnitReportPlan.courses(assignments: assignments, courseFilter: courseFilter, catalogue: content.current.catalogue)
        return try UnitReportPlan.build(
            unitCode: unitCode, includeSubunits: includeSubunits, courseFilter: courseFilter, statusFilter: statusFilter, tree: tree,
            assignments: assignments, courses: courses, now: now
        ) { reported, body in try database.forEachOfficialStanding(unitCodes: scope, courses: reported, body) }
    }

    /// The courses whose completion may change when this quiz is passed.
    func courses(withQuiz quizID: String) -> [String] {
        content.current.catalogue.courses.filter { course in
            course.finalQuiz == quizID || course.lessons.contains { $0.quiz == quizID }
        }.map(\.id)
    }
}
