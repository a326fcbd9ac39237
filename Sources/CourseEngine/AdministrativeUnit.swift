import Foundation

/// What kind of administrative unit a unit is, under the two-level local government.
public enum UnitKind: String, Sendable, Hashable, Codable, CaseIterable {
    case province
    case commune
    case ward
    case specialZone = "special_zone"
    case department
}

/// An administrative unit: the province, a commune, ward or special zone, or a department at any depth.
public struct AdministrativeUnit: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var kind: UnitKind
    public var parentCode: String?
    /// Set when the unit was merged into another: its learners and records count toward that one.
    public var mergedInto: String?

    public init(code: String, name: String, kind: UnitKind, parentCode: String?, mergedInto: String? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parentCode = parentCode
        self.mergedInto = mergedInto
    }
}

/// The tree of units, with merges followed: answers "which units are under this one" and "where does this count".
public struct UnitTree: Sendable {
    public let units: [String: AdministrativeUnit]
    private let children: [String: [String]]

    public init(_ units: [AdministrativeUnit]) {
        var byCode: [String: AdministrativeUnit] = [:]
        var children: [String: [String]] = [:]
        for unit in units { byCode[unit.code] = unit }
        for unit in units {
            if let parent = unit.parentCode { children[parent, default: []].append(unit.code) }
            // A merged unit's records count toward its successor, so it sits under it for reports.
            if let successor = unit.mergedInto { children[successor, default: []].append(unit.code) }
        }
        self.units = byCode
        self.children = children.mapValues { Array(Set($0)).sorted() }
    }

    /// The unit a code counts toward: itself, or the end of its chain of merges.
    public func effectiveCode(_ code: String) -> String {
        var current = code
        var seen: Set<String> = [code]
        while let next = units[current]?.mergedInto, !seen.contains(next) {
            seen.insert(next)
            current = next
        }
        return current
    }

    /// The code and every unit below it (and every unit merged into them), each once.
    public func subtree(_ code: String) -> Set<String> {
        var result: Set<String> = []
        var pending = [code]
        while let next = pending.popLast() {
            guard result.insert(next).inserted else { continue }
            pending += children[next] ?? []
        }
        return result
    }

    /// True when `code` is `ancestor` or below it.
    public func contains(_ code: String, in ancestor: String) -> Bool {
        var current: String? = code
        var seen: Set<String> = []
        while let unit = current, seen.insert(unit).inserted {
            if unit == ancestor { return true }
            current = units[unit]?.mergedInto ?? units[unit]?.parentCode
        }
        return false
    }

    /// Checks a set of units for unknown parents or successors and cycles; one diagnostic per problem, by line.
    public static func problems(in units: [AdministrativeUnit], lines: [String: Int], file: String) -> [Diagnostic] {
        let byCode = Dictionary(units.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for unit in units {
            let line = lines[unit.code] ?? 1
            if let parent = unit.parentCode, byCode[parent] == nil {
                diagnostics.append(.error("unknown parent '\(parent)' for unit '\(unit.code)'", file: file, line: line))
            }
            if let successor = unit.mergedInto, byCode[successor] == nil {
                diagnostics.append(.error("unit '\(unit.code)' is merged into unknown unit '\(successor)'", file: file, line: line))
            }
            if unit.mergedInto == unit.code {
                diagnostics.append(.error("unit '\(unit.code)' cannot be merged into itself", file: file, line: line))
            }
            var seen: Set<String> = [unit.code]
            var current = unit.parentCode
            while let code = current {
                if !seen.insert(code).inserted {
                    diagnostics.append(.error("unit '\(unit.code)' is inside a cycle of parents (\(seen.sorted().joined(separator: ", ")))", file: file, line: line))
                    break
                }
                current = byCode[code]?.parentCode
            }
        }
        return diagnostics
    }
}

/// A units file (`code,name,kind,parent_code[,merged_into]`), read and checked row by row.
public enum UnitsList {
    public static func parse(_ bytes: [UInt8], file: String) -> (units: [AdministrativeUnit], lines: [String: Int], diagnostics: [Diagnostic]) {
        guard case .success(let text) = TextDecoding.decodeUTF8(bytes) else {
            if case .failure(let invalid) = TextDecoding.decodeUTF8(bytes) {
                return ([], [:], [.error("the file is not valid UTF-8: save it as CSV UTF-8", file: file, line: invalid.line, column: invalid.column)])
            }
            return ([], [:], [])
        }
        let records = CSV.records(text)
        guard let header = records.first else { return ([], [:], [.error("the file is empty; the first line must name the columns", file: file)]) }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let required = ["code", "name", "kind", "parent_code"]
        var diagnostics = CSV.headerProblems(columns, required: required, optional: ["merged_into"], file: file, line: header.line)
        guard diagnostics.isEmpty else { return ([], [:], diagnostics) }
        var units: [AdministrativeUnit] = []
        var lines: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            guard record.fields.count == columns.count else {
                diagnostics.append(.error("expected \(columns.count) fields, found \(record.fields.count)", file: file, line: record.line))
                continue
            }
            func value(_ name: String) -> String {
                columns.firstIndex(of: name).map { record.fields[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            }
            let code = value("code")
            guard isValidCode(code) else {
                diagnostics.append(.error("unit code '\(code)' must be 1 to 64 letters, digits, '-', '_' or '.'", file: file, line: record.line))
                continue
            }
            if let first = lines[code] {
                diagnostics.append(.error("duplicate code '\(code)': also on line \(first)", file: file, line: record.line))
                continue
            }
            guard let kind = UnitKind(rawValue: value("kind").lowercased()) else {
                var message = "unknown kind '\(value("kind"))' (kinds: \(UnitKind.allCases.map(\.rawValue).joined(separator: ", ")))"
                if let suggestion = Suggestion.closest(to: value("kind").lowercased(), in: UnitKind.allCases.map(\.rawValue)) { message += "; did you mean '\(suggestion)'?" }
                diagnostics.append(.error(message, file: file, line: record.line))
                continue
            }
            guard !value("name").isEmpty else {
                diagnostics.append(.error("'name' is empty", file: file, line: record.line))
                continue
            }
            lines[code] = record.line
            units.append(AdministrativeUnit(
                code: code, name: value("name"), kind: kind, parentCode: value("parent_code").isEmpty ? nil : value("parent_code"),
                mergedInto: value("merged_into").isEmpty ? nil : value("merged_into")))
        }
        return (units, lines, diagnostics)
    }

    static func isValidCode(_ code: String) -> Bool {
        (1...64).contains(code.count)
            && code.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }
}
