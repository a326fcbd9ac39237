import CourseEngine
import Foundation
import Storage

/// A supervisor's report: one row per official of a unit (and its subunits), each assigned course's status, with
/// totals per unit and per course. The page, the JSON and the CSV are all made from this one value.
struct UnitReport: Codable, Equatable, Sendable {
    struct CourseCell: Codable, Equatable, Sendable {
        var courseId: String
        var status: CourseStatus
        var dueDate: String
        /// `YYYY-MM-DD`, in Vietnam's time zone.
        var completedOn: String?
        var bestScore: Double?
    }

    struct Row: Codable, Equatable, Sendable {
        var learnerId: String
        var username: String?
        var fullName: String
        var unitCode: String
        var unitName: String
        var position: String?
        var courses: [CourseCell]
    }

    struct Totals: Codable, Equatable, Sendable {
        var assigned = 0
        var completed = 0
        var overdue = 0
        var completionRate: Double = 0

        mutating func add(_ cell: CourseCell) {
            assigned += 1
            if cell.status == .completed { completed += 1 }
            if cell.status == .overdue { overdue += 1 }
            completionRate = assigned == 0 ? 0 : (Double(completed) / Double(assigned) * 1000).rounded() / 10
        }
    }

    struct UnitTotals: Codable, Equatable, Sendable {
        var unitCode: String
        var unitName: String
        var officials: Int
        var totals: Totals
    }

    struct CourseTotals: Codable, Equatable, Sendable {
        var courseId: String
        var title: String
        var totals: Totals
    }

    var unitCode: String
    var unitName: String
    var includeSubunits: Bool
    var generatedOn: String
    var courses: [CourseTotals]
    var units: [UnitTotals]
    var rows: [Row]

    /// Builds the report for officials of `unitCode` (after merges) and, if asked, every unit below it.
    static func build(
        unitCode: String, includeSubunits: Bool, courseFilter: String?, statusFilter: CourseStatus?,
        tree: UnitTree, assignments: [Assignment], summaries: [OfficialRecordSummary], catalogue: Catalogue, now: Date
    ) -> UnitReport {
        let courseIDs = Set(assignments.map(\.courseID)).filter { courseFilter == nil || $0 == courseFilter }
            .filter { catalogue.course(id: $0) != nil }.sorted()
        // Officials of the same unit and position are covered by the same assignments: work that out once per pair.
        var coverage: [String: [String: Assignment]] = [:]
        func earliest(for learner: Learner) -> [String: Assignment] {
            let key = "\(learner.unitCode ?? "")|\(learner.position ?? "")"
            if let known = coverage[key] { return known }
            var result: [String: Assignment] = [:]
            for assignment in assignments where courseIDs.contains(assignment.courseID) && assignment.covers(learner, in: tree) {
                if let current = result[assignment.courseID], current.dueDate <= assignment.dueDate { continue }
                result[assignment.courseID] = assignment
            }
            coverage[key] = result
            return result
        }
        let deadlines = Dictionary(uniqueKeysWithValues: assignments.map { ($0.id, $0.deadline) })
        var completionDays: [Date: String] = [:]
        var rows: [Row] = []
        var courseTotals: [String: Totals] = [:]
        var unitTotals: [String: (officials: Int, totals: Totals)] = [:]
        let ordered = summaries.map { (unit: tree.effectiveCode($0.learner.unitCode ?? ""), summary: $0) }
            .sorted { ($0.unit, $0.summary.learner.displayName) < ($1.unit, $1.summary.learner.displayName) }
        for (_, summary) in ordered {
            let learner = summary.learner
            let effective = tree.effectiveCode(learner.unitCode ?? "")
            var cells: [CourseCell] = []
            let covering = earliest(for: learner)
            for courseID in courseIDs {
                guard let course = catalogue.course(id: courseID), let assignment = covering[courseID] else { continue }
                let status = course.status(
                    started: summary.startedCourses.contains(courseID), completions: summary.completions,
                    dueDate: deadlines[assignment.id] ?? nil, now: now)
                let completion = summary.completions.filter { $0.courseID == courseID && $0.courseVersion >= course.oldestValidVersion }
                    .min { $0.completedAt < $1.completedAt }
                cells.append(CourseCell(
                    courseId: courseID, status: status, dueDate: assignment.dueDate,
                    completedOn: completion.map { completion in
                        if let day = completionDays[completion.completedAt] { return day }
                        let day = DueDate.day(of: completion.completedAt)
                        completionDays[completion.completedAt] = day
                        return day
                    },
                    bestScore: course.finalQuiz.flatMap { summary.bestPercent[$0] }))
            }
            if let statusFilter, !cells.contains(where: { $0.status == statusFilter }) { continue }
            if statusFilter != nil { cells = cells.filter { $0.status == statusFilter } }
            var unit = unitTotals[effective] ?? (0, Totals())
            unit.officials += 1
            for cell in cells {
                courseTotals[cell.courseId, default: Totals()].add(cell)
                unit.totals.add(cell)
            }
            unitTotals[effective] = unit
            rows.append(Row(
                learnerId: learner.id, username: learner.username, fullName: learner.displayName, unitCode: effective,
                unitName: tree.units[effective]?.name ?? effective, position: learner.position, courses: cells))
        }
        // Only courses assigned to someone in the report get a column, unless one was asked for.
        let shown = courseIDs.filter { courseFilter != nil || (courseTotals[$0]?.assigned ?? 0) > 0 }
        return UnitReport(
            unitCode: unitCode, unitName: tree.units[unitCode]?.name ?? unitCode, includeSubunits: includeSubunits,
            generatedOn: DueDate.day(of: now),
            courses: shown.map { CourseTotals(courseId: $0, title: catalogue.course(id: $0)?.title ?? $0, totals: courseTotals[$0] ?? Totals()) },
            units: unitTotals.keys.sorted().map { UnitTotals(unitCode: $0, unitName: tree.units[$0]?.name ?? $0, officials: unitTotals[$0]!.officials, totals: unitTotals[$0]!.totals) },
            rows: rows)
    }

    /// The CSV Excel opens correctly: UTF-8 with a byte-order mark, numbers unquoted, ISO dates, totals at the end.
    func csv() -> String {
        var lines: [[String]] = []
        var header = ["unit_code", "unit_name", "username", "full_name", "position"]
        for course in courses {
            header += ["\(course.courseId) status", "\(course.courseId) due_date", "\(course.courseId) completed_on", "\(course.courseId) best_score"]
        }
        lines.append(header)
        for row in rows {
            var line = [row.unitCode, row.unitName, row.username ?? "", row.fullName, row.position ?? ""]
            for course in courses {
                if let cell = row.courses.first(where: { $0.courseId == course.courseId }) {
                    line += [cell.status.rawValue, cell.dueDate, cell.completedOn ?? "", cell.bestScore.map(Self.number) ?? ""]
                } else {
                    line += ["", "", "", ""]
                }
            }
            lines.append(line)
        }
        lines.append([])
        lines.append(["total", "course_id", "title", "assigned", "completed", "overdue", "completion_rate_percent"])
        for course in courses {
            lines.append(["course", course.courseId, course.title, "\(course.totals.assigned)", "\(course.totals.completed)", "\(course.totals.overdue)", Self.number(course.totals.completionRate)])
        }
        for unit in units {
            lines.append(["unit", unit.unitCode, unit.unitName, "\(unit.totals.assigned)", "\(unit.totals.completed)", "\(unit.totals.overdue)", Self.number(unit.totals.completionRate)])
        }
        var output = "\u{FEFF}"
        output.reserveCapacity(lines.count * 160)
        for line in lines {
            for (index, field) in line.enumerated() {
                if index > 0 { output += "," }
                output += Self.field(field)
            }
            output += "\r\n"
        }
        return output
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Quotes a field only when it must be, so numbers stay numbers; text that a spreadsheet would run as a formula
    /// gets a leading apostrophe.
    static func field(_ text: String) -> String {
        // Checked on UTF-8 bytes: this runs for every cell of reports with a hundred thousand rows.
        let bytes = text.utf8
        var text = text
        if let first = bytes.first {
            let formula = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "@") || first == 0x09
            let negativeText = first == UInt8(ascii: "-")
                && !(bytes.dropFirst().first.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? false)
            if formula || negativeText { text = "'" + text }
        }
        guard text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
