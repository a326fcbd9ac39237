import Foundation

/// A course the province requires of the officials of a unit (and, if asked, its subunits), by a due date.
public struct Assignment: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var courseID: String
    public var unitCode: String
    public var includeSubunits: Bool
    /// Only officials in these positions; empty for everyone.
    public var positions: [String]
    /// The last day to complete, as `YYYY-MM-DD`.
    public var dueDate: String
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, unitCode, includeSubunits, positions, dueDate, createdAt
        case courseID = "courseId"
    }

    public init(id: String, courseID: String, unitCode: String, includeSubunits: Bool, positions: [String], dueDate: String, createdAt: Date) {
        self.id = id
        self.courseID = courseID
        self.unitCode = unitCode
        self.includeSubunits = includeSubunits
        self.positions = positions
        self.dueDate = dueDate
        self.createdAt = createdAt
    }

    /// True when the assignment applies to this official: their unit (after merges) and their position.
    public func covers(_ learner: Learner, in tree: UnitTree) -> Bool {
        learner.kind == .official && covers(unitCode: learner.unitCode, position: learner.position, in: tree)
    }

    /// True when the assignment applies to an official of this unit (after merges) in this position.
    public func covers(unitCode officialUnit: String?, position: String?, in tree: UnitTree) -> Bool {
        guard let officialUnit else { return false }
        let effective = tree.effectiveCode(officialUnit)
        let target = tree.effectiveCode(unitCode)
        let inUnit = includeSubunits ? tree.contains(effective, in: target) : effective == target
        return inUnit && (positions.isEmpty || positions.contains { $0.caseInsensitiveCompare(position ?? "") == .orderedSame })
    }

    /// The end of the due day (23:59:59 in Vietnam, UTC+7), after which the course is overdue.
    public var deadline: Date? { DueDate.deadline(dueDate) }
}

/// Due dates are calendar days in Vietnam's time zone.
public enum DueDate {
    static let vietnam = TimeZone(secondsFromGMT: 7 * 3600)!
    /// Made once: building a calendar costs more than the date arithmetic itself.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = vietnam
        return calendar
    }()

    /// The instant a due day ends, or nil when the text is not a `YYYY-MM-DD` date.
    public static func deadline(_ day: String) -> Date? {
        guard day.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return nil }
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: 23, minute: 59, second: 59)
        // 2026-02-30 would roll over into March: refuse it rather than move the deadline.
        guard let date = calendar.date(from: components), calendar.component(.month, from: date) == parts[1],
            calendar.component(.day, from: date) == parts[2]
        else { return nil }
        return date
    }

    /// The calendar day of an instant in Vietnam, as `YYYY-MM-DD`.
    public static func day(of date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

/// A certificate of completion: anyone can check it by its code.
public struct Certificate: Sendable, Hashable, Codable {
    public var code: String
    public var learnerID: String
    public var courseID: String
    public var courseVersion: Int
    public var courseTitle: String
    public var holderName: String
    public var issuedAt: Date
    public var revokedAt: Date?
    public var revokedReason: String?

    public init(
        code: String, learnerID: String, courseID: String, courseVersion: Int, courseTitle: String, holderName: String,
        issuedAt: Date, revokedAt: Date? = nil, revokedReason: String? = nil
    ) {
        self.code = code
        self.learnerID = learnerID
        self.courseID = courseID
        self.courseVersion = courseVersion
        self.courseTitle = courseTitle
        self.holderName = holderName
        self.issuedAt = issuedAt
        self.revokedAt = revokedAt
        self.revokedReason = revokedReason
    }

    public var isValid: Bool { revokedAt == nil }

    /// The holder's name as a stranger may see it: the family name whole, other names as initials.
    public var maskedHolderName: String {
        let words = holderName.split(separator: " ")
        guard let family = words.first else { return "" }
        return ([String(family)] + words.dropFirst().map { "\($0.prefix(1))." }).joined(separator: " ")
    }

    /// 12 characters without look-alikes, grouped for reading aloud: `K7M2-Q9XH-4TPW` (about 59 bits).
    public static func newCode(using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let characters = (0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return [0, 4, 8].map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Reads a code as typed: case and spaces do not matter; nil when it cannot be a code.
    public static func normalize(_ typed: String) -> String? {
        let characters = typed.uppercased().filter { $0.isLetter || $0.isNumber }
        guard characters.count == 12, characters.allSatisfy(\.isASCII) else { return nil }
        let array = Array(characters)
        return [0, 4, 8].map { String(array[$0..<$0 + 4]) }.joined(separator: "-")
    }
}
