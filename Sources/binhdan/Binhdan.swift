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
        subcommands: [Serve.self, Check.self, New.self, QuizCommand.self, Users.self, Units.self, Backup.self, Bench.self],
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
    @OptionGroup var database: DatabaseOption
    @Flag(inversion: .prefixedNo, help: "Mark cookies Secure, behind HTTPS (BINHDAN_SECURE_COOKIES, default off).")
    var secureCookies: Bool?
    @Option(help: "The address people reach the site at, for certificates' QR codes (BINHDAN_PUBLIC_URL).")
    var publicURL: String?
    @Option(help: "How to reach the commune's help desk, shown with each step's help (BINHDAN_HELP_DESK).")
    var helpDesk: String?
    @Flag(help: "Reload when Courses/, Assessments/ or Static/ change; open pages refresh themselves (BINHDAN_WATCH).")
    var watch = false

    func run() async throws {
        let flags = AppConfig.Flags(
            host: host, port: port, coursesPath: courses, assessmentsPath: assessments, staticPath: staticPath,
            logLevel: logLevel, databasePath: database.database, secureCookies: secureCookies, publicURL: publicURL,
            helpDesk: helpDesk, watch: watch ? true : nil)
        let config = try AppConfig.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
        print("binhdan configuration: \(config)")
        fflush(nil)
        let app = try await buildApplication(config) { port in
            print("binhdan is serving on http://\(config.host):\(port)")
            fflush(nil)
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
    /// When the database exists, assigned courses changed without a new `version` are warned about.
    @OptionGroup var database: DatabaseOption

    func run() throws {
        let assessmentsPath = assessments ?? Self.siblingAssessments(of: path)
        let diagnostics = try ContentChecker.check(
            coursesPath: path, assessmentsPath: assessmentsPath, databasePath: try database.config().databasePath)
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

/// `--database PATH`, shared by every command that touches the data.
struct DatabaseOption: ParsableArguments {
    @Option(help: "The SQLite database (BINHDAN_DATABASE, default data/binhdan.sqlite).") var database: String?

    func config() throws -> AppConfig {
        try AppConfig.resolve(flags: .init(databasePath: database), environment: ProcessInfo.processInfo.environment)
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage learner accounts.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update officials from an HR list (CSV UTF-8).",
            discussion: """
                Columns: username, full_name, unit_code, position, roles (separated by ';'), and optionally password.
                New officials without a password get a one-time password, printed once. A bad row is reported with \
                its line number and nothing from the file is written.
                """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let config = try database.config()
            let importer = UserImporter(database: try AppDependencies.openDatabase(config), bcryptCost: config.bcryptCost)
            switch try await importer.importFile(path: file) {
            case .failure(let failure):
                for diagnostic in failure.diagnostics { print(diagnostic.formatted) }
                print("Nothing was imported: fix the lines above and run the import again.")
                throw ExitCode(1)
            case .success(let report):
                print("Created \(report.created.count), updated \(report.updated.count) official(s).")
                if !report.generatedPasswords.isEmpty {
                    print("One-time passwords (shown only now; hand each to its owner):")
                    for (username, password) in report.generatedPasswords { print("  \(username)\t\(password)") }
                }
            }
        }
    }
}

struct Units: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage administrative units.", subcommands: [Import.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or update units from a CSV file (code, name, kind, parent_code, merged_into).",
            discussion: """
                Kinds: province, commune, ward, special_zone, department. A unit merged into another (merged_into) \
                counts toward it in reports. Unknown parents, cycles and duplicate codes are reported with their line \
                number, and nothing from the file is written.
                """)

        @Argument(help: "The CSV file.") var file: String
        @OptionGroup var database: DatabaseOption

        func run() throws {
            let importer = UnitImporter(database: try AppDependencies.openDatabase(try database.config()))
            switch try importer.importFile(path: file) {
            case .failure(let failure):
                for diagnostic in failure.diagnostics { print(diagnostic.formatted) }
                print("Nothing was imported: fix the lines above and run the import again.")
                throw ExitCode(1)
            case .success(let counts):
                print("Created \(counts.created), updated \(counts.updated) unit(s).")
            }
        }
    }
}

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to DEST with SQLite's online backup; safe while the server runs.")

    @Argument(help: "The file to write.") var destination: String
    @OptionGroup var database: DatabaseOption

    func run() throws {
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw ValidationError("\(destination) already exists; choose a new file name")
        }
        let source = try AppDependencies.openDatabase(try database.config())
        try source.backup(to: destination)
        print("Backed up to \(destination).")
    }
}

struct QuizCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quiz", abstract: "Work with GIFT quizzes.", subcommands: [Inspect.self])

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how a GIFT file is read: every question with its type, answers and feedback.")

        @Argument(help: "The GIFT file.") var file: String
        @Flag(help: "Print JSON for tools instead of a summary.") var json = false

        func run() throws {
            let report = try QuizInspector.inspect(path: file, json: json)
            print(report.output)
            for diagnostic in report.diagnostics {
                FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8))
            }
            if report.diagnostics.hasErrors { throw ExitCode(1) }
        }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks on synthetic data in a temporary database (see make bench).",
        subcommands: [Report.self, Progress.self, Province.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time the unit report over a synthetic province.")

        @Option(help: "Officials in the synthetic province.") var officials = 100_000
        @Option(help: "Assigned courses.") var courses = 10
        @Option(help: "Times the report is built.") var runs = 10
        @Option(help: "Keep the synthetic database at this path; if it exists, run on it as it is.") var keep: String?

        func run() throws {
            print(try ReportBenchmark.run(officials: officials, courses: courses, runs: runs, keepAt: keep))
        }
    }

    struct Progress: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Progress events stored durably per second, one transaction per request and with group commit.")

        @Option(help: "Concurrent writers, each a learner.") var writers = 64
        @Option(help: "Events in each request.") var events = 20
        @Option(help: "Seconds each way is measured.") var seconds = 5.0

        func run() async throws {
            print(try await ProgressBenchmark.run(writers: writers, events: events, seconds: seconds))
        }
    }
}

extension Bench {
    struct Province: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fill a new database with a synthetic province following the catalogue's courses (make bench).")

        @Option(help: "The new database file (must not exist).") var database: String
        @Option(help: "Folder of courses (default Courses).") var courses = "Courses"
        @Option(help: "Folder of GIFT quizzes (default Assessments).") var assessments = "Assessments"
        @Option(help: "Communes and wards.") var communes = 100
        @Option(help: "Officials, usernames bench0, bench1, ...") var officials = 100_000
        @Option(help: "Citizens.") var citizens = 50_000
        @Option(help: "The password of every synthetic official and of bench-supervisor.") var password = "bench-binhdan"

        func run() throws {
            let content = try ContentLoader(coursesPath: courses, assessmentsPath: assessments).load()
            let figures = try ProvinceBenchmark.run(
                path: database, content: content, communes: communes, officials: officials, citizens: citizens,
                password: password, bcryptCost: AppConfig().bcryptCost)
            print(figures)
            if let code = figures.province.certificateCodes.first { print("certificate: \(code)") }
        }
    }
}

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a course, a lesson or a quiz from a template that passes 'binhdan check'.",
        subcommands: [NewCourse.self, NewLesson.self, NewQuiz.self])

    /// `--courses` and `--assessments`, read as `serve` reads them.
    struct Folders: ParsableArguments {
        @Option(help: "Folder of courses (BINHDAN_COURSES, default Courses).") var courses: String?
        @Option(help: "Folder of GIFT quizzes (BINHDAN_ASSESSMENTS, default Assessments).") var assessments: String?

        func scaffolder() throws -> ContentScaffolder {
            let config = try AppConfig.resolve(
                flags: .init(coursesPath: courses, assessmentsPath: assessments),
                environment: ProcessInfo.processInfo.environment)
            return ContentScaffolder(coursesPath: config.coursesPath, assessmentsPath: config.assessmentsPath)
        }
    }

    /// Prints what was written and what to do next, or the reason nothing was, with exit status 1.
    static func report(_ make: () throws -> ContentScaffolder.Report) throws {
        do {
            let report = try make()
            print("Created:")
            for file in report.files { print("  \(file)") }
            print("Next:")
            for step in report.nextSteps { print("  - \(step)") }
        } catch let error as ScaffoldError {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }

    struct NewCourse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "course", abstract: "Create Courses/<course-id>/ with course.md and a first lesson.")

        @Argument(help: "The course id: lowercase letters, digits and hyphens, such as vneid-co-ban.") var courseID: String
        @Option(help: "Who the course is for: citizens, officials or everyone.") var audience: Audience = .everyone
        @Option(help: "The course title (default: Khóa học mới).") var title: String?
        @OptionGroup var folders: Folders

        func run() throws {
            try New.report { try folders.scaffolder().newCourse(id: courseID, title: title, audience: audience) }
        }
    }

    struct NewLesson: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lesson", abstract: "Add the next numbered lesson, NN-<lesson-id>.md, to a course.")

        @Argument(help: "The course id.") var courseID: String
        @Argument(help: "The lesson id: lowercase letters, digits and hyphens, without the number.") var lessonID: String
        @Flag(help: "A step-by-step lesson: three steps, a placeholder picture and a tip.") var guided = false
        @Option(help: "The lesson title (default: Bài NN).") var title: String?
        @OptionGroup var folders: Folders

        func run() throws {
            try New.report {
                try folders.scaffolder().newLesson(courseID: courseID, lessonID: lessonID, guided: guided, title: title)
            }
        }
    }

    struct NewQuiz: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quiz",
            abstract: "Write Assessments/<quiz-id>.gift with one question of each common type, and its settings .yml.")

        @Argument(help: "The quiz id, such as vneid-co-ban-kiem-tra.") var quizID: String
        @Option(help: "The title shown to learners (default: Bài kiểm tra mới).") var title: String?
        @OptionGroup var folders: Folders

        func run() throws {
            try New.report { try folders.scaffolder().newQuiz(id: quizID, title: title) }
        }
    }
}

extension Audience: ExpressibleByArgument {}
