import CourseEngine
import Foundation
import Storage

/// `binhdan users import`: reads an HR list, checks every row, and writes all of it or nothing.
public struct UserImporter: Sendable {
    let database: AppDatabase
    let bcryptCost: UInt8

    public init(database: AppDatabase, bcryptCost: UInt8) {
        self.database = database
        self.bcryptCost = bcryptCost
    }

    /// What an import did; the generated passwords are to be shown once and handed over.
    public struct Report: Sendable {
        public var created: [String]
        public var updated: [String]
        /// Username → one-time password, for new officials whose row had no password.
        public var generatedPasswords: [(username: String, password: String)]
    }

    /// Imports the file, or returns its problems (with line numbers) and writes nothing.
    public func importFile(path: String) async throws -> Result<Report, ImportFailure> {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let (list, diagnostics) = OfficialsList.parse(bytes, file: path)
        guard diagnostics.isEmpty else { return .failure(ImportFailure(diagnostics: diagnostics)) }
        let existing = try database.existingUsernames(list.rows.map(\.username))
        var generated: [(String, String)] = []
        var rows: [AppDatabase.OfficialRow] = []
        for row in list.rows {
            var password = row.password
            if password == nil && !existing.contains(row.username) {
                password = OneTimePassword.generate()
                generated.append((row.username, password!))
            }
            let hash: String? = if let password { try await AccountService.passwordHash(password, cost: bcryptCost) } else { nil }
            rows.append(AppDatabase.OfficialRow(
                username: row.username, fullName: row.fullName, unitCode: row.unitCode, position: row.position,
                roles: row.roles, passwordHash: hash))
        }
        let summary = try database.importOfficials(rows, now: Date())
        return .success(Report(created: summary.created, updated: summary.updated, generatedPasswords: generated))
    }

    /// The problems that stopped an import.
    public struct ImportFailure: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }
}
