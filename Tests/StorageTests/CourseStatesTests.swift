import CourseEngine
import Foundation
import GRDB
import Testing

@testable import Storage

private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func official(_ username: String, name: String, unit: String) -> AppDatabase.OfficialRow {
    AppDatabase.OfficialRow(
        username: username, fullName: name, unitCode: unit, position: "Công chức một cửa", roles: [.learner], passwordHash: "hash")
}

private func opened(_ id: String, course: String) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (ProgressEvent(id: id, courseID: course, lessonID: "bai-1", type: .opened, step: nil, occurredAt: now, secondsSpent: nil),
     AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1))
}

/// A quiz of one multiple-choice question and one essay, built by the real engine.
private func quiz() throws -> Quiz {
    let gift = "::q1:: Hai cộng hai bằng mấy? {=4 ~5}\n\n::q2:: Kể lại một lần bạn dùng VNeID. {}\n"
    let source = CatalogueSource(
        courses: [], quizzes: [QuizSource(id: "kiem-tra", bank: SourceFile(path: "kiem-tra.gift", name: "kiem-tra.gift", contents: Array(gift.utf8)), settings: nil)])
    return try #require(CatalogueBuilder().build(source).catalogue.quiz(id: "kiem-tra"))
}

private func choice(_ attempt: Attempt, correct: Bool) throws -> [String: QuestionResponse] {
    let item = try #require(attempt.paper.items.first { $0.question.type == .multichoice })
    let position = try #require(item.choiceOrder.firstIndex { (item.question.answers[$0].fraction > 0) == correct })
    return [item.id: .choice(position + 1)]
}

/// Every official a report would read, with their records copied out.
private func standings(_ database: AppDatabase, units: Set<String>, courses: [ReportedCourse]) throws -> [(handle: Int64, unitCode: String, records: [CourseStanding])] {
    var found: [(handle: Int64, unitCode: String, records: [CourseStanding])] = []
    try database.forEachOfficialStanding(unitCodes: units, courses: courses) { found.append(($0.handle, $0.unitCode, Array($0.records))) }
    return found
}

@Suite("Packed course states")
struct CourseStatesTests {
    @Test("progress, completions and graded attempts show in the standing, exactly as a rebuild from the raw records")
    func standingFollowsRecords() throws {
        // Given an official who opened a lesson, completed the course and attempted its quiz twice
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan", name: "Trần Thị Lan", unit: "XA-01")], now: now)
        let lan = try #require(try database.credentials(username: "lan")?.learner)
        _ = try database.recordProgress([opened("e1", course: "vneid")], learnerID: lan.id, now: now)
        _ = try database.recordCompletion(learnerID: lan.id, courseID: "vneid", courseVersion: 1, courseTitle: "VNeID", now: now)
        let quiz = try quiz()
        var generator = SystemRandomNumberGenerator()
        let first = try database.startAttempt(learnerID: lan.id, quiz: quiz, paper: AttemptPaper.draw(from: quiz, using: &generator), now: now)
        _ = try database.submitAttempt(attemptID: first.id, learnerID: lan.id, responses: try choice(first, correct: false), passPercent: 50, now: now)
        let second = try database.startAttempt(learnerID: lan.id, quiz: quiz, paper: AttemptPaper.draw(from: quiz, using: &generator), now: now)
        _ = try database.submitAttempt(attemptID: second.id, learnerID: lan.id, responses: try choice(second, correct: true), passPercent: 50, now: now)
        let essay = try #require(second.paper.items.first { $0.question.type == .essay }?.id)
        _ = try database.reviewEssay(attemptID: second.id, questionID: essay, credit: 1, feedback: nil, passPercent: 50)

        // When a report reads her standing on that course and on one she never opened
        let courses = [ReportedCourse(id: "vneid", finalQuiz: "kiem-tra", countsFromVersion: 1), ReportedCourse(id: "chu-ky-so", finalQuiz: nil, countsFromVersion: 1)]
        let read = try standings(database, units: ["XA-01"], courses: courses)

        // Then it holds what she did, the same when read by handle, and a rebuild from the raw records finds nothing different
        let expected = [CourseStanding(started: true, completedAt: now, bestPercent: 100), CourseStanding()]
        #expect(read.map(\.records) == [expected])
        #expect(try database.officialStandings(handles: read.map(\.handle), courses: courses) == [read[0].handle: expected])
        #expect(try database.rebuildCourseStates() == false)
    }

    @Test("a review that lowers an attempt's score lowers the best score too")
    func reviewLowersBest() throws {
        // Given an attempt whose essay is pending, then graded with no credit
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan", name: "Trần Thị Lan", unit: "XA-01")], now: now)
        let lan = try #require(try database.credentials(username: "lan")?.learner)
        let quiz = try quiz()
        var generator = SystemRandomNumberGenerator()
        let attempt = try database.startAttempt(learnerID: lan.id, quiz: quiz, paper: AttemptPaper.draw(from: quiz, using: &generator), now: now)
        _ = try database.submitAttempt(attemptID: attempt.id, learnerID: lan.id, responses: try choice(attempt, correct: true), passPercent: 50, now: now)
        let essay = try #require(attempt.paper.items.first { $0.question.type == .essay }?.id)
        let review = try database.reviewEssay(attemptID: attempt.id, questionID: essay, credit: 0, feedback: "Chưa đủ", passPercent: 50)

        // When the standing is read
        let best = try standings(database, units: ["XA-01"], courses: [ReportedCourse(id: "vneid", finalQuiz: "kiem-tra", countsFromVersion: 1)])
            .first?.records.first?.bestPercent

        // Then it is the reviewed percent
        #expect(best == review.result?.percent)
        #expect(review.result?.percent != nil)
    }

    @Test("standings list only the officials of the units asked for, ordered by name")
    func standingsScopeAndOrder() throws {
        // Given officials in two communes
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([
            official("minh", name: "Nguyễn Văn Minh", unit: "XA-01"), official("an", name: "Đỗ Văn An", unit: "XA-02"),
            official("binh", name: "Bùi Thị Bình", unit: "XA-01"),
        ], now: now)

        // When a report reads the first commune
        let read = try standings(database, units: ["XA-01"], courses: [])

        // Then it has its two officials, by name
        let names = try database.officialIdentities(read.map(\.handle))
        #expect(read.map { names[$0.handle]?.displayName } == ["Bùi Thị Bình", "Nguyễn Văn Minh"])
        #expect(read.map(\.unitCode) == ["XA-01", "XA-01"])
    }

    @Test("the migration that packs course states derives them from records written before it")
    func migrationPacksExistingRecords() throws {
        // Given a database at the previous schema, with progress, a completion and an attempt
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v3: units, assignments, completions, certificates")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO learner (rowid, publicId, kind, username, displayName, unitCode, roles, createdAt, updatedAt)
                VALUES (1, 'p1', 'official', 'lan', 'Trần Thị Lan', 'XA-01', 'learner', ?, ?);
                INSERT INTO lessonProgress (learnerId, courseId, lessonId, status, furthestStep, lastStep, secondsSpent,
                  firstOpenedAt, lastActivityAt, contentHash, courseVersion) VALUES (1, 'vneid', 'bai-1', 'in_progress', 0, 0, 0, ?, ?, 'h', 1);
                INSERT INTO courseCompletion (learnerId, courseId, courseVersion, completedAt) VALUES (1, 'vneid', 2, ?);
                INSERT INTO attempt (id, learnerId, quizId, quizContentHash, status, paper, responses, percent, startedAt)
                VALUES ('a1', 1, 'kiem-tra', 'h', 'graded', '{}', '{}', 75, ?);
                """, arguments: [now, now, now, now, now, now])
        }

        // When the database is opened by this version
        let database = try AppDatabase(queue)

        // Then the official's standing holds those records
        let read = try standings(database, units: ["XA-01"], courses: [ReportedCourse(id: "vneid", finalQuiz: "kiem-tra", countsFromVersion: 1)])
        #expect(read.map(\.records) == [[CourseStanding(started: true, completedAt: now, bestPercent: 75)]])
    }

    @Test("a completion of a version that no longer counts shows as completed before, not as completed")
    func olderVersionCompletion() throws {
        // Given an official who completed version 1 of a course that now counts from version 2
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan", name: "Trần Thị Lan", unit: "XA-01")], now: now)
        let lan = try #require(try database.credentials(username: "lan")?.learner)
        _ = try database.recordCompletion(learnerID: lan.id, courseID: "vneid", courseVersion: 1, courseTitle: "VNeID", now: now)

        // When a report reads her standing
        let read = try standings(database, units: ["XA-01"], courses: [ReportedCourse(id: "vneid", finalQuiz: nil, countsFromVersion: 2)])

        // Then the old completion does not count, but is known
        #expect(read.map(\.records) == [[CourseStanding(completedAt: nil, completedBefore: true)]])
    }

    @Test("a damaged blob reads as nothing instead of failing the report")
    func damagedBlob() {
        #expect(CourseStates(blob: Data([1, 1, 200, 0x41])) == CourseStates())
        #expect(CourseStates(blob: Data([9, 1, 2, 3])) == CourseStates())
    }
}
