import CourseEngine
import Foundation

/// A required course on the official's home page.
struct DueCourseItem {
    let title: String
    let href: String
    let dueLabel: String
    let statusLabel: String
    let statusClass: String
    let actionLabel: String
}

/// The certificate page: printable on A4, in black and white, with the code and a QR code of its verification URL.
struct CertificatePage {
    let holderName: String
    let courseTitle: String
    let versionLabel: String
    let issuedLabel: String
    let code: String
    let verifyURL: String
    let qrSVG: String
    let valid: Bool
    let revokedLabel: String?
}

/// What anyone sees when checking a certificate.
struct VerifyPage {
    let valid: Bool
    let verdict: String
    let holderName: String
    let courseTitle: String
    let versionLabel: String
    let issuedLabel: String
    let code: String
    let revokedReason: String?
}

/// The supervisor's report page, made from the same `UnitReport` as the JSON and the CSV.
struct ReportPage {
    struct Column {
        let title: String
    }

    struct Cell {
        let text: String
        let statusClass: String
    }

    struct Row {
        let name: String
        let unitName: String
        let position: String
        let cells: [Cell]
    }

    struct TotalsRow {
        let name: String
        let assigned: Int
        let completed: Int
        let overdue: Int
        let rate: String
    }

    let title: String
    let columns: [Column]
    let rows: [Row]
    let courseTotals: [TotalsRow]
    let unitTotals: [TotalsRow]
    let csvHref: String
    /// The share of completions made with a volunteer, for the same unit.
    let assistedHref: String
    let isEmpty: Bool
    /// "Rows 101 to 200 of 1,234", with links to the pages before and after.
    let rangeLabel: String
    let previousHref: String?
    let nextHref: String?

    init(report: UnitReport, query: some Collection<(key: Substring, value: Substring)>, messages: MessageCatalogue, language: Language) {
        title = messages.text("report_title", language, ["unit": report.unitName])
        columns = report.courses.map { Column(title: $0.title) }
        rows = report.rows.map { row in
            Row(
                name: row.fullName, unitName: row.unitName, position: row.position ?? "",
                cells: report.courses.map { course in
                    guard let cell = row.courses.first(where: { $0.courseId == course.courseId }) else { return Cell(text: "—", statusClass: "none") }
                    var text = messages.text("course_status_\(cell.status.rawValue)", language)
                    if let completed = cell.completedOn { text += " \(completed)" } else { text += " · " + messages.text("report_due", language, ["date": cell.dueDate]) }
                    if let score = cell.bestScore { text += " · \(UnitReport.number(score))%" }
                    return Cell(text: text, statusClass: cell.status.rawValue.replacingOccurrences(of: "_", with: "-"))
                })
        }
        func totals(_ name: String, _ totals: UnitReport.Totals) -> TotalsRow {
            TotalsRow(name: name, assigned: totals.assigned, completed: totals.completed, overdue: totals.overdue, rate: "\(UnitReport.number(totals.completionRate))%")
        }
        courseTotals = report.courses.map { totals($0.title, $0.totals) }
        unitTotals = report.units.map { totals($0.unitName, $0.totals) }
        // The filters stay when moving between pages; the export has every row.
        let filters = query.filter { $0.key != "offset" && $0.key != "limit" && $0.key != "lang" }
            .map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
        func href(_ base: String, _ extra: [String]) -> String {
            let parameters = filters + extra
            return base + (parameters.isEmpty ? "" : "?" + parameters.joined(separator: "&"))
        }
        csvHref = href(SitePath.apiUnitReportCSV(report.unitCode).path, [])
        assistedHref = SitePath.assistedReport(report.unitCode).path
        isEmpty = report.rows.isEmpty
        let limit = report.limit == UnitReport.defaultLimit ? [] : ["limit=\(report.limit)"]
        let pagePath = SitePath.unitReport(report.unitCode).path
        previousHref = report.offset > 0
            ? href(pagePath, (report.offset > report.limit ? ["offset=\(report.offset - report.limit)"] : []) + limit) : nil
        nextHref = report.offset + report.limit < report.totalRows ? href(pagePath, ["offset=\(report.offset + report.limit)"] + limit) : nil
        rangeLabel = messages.text("report_range", language, [
            "from": "\(min(report.offset + 1, report.totalRows))", "to": "\(report.offset + report.rows.count)", "total": "\(report.totalRows)",
        ])
    }

    private static func encode(_ text: Substring) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? String(text)
    }
}
