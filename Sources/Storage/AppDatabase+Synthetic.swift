import CourseEngine
import Foundation
import GRDB

extension AppDatabase {
    /// What a synthetic province is made of, for benchmarks.
    public struct SyntheticProvinceSpec: Sendable {
        public init(
            communes: Int, officials: Int, citizens: Int = 0, courses: [SyntheticCourse], passwordHash: String? = nil,
            now: Date
        ) {
            self.communes = communes
            self.officials = officials
            self.citizens = citizens
            self.courses = courses
            self.passwordHash = passwordHash
            self.now = now
        }

        public var communes: Int
        public var officials: Int
        public var citizens: Int
        public var courses: [SyntheticCourse]
        /// Every official's password hash (one hash for all, computed once), or nil for officials without one.
        public var passwordHash: String?
        public var now: Date
    }

    /// A course as the synthetic learners follow it: its lessons with their step counts, and its final quiz.
    public struct SyntheticCourse: Sendable {
        public init(id: String, title: String, version: Int, audience: Audience, lessons: [(id: String, steps: Int)], quiz: String?) {
            self.id = id
            self.title = title
            self.version = version
            self.audience = audience
            self.lessons = lessons
            self.quiz = quiz
        }

        public var id: String
        public var title: String
        public var version: Int
        public var audience: Audience
        public var lessons: [(id: String, steps: Int)]
        public var quiz: String?
    }

    /// What `fillSyntheticProvince` made.
    public struct SyntheticProvince: Sendable {
        public init(provinceCode: String, unitCodes: [String], officials: Int) {
            self.provinceCode = provinceCode
            self.unitCodes = unitCodes
            self.officials = officials
        }

        public var provinceCode: String
        public var unitCodes: [String]
        public var officials: Int
        public var citizens = 0
        public var lessonSummaries = 0
        public var events = 0
        public var attempts = 0
        /// The code of every certificate issued, in order; the first is a good one to verify.
        public var certificateCodes: [String] = []
    }

    /// The username of the `index`th synthetic official (0-based); every one of them is a learner of the commune
    /// it belongs to. `benchSupervisorUsername` supervises the whole province.
    public static func syntheticUsername(_ index: Int) -> String { "bench\(index)" }
    public static let benchSupervisorUsername = "bench-supervisor"

    /// Fills an empty database with a synthetic province: a province, `communes` communes and wards, officials and
    /// citizens spread over them, and for every course of their audience a deterministic spread of untouched,
    /// in-progress and completed learners, with the progress events that led there (opened, steps, completed),
    /// lesson summaries, course completions, quiz attempts and certificates. The officials' courses are assigned
    /// to the whole province. One transaction of prepared statements: a million rows in seconds.
    public func fillSyntheticProvince(_ spec: SyntheticProvinceSpec) throws -> SyntheticProvince {
        try writer.write { db in
            // A page cache big enough for the indexes being built: the default 2 MB spills pages on every insert.
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let now = spec.now
            let province = "TINH-BENCH"
            try UnitRecord(code: province, name: "Tỉnh Thử Tải", kind: UnitKind.province.rawValue, parentCode: nil, mergedInto: nil, updatedAt: now).insert(db)
            let codes = (1...spec.communes).map { String(format: "XA-%03d", $0) }
            for (index, code) in codes.enumerated() {
                try UnitRecord(code: code, name: "Xã số \(index + 1)", kind: (index % 3 == 0 ? UnitKind.ward : .commune).rawValue,
                               parentCode: province, mergedInto: nil, updatedAt: now).insert(db)
            }
            var made = SyntheticProvince(provinceCode: province, unitCodes: codes, officials: spec.officials)
            var writer = try SyntheticWriter(db, now: now)
            let families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"]
            let given = ["Văn An", "Thị Bình", "Minh Châu", "Thị Dung", "Văn Em", "Thu Hà", "Quốc Hùng", "Thị Lan"]
            let positions = ["Công chức một cửa", "Công chức Tư pháp - Hộ tịch", "Công chức Văn phòng - Thống kê", "Chủ tịch UBND xã"]
            let officialCourses = spec.courses.filter { $0.audience != .citizens }
            let citizenCourses = spec.courses.filter { $0.audience != .officials }
            let learnerRole = LearnerRecord.encode([.learner])
            for index in 0..<spec.officials + spec.citizens {
                let official = index < spec.officials
                let name = "\(families[index % families.count]) \(given[(index / 10) % given.count])"
                let rowid = try writer.insertLearner(
                    publicID: String(format: "bench%011d", index), kind: official ? .official : .citizen,
                    username: official ? Self.syntheticUsername(index) : nil, name: name,
                    unitCode: codes[index % codes.count], position: official ? positions[index % positions.count] : nil,
                    roles: learnerRole, resumeCodeHash: official ? nil : "bench-\(index)")
                if official, let hash = spec.passwordHash {
                    try writer.insertCredential(learner: rowid, passwordHash: hash)
                }
                for (courseIndex, course) in (official ? officialCourses : citizenCourses).enumerated() {
                    try writer.follow(course, learner: rowid, name: name, index: index, courseIndex: courseIndex)
                }
            }
            let supervisor = try writer.insertLearner(
                publicID: "benchsupervisor0", kind: .official, username: Self.benchSupervisorUsername,
                name: "Giám sát Thử Tải", unitCode: province, position: "Chuyên viên Sở Nội vụ",
                roles: LearnerRecord.encode([.learner, .supervisor]), resumeCodeHash: nil)
            if let hash = spec.passwordHash { try writer.insertCredential(learner: supervisor, passwordHash: hash) }
            for course in officialCourses {
                try AssignmentRecord(
                    id: AppDatabase.newPublicID(), courseId: course.id, unitCode: province, includeSubunits: true,
                    positions: [], dueDate: "2099-12-31", createdBy: supervisor, createdAt: now, withdrawnAt: nil
                ).insert(db)
            }
            try CourseStates.rebuildAll(db)
            made.citizens = spec.citizens
            made.lessonSummaries = writer.lessonSummaries
            made.events = writer.events
            made.attempts = writer.attempts
            made.certificateCodes = writer.certificateCodes
            return made
        }
    }
}

/// The prepared statements of a synthetic fill, and what they wrote.
private struct SyntheticWriter {
    let db: Database
    let now: Date
    let nowText: String
    let insertLearner: Statement
    let insertCredential: Statement
    let insertEvent: Statement
    let insertProgress: Statement
    let insertCompletion: Statement
    let insertAttempt: Statement
    let insertCertificate: Statement
    var lessonSummaries = 0
    var events = 0
    var attempts = 0
    var certificateCodes: [String] = []
    /// Deterministic, so two fills of the same size are the same province.
    var random = SplitMix64(seed: 2025)

    init(_ db: Database, now: Date) throws {
        self.db = db
        self.now = now
        nowText = StoredDate.text(now)
        insertLearner = try db.makeStatement(sql: """
            INSERT INTO learner (publicId, kind, username, displayName, unitCode, position, phone, roles, resumeCodeHash, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?)
            """)
        insertCredential = try db.makeStatement(
            sql: "INSERT INTO credential (learnerId, passwordHash, mustChange, updatedAt) VALUES (?, ?, 0, ?)")
        insertEvent = try db.makeStatement(sql: """
            INSERT INTO progressEvent (id, learnerId, courseId, lessonId, type, step, occurredAt, receivedAt, secondsSpent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertProgress = try db.makeStatement(sql: """
            INSERT INTO lessonProgress (learnerId, courseId, lessonId, status, furthestStep, lastStep, secondsSpent,
              firstOpenedAt, lastActivityAt, completedAt, contentHash, courseVersion, completedVersion)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)
            """)
        insertCompletion = try db.makeStatement(
            sql: "INSERT INTO courseCompletion (learnerId, courseId, courseVersion, completedAt) VALUES (?, ?, ?, ?)")
        insertAttempt = try db.makeStatement(sql: """
            INSERT INTO attempt (id, learnerId, quizId, quizContentHash, status, paper, responses, result, score, maximum, percent, passed, startedAt, submittedAt)
            VALUES (?, ?, ?, 'bench', 'graded', '{"items":[]}', '{}', NULL, ?, 10, ?, ?, ?, ?)
            """)
        insertCertificate = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO certificate (code, learnerId, courseId, courseVersion, courseTitle, holderName, issuedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
    }

    mutating func insertLearner(
        publicID: String, kind: LearnerKind, username: String?, name: String, unitCode: String, position: String?,
        roles: String, resumeCodeHash: String?
    ) throws -> Int64 {
        try insertLearner.execute(arguments: [
            publicID, kind.rawValue, username, name, unitCode, position, roles, resumeCodeHash, nowText, nowText,
        ])
        return db.lastInsertedRowID
    }

    func insertCredential(learner: Int64, passwordHash: String) throws {
        try insertCredential.execute(arguments: [learner, passwordHash, nowText])
    }

    /// About 40% of learners never open the course, 30% are part-way through its first lessons, 30% completed
    /// it, passed its quiz (some at the second attempt) and hold its certificate. Activity spreads over 60 days.
    mutating func follow(_ course: AppDatabase.SyntheticCourse, learner: Int64, name: String, index: Int, courseIndex: Int) throws {
        let state = (index &* 7 &+ courseIndex &* 13) % 10
        guard state >= 4, !course.lessons.isEmpty else { return }
        let completed = state >= 7
        var at = now.addingTimeInterval(-Double(random.next() % (60 * 86_400)))
        let lessons = completed ? course.lessons[...] : course.lessons.prefix(max(1, course.lessons.count / 2))
        for (position, lesson) in lessons.enumerated() {
            let finished = completed || position < lessons.count - 1
            let steps = finished ? lesson.steps : lesson.steps / 2
            let opened = at
            try event(learner, course.id, lesson.id, "opened", step: nil, at: at)
            for step in stride(from: 1, through: steps, by: 1) {
                at.addTimeInterval(20 + Double(random.next() % 60))
                try event(learner, course.id, lesson.id, "step", step: step, at: at)
            }
            at.addTimeInterval(30)
            if finished { try event(learner, course.id, lesson.id, "completed", step: nil, at: at) }
            try insertProgress.execute(arguments: [
                learner, course.id, lesson.id, finished ? "completed" : "in_progress", steps, steps,
                Int(at.timeIntervalSince(opened)), StoredDate.text(opened), StoredDate.text(at),
                finished ? StoredDate.text(at) : nil, course.version, finished ? course.version : 0,
            ])
            lessonSummaries += 1
            at.addTimeInterval(3_600 + Double(random.next() % 86_400))
        }
        guard completed else { return }
        let atText = StoredDate.text(at)
        if let quiz = course.quiz {
            if index % 5 == 0 { try attempt(learner, quiz, percent: 50, at: atText) }
            try attempt(learner, quiz, percent: Double(80 + index % 21), at: atText)
        }
        try insertCompletion.execute(arguments: [learner, course.id, course.version, atText])
        let code = Certificate.newCode(using: &random)
        try insertCertificate.execute(arguments: [code, learner, course.id, course.version, course.title, name, atText])
        if db.changesCount == 1 { certificateCodes.append(code) }
    }

    private mutating func event(_ learner: Int64, _ course: String, _ lesson: String, _ type: String, step: Int?, at: Date) throws {
        events += 1
        let text = StoredDate.text(at)
        try insertEvent.execute(arguments: [
            Self.id("s", events), learner, course, lesson, type, step, text, text, type == "step" ? 40 : nil,
        ])
    }

    /// A prefix and 8 hex digits: ids in ascending order, so the primary key's index is appended to, not shuffled.
    private static func id(_ prefix: Character, _ number: Int) -> String {
        let digits = String(number, radix: 16)
        return String(prefix) + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private mutating func attempt(_ learner: Int64, _ quiz: String, percent: Double, at: String) throws {
        attempts += 1
        try insertAttempt.execute(arguments: [
            Self.id("a", attempts), learner, quiz, percent / 10, percent, percent >= 80, at, at,
        ])
    }
}
