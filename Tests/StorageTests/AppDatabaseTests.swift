import CourseEngine
import Foundation
import Testing

@testable import Storage

private let now = Date(timeIntervalSince1970: 1_790_000_000)

private func official(_ username: String, unit: String = "XA-01", password: String? = "hash") -> AppDatabase.OfficialRow {
    AppDatabase.OfficialRow(
        username: username, fullName: "Nguyễn Văn \(username)", unitCode: unit, position: "Công chức một cửa",
        roles: [.learner], passwordHash: password)
}

private func event(_ id: String, _ type: ProgressEventType, step: Int? = nil, at offset: TimeInterval = 0, seconds: Int? = nil) -> (event: ProgressEvent, version: AppDatabase.LessonVersion) {
    (ProgressEvent(id: id, courseID: "vneid-co-ban", lessonID: "cai-dat", type: type, step: step,
                   occurredAt: now.addingTimeInterval(offset), secondsSpent: seconds),
     AppDatabase.LessonVersion(contentHash: "h1", courseVersion: 1))
}

@Suite("AppDatabase")
struct AppDatabaseTests {
    @Test("a database file is opened in WAL mode with foreign keys on")
    func fileSettings() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("binhdan-\(UUID()).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = try AppDatabase.open(path: path)
        let (mode, foreignKeys, synchronous) = try database.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
             try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(foreignKeys == 1)
        #expect(synchronous == 2)
    }

    @Test("the first administrator is created only in an empty database")
    func firstAdmin() throws {
        let database = try AppDatabase.inMemory()
        #expect(try database.createFirstAdmin(username: "admin", displayName: "Quản trị", passwordHash: "h", now: now))
        #expect(try !database.createFirstAdmin(username: "admin2", displayName: "Quản trị", passwordHash: "h", now: now))
        let admin = try #require(try database.credentials(username: "admin"))
        #expect(admin.learner.roles == [.learner, .admin])
        #expect(try database.learnerCount() == 1)
    }

    @Test("an import creates new officials and updates existing ones, keeping a password when none is given")
    func importCreatesAndUpdates() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan"), official("minh")], now: now)
        var update = official("lan", unit: "PHUONG-02", password: nil)
        update.roles = [.supervisor]
        let summary = try database.importOfficials([update, official("hoa")], now: now)
        #expect(summary == AppDatabase.ImportSummary(created: ["hoa"], updated: ["lan"]))
        let lan = try #require(try database.credentials(username: "lan"))
        #expect(lan.learner.unitCode == "PHUONG-02")
        #expect(lan.learner.roles == [.learner, .supervisor])
        #expect(lan.passwordHash == "hash")
        #expect(try database.existingUsernames(["lan", "khong-co"]) == ["lan"])
    }

    @Test("an import that fails part-way writes nothing")
    func importIsAllOrNothing() throws {
        // Given "lan", whose username now belongs to a citizen record, so importing "lan" must fail
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan")], now: now)
        try database.writer.write { try $0.execute(sql: "UPDATE learner SET kind = 'citizen' WHERE username = 'lan'") }

        // When an import creates "minh" first and then reaches "lan"
        #expect(throws: StorageError.usernameTaken("lan")) {
            try database.importOfficials([official("minh"), official("lan")], now: now)
        }

        // Then "minh" was not written either
        #expect(try database.existingUsernames(["minh"]).isEmpty)
        #expect(try database.learnerCount() == 1)
    }

    @Test("a citizen is found again by the hash of their resume code")
    func citizenResume() throws {
        let database = try AppDatabase.inMemory()
        let citizen = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "abc", now: now)
        #expect(citizen.kind == .citizen)
        #expect(try database.learner(resumeCodeHash: "abc") == citizen)
        #expect(try database.learner(resumeCodeHash: "xyz") == nil)
    }

    @Test("a resume code already in use is refused, so the caller can draw another")
    func resumeCodeTaken() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.registerCitizen(name: "Bà Năm", phone: nil, resumeCodeHash: "same", now: now)
        #expect(throws: StorageError.resumeCodeTaken) {
            try database.registerCitizen(name: "Ông Bảy", phone: nil, resumeCodeHash: "same", now: now)
        }
        #expect(try database.learnerCount() == 1)
    }

    @Test("a session signs in until it expires or ends")
    func sessions() throws {
        let database = try AppDatabase.inMemory()
        let citizen = try database.registerCitizen(name: "Ông Ba", phone: "0900000000", resumeCodeHash: "c", now: now)
        try database.startSession(learnerID: citizen.id, tokenHash: "t", now: now, expiresAt: now.addingTimeInterval(60))
        #expect(try database.signedInLearner(tokenHash: "t", now: now)?.learner == citizen)
        #expect(try database.signedInLearner(tokenHash: "t", now: now.addingTimeInterval(61)) == nil)
        #expect(try database.purgeExpiredSessions(now: now.addingTimeInterval(61)) == 1)
        try database.startSession(learnerID: citizen.id, tokenHash: "u", now: now, expiresAt: now.addingTimeInterval(60))
        try database.endSession(tokenHash: "u")
        #expect(try database.signedInLearner(tokenHash: "u", now: now) == nil)
    }

    @Test("an event sent twice is counted once, and progress folds steps, time and completion")
    func idempotentProgress() throws {
        let database = try AppDatabase.inMemory()
        let learner = try database.registerCitizen(name: "Bà Tư", phone: nil, resumeCodeHash: "d", now: now)
        let first = try database.recordProgress(
            [event("e-00000001", .opened), event("e-00000002", .step, step: 3, at: 10, seconds: 30)],
            learnerID: learner.id, now: now)
        #expect(first == AppDatabase.ProgressReceipt(accepted: 2, duplicates: 0))
        let again = try database.recordProgress(
            [event("e-00000002", .step, step: 3, at: 10, seconds: 30), event("e-00000003", .completed, at: 20)],
            learnerID: learner.id, now: now)
        #expect(again == AppDatabase.ProgressReceipt(accepted: 1, duplicates: 1))
        let progress = try #require(try database.progress(learnerID: learner.id).first)
        #expect(progress.status == .completed)
        #expect(progress.furthestStep == 3)
        #expect(progress.secondsSpent == 30)
        #expect(progress.completedAt == now.addingTimeInterval(20))
        #expect(try database.progressEventCount(learnerID: learner.id) == 3)
    }

    @Test("a completed lesson stays completed when older or later events arrive")
    func completionIsKept() throws {
        let database = try AppDatabase.inMemory()
        let learner = try database.registerCitizen(name: "Cô Sáu", phone: nil, resumeCodeHash: "e", now: now)
        _ = try database.recordProgress([event("e-00000010", .completed, at: 50)], learnerID: learner.id, now: now)
        _ = try database.recordProgress(
            [event("e-00000011", .step, step: 1, at: 10), event("e-00000012", .opened, at: 60)], learnerID: learner.id, now: now)
        let progress = try #require(try database.progress(learnerID: learner.id).first)
        #expect(progress.status == .completed)
        #expect(progress.firstOpenedAt == now.addingTimeInterval(10))
        #expect(progress.lastActivityAt == now.addingTimeInterval(60))
    }

    @Test("a backup is a consistent copy with every record")
    func backup() throws {
        let database = try AppDatabase.inMemory()
        _ = try database.importOfficials([official("lan")], now: now)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("backup-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try database.backup(to: path)
        let copy = try AppDatabase.open(path: path)
        #expect(try copy.credentials(username: "lan") != nil)
        #expect(try copy.integrityCheck() == ["ok"])
    }
}
