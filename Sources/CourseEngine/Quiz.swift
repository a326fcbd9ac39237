import Foundation
import Yams

/// How a quiz is given, from `Assessments/<quiz-id>.yml`.
public struct QuizSettings: Sendable, Hashable, Codable {
    public var title: String?
    /// The percentage needed to pass, 1...100.
    public var passPercent: Int = 80
    /// nil for unlimited.
    public var maxAttempts: Int?
    /// Draw this many questions at random from the bank; nil for all.
    public var questionCount: Int?
    public var shuffleAnswers = true
    public var oneQuestionPerPage = false

    public init() {}

    static let keys = ["title", "pass_percent", "max_attempts", "questions", "shuffle_answers", "one_question_per_page"]

    /// Reads a settings file; unknown keys and wrong values are errors with their line.
    public static func parse(_ bytes: [UInt8], file: String) -> (QuizSettings, [Diagnostic]) {
        var settings = QuizSettings()
        let text: String
        switch TextDecoding.decodeUTF8(bytes) {
        case .failure(let invalid):
            return (settings, [.error("the file is not valid UTF-8: save it as UTF-8", file: file, line: invalid.line, column: invalid.column)])
        case .success(let decoded): text = decoded
        }
        let root: Node?
        do {
            // UTF-8 given, as in FrontMatter: Yams's default encoding reads the whole process environment on every parse.
            root = try Yams.compose(yaml: text, .default, .default, .utf8)
        } catch {
            return (settings, [.error("invalid settings: \(error)", file: file)])
        }
        guard let root else { return (settings, []) }
        guard case .mapping(let mapping) = root else {
            return (settings, [.error("the settings must be 'key: value' lines", file: file)])
        }
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            let line = keyNode.mark?.line ?? 1
            let column = keyNode.mark?.column ?? 1
            func fail(_ message: String) { diagnostics.append(.error(message, file: file, line: line, column: column)) }
            func positive(_ name: String, in range: ClosedRange<Int>) -> Int? {
                guard let number = value.scalar.flatMap({ Int($0.string) }), range.contains(number) else {
                    fail("'\(name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
                    return nil
                }
                return number
            }
            func flag(_ name: String) -> Bool? {
                guard let bool = value.bool else {
                    fail("'\(name)' must be true or false")
                    return nil
                }
                return bool
            }
            switch key {
            case "title":
                guard let title = value.scalar?.string.trimmingCharacters(in: .whitespaces), !title.isEmpty else {
                    fail("'title' must be text"); continue
                }
                settings.title = title
            case "pass_percent": if let value = positive(key, in: 1...100) { settings.passPercent = value }
            case "max_attempts": if let value = positive(key, in: 1...1000) { settings.maxAttempts = value }
            case "questions": if let value = positive(key, in: 1...1000) { settings.questionCount = value }
            case "shuffle_answers": if let value = flag(key) { settings.shuffleAnswers = value }
            case "one_question_per_page": if let value = flag(key) { settings.oneQuestionPerPage = value }
            default:
                var message = "unknown key '\(key)' in quiz settings"
                if let suggestion = Suggestion.closest(to: key, in: keys) { message += "; did you mean '\(suggestion)'?" }
                fail(message)
            }
        }
        return (settings, diagnostics)
    }
}

/// A quiz: a GIFT question bank and how it is given.
public struct Quiz: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var settings: QuizSettings
    public var questions: [Question]
    /// SHA-256 of the bank and its settings, kept with every attempt.
    public var contentHash: String
    public var sourcePath: String

    /// Questions that carry marks (all but descriptions).
    public var gradedQuestionCount: Int { questions.filter { $0.type != .description }.count }

    /// How many questions an attempt shows.
    public var questionsPerAttempt: Int {
        min(settings.questionCount ?? questions.count, questions.count)
    }
}

/// The quiz files the loader found: the bank and, if present, its settings.
public struct QuizSource: Sendable {
    public var id: String
    public var bank: SourceFile
    public var settings: SourceFile?

    public init(id: String, bank: SourceFile, settings: SourceFile?) {
        self.id = id
        self.bank = bank
        self.settings = settings
    }
}
