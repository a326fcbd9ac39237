import CourseEngine
import Foundation
import GRDB

extension AppDatabase {
    /// What `fillSyntheticProvince` makes, for benchmarks.
    public struct SyntheticProvince: Sendable {
        public init(provinceCode: String, unitCodes: [String], officials: Int) {
            self.provinceCode = provinceCode
            self.unitCodes = unitCodes
            self.officials = officials
        }

        public var provinceCode: String
        public var unitCodes: [String]
        public var officials: Int
    }

    /// Fills the database with a synthetic province for benchmarks: a province, `communes` communes, `officials`
    /// officials spread over them, and for every course some lesson progress, completions and quiz attempts.
    /// Deterministic, and fast enough for a million rows: one transaction with prepared statements.
    public func fillSyntheticProvince(
        communes: Int, officials: Int, courses: [(id: String, version: Int, lessons: [String], quiz: String?)], now: Date
    ) throws -> SyntheticProvince {
        try writer.write { db in
            let province = "TINH-BENCH"
            try UnitRecord(code: province, name: "Tỉnh Thử Tải", kind: UnitKind.province.rawValue, parentCode: nil, mergedInto: nil, updatedAt: now).insert(db)
            let codes = (1...communes).map { String(format: "XA-%03d", $0) }
            for (index, code) in codes.enumerated() {
                try UnitRecord(code: code, name: "Xã số \(index + 1)", kind: (index % 3 == 0 ? UnitKind.ward : .commune).rawValue,
                               parentCode: province, mergedInto: nil, updatedAt: now).insert(db)
            }
            let insertLearner = try db.makeStatement(sql: """
                INSERT INTO learner (publicId, kind, username, displayName, unitCode, position, phone, roles, createdAt, updatedAt)
                VALUES (?, 'official', ?, ?, ?, ?, NULL, 'learner', ?, ?)
                """)
            let insertProgress = try db.makeStatement(sql: """
                INSERT INTO lessonProgress (learnerId, courseId, lessonId, status, furthestStep, lastStep, secondsSpent,
                  firstOpenedAt, lastActivityAt, completedAt, contentHash, courseVersion, completedVersion)
                VALUES (?, ?, ?, ?, 0, 0, 60, ?, ?, ?, 'bench', ?, ?)
                """)
            let insertCompletion = try db.makeStatement(sql: "INSERT INTO courseCompletion (learnerId, courseId, courseVersion, completedAt) VALUES (?, ?, ?, ?)")
            let insertAttempt = try db.makeStatement(sql: """
                INSERT INTO attempt (id, learnerId, quizId, quizContentHash, status, paper, responses, result, score, maximum, percent, passed, startedAt, submittedAt)
                VALUES (?, ?, ?, 'bench', 'graded', '{"items":[]}', '{}', NULL, ?, 10, ?, ?, ?, ?)
                """)
            let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
            let given = ["Văn An", "Thị Bình", "Minh Châu", "Thị Dung", "Văn Em", "Thu Hà", "Quốc Hùng", "Thị Lan"]
            let positions = ["Công chức một cửa", "Công chức Tư pháp - Hộ tịch", "Công chức Văn phòng - Thống kê", "Chủ tịch UBND xã"]
            for index in 0..<officials {
                let name = "\(families[index % families.count]) \(given[(index / 10) % given.count])"
                try insertLearner.execute(arguments: [
                    String(format: "bench%011d", index), "bench\(index)", name, codes[index % codes.count],
                    positions[index % positions.count], now, now,
                ])
                let rowid = db.lastInsertedRowID
                for (courseIndex, course) in courses.enumerated() {
                    // A spread of states: about 40% untouched, 30% in progress, 30% completed.
                    let state = (index &* 7 &+ courseIndex &* 13) % 10
                    guard state >= 4 else { continue }
                    let completed = state >= 7
                    for lesson in completed ? course.lessons : Array(course.lessons.prefix(1)) {
                        try insertProgress.execute(arguments: [
                            rowid, course.id, lesson, completed ? "completed" : "in_progress", now, now, completed ? now : nil,
                            course.version, completed ? course.version : 0,
                        ])
                    }
                    if completed {
                        try insertCompletion.execute(arguments: [rowid, course.id, course.version, now])
                        if let quiz = course.quiz {
                            let percent = Double(80 + (index % 21))
                            try insertAttempt.execute(arguments: [
                                String(format: "b%08x%04x", index, courseIndex), rowid, quiz, percent / 10, percent, true, now, now,
                            ])
                        }
                    }
                }
            }
            try CourseStates.rebuildAll(db)
            return SyntheticProvince(provinceCode: province, unitCodes: codes, officials: officials)
        }
    }
}
