import CourseEngine
import Foundation
import Testing

@testable import Storage

@Suite("A synthetic province for benchmarks")
struct SyntheticProvinceTests {
    private let spec = AppDatabase.SyntheticProvinceSpec(
        communes: 3, officials: 40, citizens: 20,
        courses: [
            .init(id: "mot-cua", title: "Một cửa", version: 2, audience: .officials,
                  lessons: [("tiep-nhan", 0), ("tra-ket-qua", 4)], quiz: "mot-cua-kiem-tra"),
            .init(id: "vneid", title: "VNeID", version: 1, audience: .citizens, lessons: [("cai-dat", 6)], quiz: nil),
        ],
        passwordHash: "hash", now: Date(timeIntervalSince1970: 1_790_000_000))

    @Test("officials and citizens follow only their audience's courses, with events behind every summary")
    func learnersFollowTheirCourses() throws {
        // Given an empty database
        let database = try AppDatabase.inMemory()

        // When a small province is filled
        let province = try database.fillSyntheticProvince(spec)

        // Then everyone is there, the officials' course is assigned and some learners completed each course
        #expect(province.unitCodes.count == 3)
        #expect(try database.learnerCount() == 40 + 20 + 1)
        #expect(try database.activeAssignments().map(\.courseID) == ["mot-cua"])
        let official = try #require(try database.credentials(username: AppDatabase.syntheticUsername(7))).learner
        let citizen = try #require(try database.learner(id: "bench00000000045"))
        #expect(try database.progress(learnerID: official.id).allSatisfy { $0.courseID == "mot-cua" })
        #expect(try database.progress(learnerID: citizen.id).allSatisfy { $0.courseID == "vneid" })
        #expect(province.lessonSummaries > 0 && province.events > province.lessonSummaries)
        #expect(province.attempts > 0)
        #expect(try database.credentials(username: AppDatabase.benchSupervisorUsername)?.learner.has(.supervisor) == true)
    }

    @Test("every certificate issued can be verified and names its holder")
    func certificatesVerify() throws {
        // Given a filled province
        let database = try AppDatabase.inMemory()
        let province = try database.fillSyntheticProvince(spec)

        // When its certificates are looked up by code
        let certificates = try province.certificateCodes.map { try database.certificate(code: $0) }

        // Then each is found, for a completed course
        #expect(!certificates.isEmpty)
        #expect(certificates.allSatisfy { $0 != nil && $0!.revokedAt == nil && !$0!.holderName.isEmpty })
    }

    @Test("two fills of the same size make the same province")
    func deterministic() throws {
        // Given two empty databases, when both are filled alike
        let first = try AppDatabase.inMemory().fillSyntheticProvince(spec)
        let second = try AppDatabase.inMemory().fillSyntheticProvince(spec)

        // Then they hold the same records
        #expect(first.events == second.events && first.attempts == second.attempts)
        #expect(first.certificateCodes == second.certificateCodes)
    }
}
