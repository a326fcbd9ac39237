import Foundation

/// An HR list of officials (`username,full_name,unit_code,position,roles[,password]`), read and checked row by row.
public struct OfficialsList: Sendable {
    /// One official as the file gives them.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var username: String
        public var fullName: String
        public var unitCode: String
        public var position: String
        public var roles: Set<Role>
        /// Given in the file, or nil when the importer must generate a one-time password.
        public var password: String?
    }

    public var rows: [Row]

    static let requiredColumns = ["username", "full_name", "unit_code", "position", "roles"]

    /// Parses the file; any problem is reported with its line, and a list with problems must not be imported.
    public static func parse(_ bytes: [UInt8], file: String) -> (OfficialsList, [Diagnostic]) {
        let text: String
        switch TextDecoding.decodeUTF8(bytes) {
        case .failure(let invalid):
            return (OfficialsList(rows: []), [.error("the file is not valid UTF-8: save it as CSV UTF-8", file: file, line: invalid.line, column: invalid.column)])
        case .success(let decoded):
            text = decoded
        }
        let records = CSV.records(text)
        guard let header = records.first else {
            return (OfficialsList(rows: []), [.error("the file is empty; the first line must name the columns", file: file)])
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var diagnostics = CSV.headerProblems(columns, required: requiredColumns, optional: ["password"], file: file, line: header.line)
        guard diagnostics.isEmpty else { return (OfficialsList(rows: []), diagnostics) }

        var rows: [Row] = []
        var seen: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func value(_ name: String) -> String {
                guard let index = columns.firstIndex(of: name), index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            guard record.fields.count == columns.count else {
                diagnostics.append(.error("expected \(columns.count) fields, found \(record.fields.count)", file: file, line: record.line))
                continue
            }
            let username = value("username").lowercased()
            if !isValidUsername(username) {
                diagnostics.append(.error("username '\(value("username"))' must be 3 to 64 letters, digits, '.', '_' or '-'", file: file, line: record.line))
            } else if let first = seen[username] {
                diagnostics.append(.error("username '\(username)' is also on line \(first)", file: file, line: record.line))
            }
            seen[username] = seen[username] ?? record.line
            for name in ["full_name", "unit_code", "position"] where value(name).isEmpty {
                diagnostics.append(.error("'\(name)' is empty", file: file, line: record.line))
            }
            var roles: Set<Role> = [.learner]
            for name in value("roles").split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !name.isEmpty {
                if let role = Role(rawValue: name) {
                    roles.insert(role)
                } else {
                    var message = "unknown role '\(name)' (roles: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
                    if let suggestion = Suggestion.closest(to: name, in: Role.allCases.map(\.rawValue)) { message += "; did you mean '\(suggestion)'?" }
                    diagnostics.append(.error(message, file: file, line: record.line))
                }
            }
            let password = value("password")
            if !password.isEmpty && password.count < 8 {
                diagnostics.append(.error("the password must have at least 8 characters", file: file, line: record.line))
            }
            rows.append(Row(
                line: record.line, username: username, fullName: value("full_name"), unitCode: value("unit_code"),
                position: value("position"), roles: roles, password: password.isEmpty ? nil : password))
        }
        return (OfficialsList(rows: diagnostics.isEmpty ? rows : []), diagnostics)
    }

    static func isValidUsername(_ username: String) -> Bool {
        (3...64).contains(username.count)
            && username.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) }
    }
}

/// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks.
enum CSV {
    struct Record {
        /// The line the record starts on.
        var line: Int
        var fields: [String]
    }

    /// Missing required columns and unknown ones (with a suggestion for a typo), on the header's line.
    static func headerProblems(_ columns: [String], required: [String], optional: [String], file: String, line: Int) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for column in required where !columns.contains(column) {
            diagnostics.append(.error("missing column '\(column)' in the first line", file: file, line: line))
        }
        for column in columns where !(required + optional).contains(column) {
            var message = "unknown column '\(column)'"
            if let suggestion = Suggestion.closest(to: column, in: required + optional) { message += "; did you mean '\(suggestion)'?" }
            diagnostics.append(.error(message, file: file, line: line))
        }
        return diagnostics
    }

    static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let character = pending ?? characters.next() {
            pending = nil
            if inQuotes {
                if character == "\"" {
                    if let next = characters.next() {
                        if next == "\"" { field.append("\"") } else { inQuotes = false; pending = next }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if character == "\n" { line += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"" where field.isEmpty: inQuotes = true
            case ",":
                fields.append(field)
                field = ""
            case "\n":
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                line += 1
                recordLine = line
            default: field.append(character)
            }
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}
