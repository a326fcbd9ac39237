import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import WebApp

/// Where the tests find the fixture catalogue and the product's own templates and messages.
enum TestPaths {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let fixtures = Bundle.module.path(forResource: "Fixtures", ofType: nil)!
    static let staticFiles = "\(repository)/Static"
}

/// A configuration that serves the fixture catalogue with the real templates, on a free loopback port.
func testConfig(courses: String = "\(TestPaths.fixtures)/Courses") -> AppConfig {
    var config = AppConfig()
    config.host = "127.0.0.1"
    config.port = 0
    config.coursesPath = courses
    config.assessmentsPath = "\(TestPaths.fixtures)/Assessments"
    config.staticPath = TestPaths.staticFiles
    config.logLevel = .critical
    config.databasePath = ":memory:"
    config.bcryptCost = 4
    return config
}

/// Builds the application exactly as `binhdan serve` does, over the fixtures.
func makeApp() async throws -> some ApplicationProtocol {
    try await buildApplication(testConfig())
}

extension TestResponse {
    var text: String { String(buffer: body) }
}
