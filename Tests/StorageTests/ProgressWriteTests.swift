import CourseEngine
import Foundation
import Testing

@testable import Storage

private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func event(
    _ id: String, _ type: ProgressEventType, lesson: String = "cai-dat", step: Int? = nil, at offset: TimeInterval,
    seconds: Int? = 5
) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (
        ProgressEvent(
            id: id, courseID: "vneid-co-ban", lessonID: lesson, type: type, step: step,
            occurredAt: now.addingTimeInterval(offset), secondsSpent: seconds),
        AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1)
    )
}

@Suite("Storing progress: one read and one write per lesson and request")
struct ProgressWriteTests {
    /// Events out of order, on two lessons, with a completion that an earlier one replaces.
    private let events = [
        event("a", .opened, at: 0),
        event("b", .step, step: 2, at: 30),
        event("c", .opened, lesson: "dang-nhap", at: 40),
        event("d", .step, step: 1, at: 10),
        event("e", .completed, at: 90),
        event("f", .completed, at: 60),
        event("g", .step, lesson: "dang-nhap", step: 3, at: 70, seconds: nil),
    ]

    @Test("a batch leaves the same summaries as its events sent one request at a time")
    func batchMatchesOneAtATime() throws {
        // Given two learners
        let database = try AppDatabase.inMemory()
        let batched = try database.registerCitizen(name: "Lò Văn A", phone: nil, resumeCodeHash: "a", now: now).id
        let single = try database.registerCitizen(name: "Lò Văn B", phone: nil, resumeCodeHash: "b", now: now).id

        // When one sends every event in one request and the other in one request each
        let receipt = try database.recordProgress(events, learnerID: batched, now: now)
        for item in events {
            var copy = item
            copy.event.id += "-single"
            _ = try database.recordProgress([copy], learnerID: single, now: now)
        }

        // Then both have the same lesson summaries
        #expect(receipt.accepted == events.count)
        let sort = { (progress: [LessonProgress]) in progress.sorted { $0.lessonID < $1.lessonID } }
        let expected = sort(try database.progress(learnerID: single))
        #expect(sort(try database.progress(learnerID: batched)) == expected)
        #expect(expected.first { $0.lessonID == "cai-dat" }?.completedAt == now.addingTimeInterval(60))
        #expect(expected.first { $0.lessonID == "cai-dat" }?.furthestStep == 2)
    }

    @Test("dates written by the progress writer read back to the millisecond")
    func datesRoundTrip() throws {
        // Given a learner and an event at a time with milliseconds
        let database = try AppDatabase.inMemory()
        let learner = try database.registerCitizen(name: "Lò Văn A", phone: nil, resumeCodeHash: "a", now: now).id
        let at = Date(timeIntervalSince1970: 1_790_000_123.456)

        // When it is stored
        _ = try database.recordProgress(
            [(ProgressEvent(id: "x", courseID: "vneid-co-ban", lessonID: "cai-dat", type: .opened, occurredAt: at),
              AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1))],
            learnerID: learner, now: now)

        // Then the summary holds the same instant, to the millisecond
        let stored = try #require(try database.progress(learnerID: learner).first)
        #expect(abs(stored.firstOpenedAt.timeIntervalSince(at)) < 0.001)
    }

    @Test("stored dates are written as GRDB writes them", arguments: [
        0.0, 1_790_000_000, 1_790_000_000.999, 1_790_000_000.0005, 1_790_000_000.9996, -1.5, -0.0004, 951_782_400.25, 4_102_444_799.999,
    ])
    func storedDateFormat(seconds: Double) {
        // Given GRDB's own format for stored dates
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss.SSS"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        let date = Date(timeIntervalSince1970: seconds)

        // When the writer formats the date, then it writes the same text
        #expect(StoredDate.text(date) == formatter.string(from: date))
    }
}
