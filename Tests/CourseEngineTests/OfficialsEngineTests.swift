import Foundation
import Testing

@testable import CourseEngine

@Suite("Due dates, statuses and certificates")
struct OfficialsEngineTests {
    @Test("due dates are calendar days in Vietnam; malformed or impossible dates are refused")
    func dueDates() throws {
        let deadline = try #require(DueDate.deadline("2026-12-31"))
        #expect(DueDate.day(of: deadline) == "2026-12-31")
        #expect(DueDate.day(of: deadline.addingTimeInterval(1)) == "2027-01-01")
        for bad in ["2026-13-05", "2026-02-30", "2026-1-011", "31/12/2026", "", "2026-12-3x"] {
            #expect(DueDate.deadline(bad) == nil, "\(bad)")
        }
    }

    @Test("a course is completed, in progress, not started, overdue or needs a refresh")
    func statuses() throws {
        let course = Course(
            id: "c", title: "C", summary: "", audience: .officials, version: 3, estimatedMinutes: 10, language: "vi",
            tags: [], finalQuiz: nil, refreshRequired: true, introHTML: "", lessons: [], contentHash: "")
        let now = Date()
        let past = now.addingTimeInterval(-86_400)
        let future = now.addingTimeInterval(86_400)
        #expect(course.status(started: false, completions: [], dueDate: future, now: now) == .notStarted)
        #expect(course.status(started: true, completions: [], dueDate: future, now: now) == .inProgress)
        #expect(course.status(started: true, completions: [], dueDate: past, now: now) == .overdue)
        #expect(course.status(started: false, completions: [CourseCompletion(courseID: "c", courseVersion: 3, completedAt: now)], dueDate: past, now: now) == .completed)
        #expect(course.status(started: false, completions: [CourseCompletion(courseID: "c", courseVersion: 2, completedAt: now)], dueDate: future, now: now) == .needsRefresh)
        var relaxed = course
        relaxed.refreshRequired = false
        #expect(relaxed.status(started: false, completions: [CourseCompletion(courseID: "c", courseVersion: 1, completedAt: now)], dueDate: future, now: now) == .completed)
    }

    @Test("certificate codes are read however they are typed, and names are masked for strangers")
    func certificates() {
        var generator = SystemRandomNumberGenerator()
        let code = Certificate.newCode(using: &generator)
        #expect(code.count == 14)
        #expect(Certificate.normalize(code.lowercased().replacingOccurrences(of: "-", with: " ")) == code)
        #expect(Certificate.normalize("ABC") == nil)
        let certificate = Certificate(code: code, learnerID: "l", courseID: "c", courseVersion: 1, courseTitle: "C", holderName: "Nguyễn Thị Hương", issuedAt: Date())
        #expect(certificate.maskedHolderName == "Nguyễn T. H.")
    }
}
