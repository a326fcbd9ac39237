import CourseEngine
import Foundation

/// `binhdan quiz inspect`: what the parser read from a GIFT file, as a summary or as JSON.
public enum QuizInspector {
    public struct Report: Sendable {
        public var output: String
        public var diagnostics: [Diagnostic]
    }

    public static func inspect(path: String, json: Bool) throws -> Report {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let (questions, diagnostics) = GIFTParser.parse(bytes, file: path)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(QuizInspection(questions: questions))
            return Report(output: String(decoding: data, as: UTF8.self), diagnostics: diagnostics)
        }
        return Report(output: QuizInspection.summary(questions), diagnostics: diagnostics)
    }
}
