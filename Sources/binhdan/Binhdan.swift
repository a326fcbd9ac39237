import ArgumentParser
import CourseEngine
import Foundation
import Hummingbird
import Logging
import WebApp

@main
struct Binhdan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Digital-literacy training server for Bình dân học vụ số.",
        subcommands: [Serve.self, Check.self],
        defaultSubcommand: Serve.self
    )
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the catalogue, the pages and the JSON API.")

    @Option(help: "Address to listen on (BINHDAN_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (BINHDAN_PORT, default 8080).") var port: Int?
    @Option(help: "Folder of courses (BINHDAN_COURSES, default Courses).") var courses: String?
    @Option(help: "Folder of GIFT quizzes (BINHDAN_ASSESSMENTS, default Assessments).") var assessments: String?
    @Option(name: .customLong("static"), help: "Folder of CSS, templates and messages (BINHDAN_STATIC, default Static).")
    var staticPath: String?
    @Option(help: "trace, debug, info, notice, warning, error or critical (BINHDAN_LOG_LEVEL, default info).")
    var logLevel: String?

    func run() async throws {
        let flags = AppConfig.Flags(
            host: host, port: port, coursesPath: courses, assessmentsPath: assessments, staticPath: staticPath,
            logLevel: logLevel)
        let config = try AppConfig.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        print("binhdan configuration: \(config)")
        let app = try await buildApplication(config) { port in
            print("binhdan is serving on http://\(config.host):\(port)")
        }
        try await app.runService()
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check courses and print every problem as file:line:column: severity: message.",
        discussion: "Exits with status 1 when there is any error."
    )

    @Argument(help: "The courses folder, or one course folder.") var path = "Courses"
    @Option(help: "Folder of GIFT quizzes (default: Assessments beside the courses folder).") var assessments: String?
    @Flag(help: "Print a JSON array of {file, line, column, severity, message}.") var json = false

    func run() throws {
        let assessmentsPath = assessments ?? Self.siblingAssessments(of: path)
        let diagnostics = try ContentChecker.check(coursesPath: path, assessmentsPath: assessmentsPath)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(diagnostics), as: UTF8.self))
        } else {
            for diagnostic in diagnostics { print(diagnostic.formatted) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            let summary = "\(errors) error(s), \(diagnostics.count - errors) warning(s)"
            FileHandle.standardError.write(Data((summary + "\n").utf8))
        }
        if diagnostics.hasErrors { throw ExitCode(1) }
    }

    /// `Courses` → `Assessments`; a single course folder `Courses/x` → `Assessments` beside `Courses`.
    static func siblingAssessments(of path: String) -> String {
        var url = URL(fileURLWithPath: path)
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("course.md").path) {
            url.deleteLastPathComponent()
        }
        let sibling = url.deletingLastPathComponent().appendingPathComponent("Assessments").path
        return sibling.hasPrefix(FileManager.default.currentDirectoryPath + "/")
            ? String(sibling.dropFirst(FileManager.default.currentDirectoryPath.count + 1)) : sibling
    }
}
