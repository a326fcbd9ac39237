import CourseEngine
import Foundation
import Storage

/// `binhdan units import`: reads a units file, checks it together with the units already stored, and writes all of
/// it or nothing.
public struct UnitImporter: Sendable {
    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    public func importFile(path: String) throws -> Result<(created: Int, updated: Int), UserImporter.ImportFailure> {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let (units, lines, diagnostics) = UnitsList.parse(bytes, file: path)
        guard diagnostics.isEmpty else { return .failure(.init(diagnostics: diagnostics)) }
        // The file may refer to units imported before; what it says about a unit replaces what was stored.
        var combined: [String: AdministrativeUnit] = [:]
        for unit in try database.units() { combined[unit.code] = unit }
        for unit in units { combined[unit.code] = unit }
        let problems = UnitTree.problems(in: Array(combined.values), lines: lines, file: path)
            .filter { lines.values.contains($0.line) }
        guard problems.isEmpty else { return .failure(.init(diagnostics: problems.sortedByLocation())) }
        return .success(try database.importUnits(units, now: Date()))
    }
}
