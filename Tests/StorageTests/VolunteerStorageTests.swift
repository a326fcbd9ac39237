import CourseEngine
import Foundation
import GRDB
import Testing

@testable import Storage

private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func completed(
    _ id: String, lesson: String = "cai-dat", course: String = "vneid-co-ban", at offset: TimeInterval = 0
) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (
        ProgressEvent(
            id: id, courseID: course, lessonID: lesson, type: .completed, occurredAt: now.addingTimeInterval(offset)),
        AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1)
    )
}

private func opened(_ id: String, lesson: String = "cai-dat", at offset: TimeInterval = 0) -> (
    event: ProgressEvent, version: AppDatabase.LessonVersion
) {
    (
        ProgressEvent(
            id: id, courseID: "vneid-co-ban", lessonID: lesson, type: .opened,
            occurredAt: now.addingTimeInterval(offset)),
        AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1)
    )
}

/// A database with a volunteer of XA-01 and another of XA-02.
private func volunteers() throws -> (AppDatabase, tinh: Learner, hai: Learner) {
    let database = try AppDatabase.inMemory()
    _ = try database.importOfficials(
        [
            .init(
                username: "tinh", fullName: "Ngô Văn Tĩnh", unitCode: "XA-01", position: "Bí thư Đoàn xã",
                roles: [.volunteer], passwordHash: "h"),
            .init(
                username: "hai", fullName: "Lý Thị Hai", unitCode: "XA-02", position: "Đoàn viên", roles: [.volunteer],
                passwordHash: "h"),
        ], now: now)
    return (
        database, try #require(try database.credentials(username: "tinh")).learner,
        try #require(try database.credentials(username: "hai")).learner
    )
}

@Suite("AppDatabase: volunteers and assisted learning")
struct VolunteerStorageTests {
    @Test("a citizen registered by a volunteer takes their unit and is theirs to help, not another volunteer's")
    func registration() throws {
        // Given two volunteers
        let (database, tinh, hai) = try volunteers()

        // When one registers a citizen
        let citizen = try database.registerCitizen(
            name: "Bà Năm", phone: nil, resumeCodeHash: "code", unitCode: tinh.unitCode, registeredBy: tinh.id, now: now
        )

        // Then the citizen is in the volunteer's unit and on their list only
        #expect(citizen.unitCode == "XA-01")
        #expect(try database.isLinked(volunteerID: tinh.id, citizenID: citizen.id))
        #expect(try !database.isLinked(volunteerID: hai.id, citizenID: citizen.id))
        let list = try database.helpedCitizens(volunteerID: tinh.id)
        #expect(list.map(\.learner.id) == [citizen.id])
        #expect(list.first?.registeredAt == now)
        #expect(try database.helpedCitizens(volunteerID: hai.id).isEmpty)
    }

    @Test("who registered a citizen is kept with the citizen, creates no session, and outlives the purge of sessions")
    func registrationIsNoSession() throws {
        let (database, tinh, _) = try volunteers()
        let citizen = try database.registerCitizen(
            name: "Bà Năm", phone: nil, resumeCodeHash: "code", registeredBy: tinh.id, now: now)
        #expect(try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session") } == 0)

        _ = try database.purgeExpiredSessions(now: now.addingTimeInterval(100 * 365 * 24 * 3600))
        #expect(try database.isLinked(volunteerID: tinh.id, citizenID: citizen.id))
    }

    @Test("an assisted session names the volunteer; an ordinary one does not")
    func assistedSession() throws {
        let (database, tinh, _) = try volunteers()
        let citizen = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "code", now: now)
        try database.startAssistedSession(
            learnerID: citizen.id, volunteerID: tinh.id, tokenHash: "assisted", now: now,
            expiresAt: now.addingTimeInterval(60))
        try database.startSession(
            learnerID: citizen.id, tokenHash: "own", now: now, expiresAt: now.addingTimeInterval(60))

        #expect(try database.signedInSession(tokenHash: "assisted", now: now)?.assistedBy == tinh)
        #expect(try database.signedInSession(tokenHash: "assisted", now: now)?.learner == citizen)
        #expect(try database.signedInSession(tokenHash: "own", now: now)?.assistedBy == nil)
        #expect(try database.signedInSession(tokenHash: "assisted", now: now.addingTimeInterval(61)) == nil)
        #expect(try database.isLinked(volunteerID: tinh.id, citizenID: citizen.id))
    }

    @Test("events recorded with a volunteer are counted and stored with them; events without one are not")
    func assistedEvents() throws {
        let (database, tinh, _) = try volunteers()
        let citizen = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "code", now: now)

        _ = try database.recordProgress(
            [opened("e-1"), completed("e-2")], learnerID: citizen.id, assistedBy: tinh.id, now: now)
        _ = try database.recordProgress(
            [opened("e-3", lesson: "dang-nhap"), completed("e-4", lesson: "dang-nhap")], learnerID: citizen.id, now: now
        )
        // A duplicate sent again with help changes nothing
        _ = try database.recordProgress(
            [opened("e-3", lesson: "dang-nhap")], learnerID: citizen.id, assistedBy: tinh.id, now: now)

        let assistance = try database.assistance(learnerID: citizen.id)
        #expect(
            assistance == [
                LessonAssistance(
                    courseID: "vneid-co-ban", lessonID: "cai-dat", assistedEvents: 2,
                    completedWithHelpFrom: "Ngô Văn Tĩnh")
            ])
        let marked = try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, assistedBy FROM progressEvent ORDER BY id").map {
                ($0[0] as String, ($0[1] as Int64?) != nil)
            }
        }
        #expect(marked.map(\.1) == [true, true, false, false])
        let list = try database.helpedCitizens(volunteerID: tinh.id)
        #expect(list.first?.lessonsCompleted == 2)
        #expect(list.first?.lessonsCompletedWithHelp == 1)
        #expect(list.first?.lessonsCompletedAlone == 1)
        #expect(list.first?.registeredAt == nil)
    }

    @Test(
        "a lesson first completed alone stays alone when help comes later; an earlier assisted completion received late counts"
    )
    func firstCompletionDecides() throws {
        let (database, tinh, _) = try volunteers()
        let citizen = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "code", now: now)

        // Alone first, then again with help
        _ = try database.recordProgress([completed("a-1", at: 0)], learnerID: citizen.id, now: now)
        _ = try database.recordProgress(
            [completed("a-2", at: 60)], learnerID: citizen.id, assistedBy: tinh.id, now: now)
        // With help first, but received after a later completion alone
        _ = try database.recordProgress(
            [completed("b-1", lesson: "dang-nhap", at: 60)], learnerID: citizen.id, now: now)
        _ = try database.recordProgress(
            [completed("b-2", lesson: "dang-nhap", at: 0)], learnerID: citizen.id, assistedBy: tinh.id, now: now)

        let byLesson = Dictionary(
            uniqueKeysWithValues: try database.assistance(learnerID: citizen.id).map { ($0.lessonID, $0) })
        #expect(byLesson["cai-dat"]?.completedWithHelp == false)
        #expect(byLesson["cai-dat"]?.assistedEvents == 1)
        #expect(byLesson["dang-nhap"]?.completedWithHelp == true)
    }

    @Test("completions per unit and course count those made with a volunteer")
    func assistedCompletions() throws {
        let (database, tinh, hai) = try volunteers()
        let nam = try database.registerCitizen(
            name: "Bà Năm", phone: nil, resumeCodeHash: "a", unitCode: "XA-01", registeredBy: tinh.id, now: now)
        let sau = try database.registerCitizen(
            name: "Ông Sáu", phone: nil, resumeCodeHash: "b", unitCode: "XA-02", registeredBy: hai.id, now: now)
        _ = try database.recordProgress(
            [completed("c-1"), completed("c-2", lesson: "dang-nhap")], learnerID: nam.id, assistedBy: tinh.id, now: now)
        _ = try database.recordProgress([completed("c-3")], learnerID: tinh.id, now: now)
        _ = try database.recordProgress([completed("c-4")], learnerID: sau.id, now: now)
        _ = try database.recordCompletion(
            learnerID: nam.id, courseID: "vneid-co-ban", courseVersion: 1, courseTitle: "VNeID", assistedBy: tinh.id,
            now: now)
        _ = try database.recordCompletion(
            learnerID: sau.id, courseID: "vneid-co-ban", courseVersion: 1, courseTitle: "VNeID", now: now)

        let counts = try database.assistedCompletions(unitCodes: ["XA-01", "XA-02"])
        #expect(
            counts == [
                AssistedCompletionCount(
                    unitCode: "XA-01", courseID: "vneid-co-ban", lessonCompletions: 3, assistedLessonCompletions: 2,
                    courseCompletions: 1,
                    assistedCourseCompletions: 1),
                AssistedCompletionCount(
                    unitCode: "XA-02", courseID: "vneid-co-ban", lessonCompletions: 1, assistedLessonCompletions: 0,
                    courseCompletions: 1,
                    assistedCourseCompletions: 0),
            ])
        #expect(try database.assistedCompletions(unitCodes: ["XA-03"]).isEmpty)
    }
}
