import Foundation
import GRDB

/// Where one learner stands on every course and quiz, packed in one small blob on their `learner` row
/// (`learner.courseStates`). It is derived from `lessonProgress`, `courseCompletion` and `attempt`, kept up to date
/// in the same transaction as each of them, and lets a report over a hundred thousand officials read one narrow row
/// per official instead of a million raw records. `rebuildCourseStates` derives it again from the raw records.
///
/// Layout, little-endian: a format byte (1), then entries. A course entry is tag 1, the id's length (one byte) and
/// UTF-8 bytes, a started byte, a completion count (one byte), and per completion its version (UInt32) and time
/// (Float64 seconds since 1970). A quiz entry is tag 2, the id, and the best percent (Float64).
struct CourseStates: Equatable {
    struct CourseState: Equatable {
        var started = false
        var completions: [CompletionMark] = []
    }

    var courses: [String: CourseState] = [:]
    var bestPercent: [String: Double] = [:]

    static let format: UInt8 = 1
    static let courseTag: UInt8 = 1
    static let quizTag: UInt8 = 2

    init() {}

    /// Decodes a blob; an empty or unknown blob decodes to nothing, and is then rebuilt on the next write.
    init(blob: Data?) {
        guard let blob else { return }
        blob.withUnsafeBytes { bytes in
            var reader = CourseStatesReader(bytes)
            while let entry = reader.next() {
                switch entry {
                case .course(let id, let started, let completions):
                    courses[String(decoding: id, as: UTF8.self)] = CourseState(started: started, completions: Array(completions))
                case .quiz(let id, let best):
                    bestPercent[String(decoding: id, as: UTF8.self)] = best
                }
            }
        }
    }

    var blob: Data {
        var data = Data([Self.format])
        func append(id: String) {
            let bytes = Array(id.utf8.prefix(255))
            data.append(UInt8(bytes.count))
            data.append(contentsOf: bytes)
        }
        func append<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
        }
        for (id, state) in courses.sorted(by: { $0.key < $1.key }) {
            data.append(Self.courseTag)
            append(id: id)
            data.append(state.started ? 1 : 0)
            let completions = state.completions.sorted { $0.version < $1.version }.prefix(255)
            data.append(UInt8(completions.count))
            for mark in completions {
                append(UInt32(clamping: mark.version))
                append(mark.completedAt.timeIntervalSince1970.bitPattern)
            }
        }
        for (id, best) in bestPercent.sorted(by: { $0.key < $1.key }) {
            data.append(Self.quizTag)
            append(id: id)
            append(best.bitPattern)
        }
        return data
    }

    // MARK: Reading and writing in a transaction

    static func load(learner rowid: Int64, _ db: Database) throws -> CourseStates {
        CourseStates(blob: try Data.fetchOne(db, sql: "SELECT courseStates FROM learner WHERE rowid = ?", arguments: [rowid]))
    }

    func save(learner rowid: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE learner SET courseStates = ? WHERE rowid = ?", arguments: [blob, rowid])
    }

    /// Changes a learner's states in place; writes only when something changed.
    static func update(learner rowid: Int64, _ db: Database, _ change: (inout CourseStates) throws -> Void) throws {
        let current = try load(learner: rowid, db)
        var changed = current
        try change(&changed)
        if changed != current { try changed.save(learner: rowid, db) }
    }

    /// The best percent of a learner's attempts at a quiz, from the attempts themselves (a review may lower it).
    static func refreshBest(learner rowid: Int64, quizID: String, _ db: Database) throws {
        let best = try Double.fetchOne(
            db, sql: "SELECT MAX(percent) FROM attempt WHERE learnerId = ? AND quizId = ? AND percent IS NOT NULL",
            arguments: [rowid, quizID])
        try update(learner: rowid, db) { $0.bestPercent[quizID] = best }
    }

    /// Derives every learner's states from the raw records, for the migration that introduced them and after bulk
    /// fills.
    static func rebuildAll(_ db: Database) throws {
        var states: [Int64: CourseStates] = [:]
        let started = try Row.fetchCursor(db, sql: "SELECT DISTINCT learnerId, courseId FROM lessonProgress")
        while let row = try started.next() {
            states[row[0], default: CourseStates()].courses[row[1], default: CourseState()].started = true
        }
        let completions = try Row.fetchCursor(db, sql: "SELECT learnerId, courseId, courseVersion, completedAt FROM courseCompletion")
        while let row = try completions.next() {
            states[row[0], default: CourseStates()].courses[row[1], default: CourseState()].completions
                .append(CompletionMark(version: row[2], completedAt: row[3]))
        }
        let best = try Row.fetchCursor(db, sql: """
            SELECT learnerId, quizId, MAX(percent) FROM attempt WHERE percent IS NOT NULL GROUP BY learnerId, quizId
            """)
        while let row = try best.next() {
            states[row[0], default: CourseStates()].bestPercent[row[1]] = row[2]
        }
        try db.execute(sql: "UPDATE learner SET courseStates = NULL")
        let statement = try db.makeStatement(sql: "UPDATE learner SET courseStates = ? WHERE rowid = ?")
        for (rowid, state) in states {
            try statement.execute(arguments: [state.blob, rowid])
        }
    }
}

/// A completion of one version of a course.
public struct CompletionMark: Sendable, Equatable {
    public var version: Int
    public var completedAt: Date

    public init(version: Int, completedAt: Date) {
        self.version = version
        self.completedAt = completedAt
    }
}

/// Walks the entries of a packed blob without copying or allocating; stops at the first malformed byte.
struct CourseStatesReader {
    enum Entry {
        case course(id: UnsafeRawBufferPointer, started: Bool, completions: Completions)
        case quiz(id: UnsafeRawBufferPointer, best: Double)
    }

    /// The completions of one course entry, read in place.
    struct Completions: Sequence, IteratorProtocol {
        fileprivate var bytes: UnsafeRawBufferPointer
        fileprivate var remaining: Int

        mutating func next() -> CompletionMark? {
            guard remaining > 0 else { return nil }
            remaining -= 1
            let version = UInt32(littleEndian: bytes.loadUnaligned(as: UInt32.self))
            let seconds = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 4, as: UInt64.self))
            bytes = UnsafeRawBufferPointer(rebasing: bytes[12...])
            return CompletionMark(version: Int(version), completedAt: Date(timeIntervalSince1970: Double(bitPattern: seconds)))
        }
    }

    private let bytes: UnsafeRawBufferPointer
    private var offset: Int

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        self.offset = bytes.first == CourseStates.format ? 1 : bytes.count
    }

    mutating func next() -> Entry? {
        guard let tag = byte(), let length = byte().map(Int.init), offset + length <= bytes.count else { return nil }
        let id = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        offset += length
        switch tag {
        case CourseStates.courseTag:
            guard let started = byte(), let count = byte().map(Int.init), offset + count * 12 <= bytes.count else { return nil }
            let completions = Completions(bytes: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count * 12)]), remaining: count)
            offset += count * 12
            return .course(id: id, started: started != 0, completions: completions)
        case CourseStates.quizTag:
            guard offset + 8 <= bytes.count else { return nil }
            defer { offset += 8 }
            return .quiz(id: id, best: Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))))
        default:
            return nil
        }
    }

    private mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }
}
