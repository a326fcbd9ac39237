// Engine micro-benchmarks and start-up time (issue 8). From the repository root:
//
//   swift build -c release --product binhdan-microbench && .build/release/binhdan-microbench
//
// prints a Markdown table (about 20 s on 2 cores; `--seconds 0.3` for a quick look, `--json` for tools).
// The generated catalogue for the server's start-up time:
//
//   .build/release/binhdan-microbench catalogue --lessons 1000 --output DIR
//
// writes DIR/Courses and DIR/Assessments and prints one summary line.
import ArgumentParser
import CAllocCounter
import CourseEngine
import Foundation
import Storage
import WebApp

@main
struct Microbench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "binhdan-microbench",
        abstract: "Time binhdan's engine (Markdown, GIFT, grading, search) and catalogue start-up, with allocations.",
        subcommands: [Run.self, CatalogueCommand.self],
        defaultSubcommand: Run.self)
}

/// Writes a generated catalogue for start-up benchmarks.
struct CatalogueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalogue", abstract: "Write a generated catalogue: OUTPUT/Courses and OUTPUT/Assessments.")

    @Option(help: "Lessons in the catalogue (20 per course).") var lessons = 1000
    @Option(help: "The folder to write into; created if missing.") var output: String

    func run() throws {
        let summary = try SyntheticCatalogue.write(lessons: lessons, to: output)
        print("wrote \(summary.lessons) lessons in \(summary.courses) courses and \(summary.quizzes) quizzes to \(output)")
    }
}

/// Runs every case and prints the table.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the micro-benchmarks and print a Markdown table.")

    @Option(help: "Folder of courses.") var courses = "Courses"
    @Option(help: "Folder of GIFT quizzes.") var assessments = "Assessments"
    @Option(help: "Timed seconds per case, after warm-up.") var seconds = 1.0
    @Option(help: "Timed loads of the whole catalogue per start-up case.") var runs = 5
    @Option(help: "Lessons in the generated catalogue of the start-up case; 0 to skip it.") var lessons = 1000
    @Option(help: "Run only the cases whose name contains this.") var filter: String?
    @Flag(help: "Print JSON instead of the table.") var json = false

    func run() throws {
        let perObject = AllocationCheck.allocationsPerObject()
        let counts = alloc_counter_is_active() == 1 && perObject >= 0.9 && perObject <= 1.1
        if !counts {
            FileHandle.standardError.write(Data("allocations are not counted (\(perObject) per object)\n".utf8))
        }
        let harness = Harness(seconds: seconds, countsAllocations: counts)
        var cases = Cases(harness: harness, courses: courses, assessments: assessments, filter: filter)
        let measurements = try cases.all(runs: runs, syntheticLessons: lessons)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(measurements), as: UTF8.self))
        } else {
            let cores = ProcessInfo.processInfo.activeProcessorCount
            print("binhdan-microbench: \(cores) cores, \(seconds) s per case, allocations per Swift object: \(Report.count(perObject))\n")
            print(Report.markdown(measurements))
        }
    }
}
