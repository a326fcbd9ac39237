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

        mutating func add(_ status: CourseStatus) {
            assigned += 1
            if status == .completed { completed += 1 }
            if status == .overdue { overdue += 1 }
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
    /// Officials in the report, of which `rows` holds `limit` from `offset`.
    var totalRows: Int
    var offset: Int
    var limit: Int
    var rows: [Row]

    /// The rows a page shows when it does not say, and the most it may ask for.
    static let defaultLimit = 100
    static let maximumLimit = 1000
}

/// A report computed over all of its officials in one pass: the totals, and one small line per official kept, in
/// report order. The JSON and the page show a slice of the lines, the CSV all of them, in slices; the cells of the
/// lines shown are worked out again from those officials' records, by the same rule, so no report ever holds a
/// province's million cells.
struct UnitReportPlan: Sendable {
    struct Line: Sendable {
        var handle: Int64
        /// Index in `groupCodes`: the unit the official counts toward, after merges.
        var group: Int
        /// Index in `cohorts`.
        var cohort: Int
    }

    /// Officials of one unit in one position, covered by the same assignments.
    struct Cohort: Sendable {
        var position: String?
        /// Per course of `reported`, the index in `assignments` of the covering assignment with the earliest due
        /// date, if any.
        var coverage: [Int?]
    }

    /// One course of a row, as computed.
    struct Cell {
        var column: Int
        var status: CourseStatus
        var assignment: Int
        var completedAt: Date?
        var bestScore: Double?
    }

    var unitCode: String
    var unitName: String
    var includeSubunits: Bool
    var generatedOn: String
    var courses: [UnitReport.CourseTotals]
    var units: [UnitReport.UnitTotals]
    var lines: [Line]
    var cohorts: [Cohort]
    var groupCodes: [String]
    var groupNames: [String]
    /// Every course the report asked the database about; `columns` maps each to its column, if it has one.
    var reported: [ReportedCourse]
    var columns: [Int?]
    var dueDates: [String]
    var deadlines: [Date?]
    var statusFilter: CourseStatus?
    var now: Date

    /// The courses a report has columns for: published courses with an assignment in force, by id, or just the one
    /// asked for.
    static func courses(assignments: [Assignment], courseFilter: String?, catalogue: Catalogue) -> [Course] {
        Set(assignments.map(\.courseID)).filter { courseFilter == nil || $0 == courseFilter }.sorted()
            .compactMap { catalogue.course(id: $0) }
    }

    /// What the database is asked about each course.
    static func reported(_ courses: [Course]) -> [ReportedCourse] {
        courses.map { ReportedCourse(id: $0.id, finalQuiz: $0.finalQuiz, countsFromVersion: $0.oldestValidVersion) }
    }

    /// Builds the report for officials of `unitCode` (after merges) and, if asked, every unit below it, reading
    /// their standings through `read` (as `AppDatabase.forEachOfficialStanding` hands them over).
    static func build(
        unitCode: String, includeSubunits: Bool, courseFilter: String?, statusFilter: CourseStatus?,
        tree: UnitTree, assignments: [Assignment], courses: [Course], now: Date,
        read: ([ReportedCourse], (OfficialStanding) throws -> Void) throws -> Void
    ) rethrows -> UnitReportPlan {
        let reported = reported(courses)
        let courseIndex = Dictionary(uniqueKeysWithValues: courses.enumerated().map { ($1.id, $0) })
        let deadlines = assignments.map(\.deadline)
        var cohorts: [Cohort] = []
        var cohortIndex: [Int: Int] = [:]
        var groupCodes: [String] = []
        var groupOfCode: [String: Int] = [:]
        var groupOfUnit: [Int: Int] = [:]
        var courseTotals = [UnitReport.Totals](repeating: UnitReport.Totals(), count: courses.count)
        var groupTotals: [UnitReport.Totals] = []
        var groupOfficials: [Int] = []
        // Standings come ordered by the unit each official is recorded in, then by name; lines keep that order
        // within the unit they count toward.
        var groupLines: [[Line]] = []
        try read(reported) { official in
            let group: Int
            if let known = groupOfUnit[official.unitIndex] {
                group = known
            } else {
                let effective = tree.effectiveCode(official.unitCode)
                if let known = groupOfCode[effective] {
                    group = known
                } else {
                    group = groupCodes.count
                    groupCodes.append(effective)
                    groupOfCode[effective] = group
                    groupTotals.append(UnitReport.Totals())
                    groupOfficials.append(0)
                    groupLines.append([])
                }
                groupOfUnit[official.unitIndex] = group
            }
            let key = official.unitIndex << 32 | ((official.positionIndex ?? -1) + 1)
            let cohort: Int
            if let known = cohortIndex[key] {
                cohort = known
            } else {
                var coverage = [Int?](repeating: nil, count: courses.count)
                for (index, assignment) in assignments.enumerated() {
                    guard let course = courseIndex[assignment.courseID],
                        assignment.covers(unitCode: official.unitCode, position: official.position, in: tree)
                    else { continue }
                    if let current = coverage[course], assignments[current].dueDate <= assignment.dueDate { continue }
                    coverage[course] = index
                }
                cohort = cohorts.count
                cohorts.append(Cohort(position: official.position, coverage: coverage))
                cohortIndex[key] = cohort
            }
            var kept = 0
            for (course, assignment) in cohorts[cohort].coverage.enumerated() {
                guard let assignment else { continue }
                let status = Self.status(official.records[course], dueDate: deadlines[assignment], now: now)
                if let statusFilter, status != statusFilter { continue }
                kept += 1
                courseTotals[course].add(status)
                groupTotals[group].add(status)
            }
            if statusFilter != nil, kept == 0 { return }
            groupOfficials[group] += 1
            groupLines[group].append(Line(handle: official.handle, group: group, cohort: cohort))
        }
        // Groups in order of their codes.
        let order = groupCodes.indices.sorted { groupCodes[$0] < groupCodes[$1] }
        var renumber = [Int](repeating: 0, count: groupCodes.count)
        for (new, old) in order.enumerated() { renumber[old] = new }
        var lines: [Line] = []
        lines.reserveCapacity(groupLines.reduce(0) { $0 + $1.count })
        for old in order {
            for var line in groupLines[old] {
                line.group = renumber[old]
                lines.append(line)
            }
        }
        let codes = order.map { groupCodes[$0] }
        let names = codes.map { tree.units[$0]?.name ?? $0 }
        // Only courses assigned to someone in the report get a column, unless one was asked for.
        let shown = courses.indices.filter { courseFilter != nil || courseTotals[$0].assigned > 0 }
        var columns = [Int?](repeating: nil, count: courses.count)
        for (column, course) in shown.enumerated() { columns[course] = column }
        return UnitReportPlan(
            unitCode: unitCode, unitName: tree.units[unitCode]?.name ?? unitCode, includeSubunits: includeSubunits,
            generatedOn: DueDate.day(of: now),
            courses: shown.map { UnitReport.CourseTotals(courseId: courses[$0].id, title: courses[$0].title, totals: courseTotals[$0]) },
            units: order.enumerated().map { new, old in
                UnitReport.UnitTotals(unitCode: codes[new], unitName: names[new], officials: groupOfficials[old], totals: groupTotals[old])
            },
            lines: lines, cohorts: cohorts, groupCodes: codes, groupNames: names, reported: reported, columns: columns,
            dueDates: assignments.map(\.dueDate), deadlines: deadlines, statusFilter: statusFilter, now: now)
    }

    /// The one rule for a cell's status, for the totals and for the rows alike.
    private static func status(_ record: CourseStanding, dueDate: Date?, now: Date) -> CourseStatus {
        CourseStatus(
            completed: record.completedAt != nil, completedBefore: record.completedBefore, started: record.started,
            dueDate: dueDate, now: now)
    }

    /// The cells of one line, from the official's records, in column order.
    func cells(of line: Line, records: [CourseStanding]?) -> [Cell] {
        guard let records else { return [] }
        var cells: [Cell] = []
        for (course, assignment) in cohorts[line.cohort].coverage.enumerated() {
            guard let assignment, let column = columns[course], course < records.count else { continue }
            let record = records[course]
            let status = Self.status(record, dueDate: deadlines[assignment], now: now)
            if let statusFilter, status != statusFilter { continue }
            cells.append(Cell(
                column: column, status: status, assignment: assignment, completedAt: record.completedAt,
                bestScore: reported[course].finalQuiz == nil ? nil : record.bestPercent))
        }
        return cells.sorted { $0.column < $1.column }
    }

    /// The lines from `offset`, at most `limit` of them.
    func slice(offset: Int, limit: Int) -> ArraySlice<Line> {
        let start = min(max(offset, 0), lines.count)
        return lines[start..<min(start + max(limit, 0), lines.count)]
    }

    /// What the rows of a slice need from the database: who the officials are and their records now.
    struct SliceRecords {
        var identities: [Int64: OfficialIdentity]
        var standings: [Int64: [CourseStanding]]
    }

    func records(of slice: ArraySlice<Line>, in database: AppDatabase) throws -> SliceRecords {
        let handles = slice.map(\.handle)
        return SliceRecords(
            identities: try database.officialIdentities(handles),
            standings: try database.officialStandings(handles: handles, courses: reported))
    }

    /// The report with the rows of one slice.
    func report(offset: Int, limit: Int, records: SliceRecords) -> UnitReport {
        var days = CompletionDays()
        return UnitReport(
            unitCode: unitCode, unitName: unitName, includeSubunits: includeSubunits, generatedOn: generatedOn,
            courses: courses, units: units, totalRows: lines.count, offset: offset, limit: limit,
            rows: slice(offset: offset, limit: limit).map { line in
                let identity = records.identities[line.handle]
                return UnitReport.Row(
                    learnerId: identity?.learnerID ?? "", username: identity?.username, fullName: identity?.displayName ?? "",
                    unitCode: groupCodes[line.group], unitName: groupNames[line.group], position: cohorts[line.cohort].position,
                    courses: cells(of: line, records: records.standings[line.handle]).map { cell in
                        UnitReport.CourseCell(
                            courseId: courses[cell.column].courseId, status: cell.status, dueDate: dueDates[cell.assignment],
                            completedOn: cell.completedAt.map { days.day(of: $0) }, bestScore: cell.bestScore)
                    })
            })
    }

    /// Calendar days in Vietnam, each formatted once.
    struct CompletionDays {
        private var known: [Int: String] = [:]

        mutating func day(of date: Date) -> String {
            let number = Int(((date.timeIntervalSince1970 + 7 * 3600) / 86_400).rounded(.down))
            if let day = known[number] { return day }
            let day = DueDate.day(of: date)
            known[number] = day
            return day
        }
    }

    // MARK: CSV

    /// The CSV Excel opens correctly: UTF-8 with a byte-order mark, numbers unquoted, ISO dates, totals at the end.
    /// Written in three parts so that a hundred thousand rows can be streamed slice by slice.
    func csvHeader() -> String {
        var header = ["unit_code", "unit_name", "username", "full_name", "position"]
        for course in courses {
            header += ["\(course.courseId) status", "\(course.courseId) due_date", "\(course.courseId) completed_on", "\(course.courseId) best_score"]
        }
        return "\u{FEFF}" + Self.csvLine(header)
    }

    func csvRows(_ lines: ArraySlice<Line>, records: SliceRecords) -> String {
        var output = ""
        output.reserveCapacity(lines.count * (80 + 40 * courses.count))
        var days = CompletionDays()
        var fields: [String] = []
        for line in lines {
            let identity = records.identities[line.handle]
            fields.removeAll(keepingCapacity: true)
            fields += [groupCodes[line.group], groupNames[line.group], identity?.username ?? "", identity?.displayName ?? "", cohorts[line.cohort].position ?? ""]
            let cells = cells(of: line, records: records.standings[line.handle])
            var next = 0
            for column in courses.indices {
                if next < cells.count, cells[next].column == column {
                    let cell = cells[next]
                    fields += [
                        cell.status.rawValue, dueDates[cell.assignment], cell.completedAt.map { days.day(of: $0) } ?? "",
                        cell.bestScore.map(UnitReport.number) ?? "",
                    ]
                    next += 1
                } else {
                    fields += ["", "", "", ""]
                }
            }
            Self.appendCSVLine(fields, to: &output)
        }
        return output
    }

    func csvTotals() -> String {
        var lines: [[String]] = [[], ["total", "course_id", "title", "assigned", "completed", "overdue", "completion_rate_percent"]]
        for course in courses {
            let totals = course.totals
            lines.append(["course", course.courseId, course.title, "\(totals.assigned)", "\(totals.completed)", "\(totals.overdue)", UnitReport.number(totals.completionRate)])
        }
        for unit in units {
            let totals = unit.totals
            lines.append(["unit", unit.unitCode, unit.unitName, "\(totals.assigned)", "\(totals.completed)", "\(totals.overdue)", UnitReport.number(totals.completionRate)])
        }
        return lines.map(Self.csvLine).joined()
    }

    private static func csvLine(_ fields: [String]) -> String {
        var line = ""
        appendCSVLine(fields, to: &line)
        return line
    }

    private static func appendCSVLine(_ fields: [String], to output: inout String) {
        for (index, field) in fields.enumerated() {
            if index > 0 { output += "," }
            output += UnitReport.field(field)
        }
        output += "\r\n"
    }
}

extension UnitReport {
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
