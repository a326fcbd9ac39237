import CourseEngine
import Foundation
import Storage
import Testing

@testable import WebApp

@Suite("Importing officials")
struct UserImportTests {
    private func fixture(_ name: String) -> String { "\(TestPaths.fixtures)/Officials/\(name)" }

    @Test("a good file creates officials, generates a one-time password where none is given, and can be re-imported")
    func goodFile() async throws {
        let database = try AppDatabase.inMemory()
        let importer = UserImporter(database: database, bcryptCost: 4)
        guard case .success(let report) = try await importer.importFile(path: fixture("good.csv")) else {
            Issue.record("the import failed")
            return
        }
        #expect(report.created == ["lan.tt", "minh.nv"])
        #expect(report.generatedPasswords.map(\.username) == ["lan.tt"])
        let minh = try #require(try database.credentials(username: "minh.nv"))
        #expect(minh.learner.position == "Chủ tịch UBND, xã")
        #expect(minh.learner.roles == [.learner, .supervisor])

        // The generated password signs in
        let accounts = AccountService(database: database, throttle: SignInThrottle(), bcryptCost: 4, sessionLifetime: 60)
        let session = try await accounts.signIn(username: "lan.tt", password: report.generatedPasswords[0].password, address: "test")
        #expect(session.learner.unitCode == "XA-01")

        // Importing again updates and generates nothing new
        guard case .success(let again) = try await importer.importFile(path: fixture("good.csv")) else { return }
        #expect(again.updated == ["lan.tt", "minh.nv"])
        #expect(again.generatedPasswords.isEmpty)
    }

    @Test("a bad row is reported with its line number and nothing from the file is written")
    func badRow() async throws {
        let database = try AppDatabase.inMemory()
        let result = try await UserImporter(database: database, bcryptCost: 4).importFile(path: fixture("bad-row.csv"))
        guard case .failure(let failure) = result else {
            Issue.record("the import should have failed")
            return
        }
        #expect(failure.diagnostics.map(\.line) == [3, 4])
        #expect(failure.diagnostics[0].message == "'unit_code' is empty")
        #expect(failure.diagnostics[1].message.contains("unknown role 'giangvien'"))
        #expect(try database.learnerCount() == 0)
    }

    @Test("a username given twice in one file is an error naming both lines")
    func duplicateUsername() async throws {
        let database = try AppDatabase.inMemory()
        let result = try await UserImporter(database: database, bcryptCost: 4).importFile(path: fixture("duplicate.csv"))
        guard case .failure(let failure) = result else {
            Issue.record("the import should have failed")
            return
        }
        #expect(failure.diagnostics.first?.formatted.hasSuffix("duplicate.csv:3:1: error: username 'lan.tt' is also on line 2") == true)
        #expect(try database.learnerCount() == 0)
    }
}
