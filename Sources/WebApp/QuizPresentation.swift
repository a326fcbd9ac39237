import CourseEngine
import Foundation

/// A question as a learner sees it during an attempt: never with fractions, right answers or feedback.
struct PresentedQuestion: Codable, Equatable, Sendable {
    struct Option: Codable, Equatable, Sendable {
        var id: Int
        var text: String
    }

    var id: String
    var type: QuestionType
    /// Sanitized HTML.
    var text: String
    /// Multiple choice: true when several answers may be ticked.
    var multiple: Bool?
    /// Multiple choice: the choices, in this attempt's order.
    var choices: [Option]?
    /// Matching: the prompts, and the options every prompt chooses from.
    var prompts: [Option]?
    var options: [Option]?

    init(_ item: AttemptPaper.Item) {
        let question = item.question
        id = item.id
        type = question.type
        text = QuestionText.html(question.text)
        switch question.type {
        case .multichoice:
            multiple = question.single == false
            choices = item.choiceOrder.enumerated().map { Option(id: $0.offset + 1, text: QuestionText.html(question.answers[$0.element].text)) }
        case .matching:
            prompts = item.promptOrder.enumerated().map { Option(id: $0.offset + 1, text: QuestionText.html(question.pairs[$0.element].question)) }
            options = item.matchOptions.enumerated().map { Option(id: $0.offset + 1, text: HTMLText.escape($0.element)) }
        default:
            break
        }
    }
}

/// What a learner may send for one question, before it is checked against the question's type.
enum ResponseValue: Codable, Equatable {
    case bool(Bool)
    case int(Int)
    case ints([Int])
    case text(String)
    case map([String: Int])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .int(value) }
        else if let value = try? container.decode([Int].self) { self = .ints(value) }
        else if let value = try? container.decode(String.self) { self = .text(value) }
        else if let value = try? container.decode([String: Int].self) { self = .map(value) }
        else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a response is a choice id, a list of ids, true/false, text, or {promptId: optionId}")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .ints(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .map(let value): try container.encode(value)
        }
    }

    /// A stored answer in the shape a submission uses.
    init(_ response: QuestionResponse) {
        switch response {
        case .choice(let choice): self = .int(choice)
        case .choices(let choices): self = .ints(choices)
        case .trueFalse(let value): self = .bool(value)
        case .text(let text): self = .text(text)
        case .matches(let matches): self = .map(Dictionary(uniqueKeysWithValues: matches.map { ("\($0.key)", $0.value) }))
        }
    }

    /// The response in the shape the question needs, or nil when it does not fit.
    func response(for item: AttemptPaper.Item) -> QuestionResponse? {
        let question = item.question
        switch (question.type, self) {
        case (.multichoice, .int(let choice)) where question.single != false: return .choice(choice)
        case (.multichoice, .ints(let choices)) where question.single == false: return .choices(choices)
        case (.multichoice, .int(let choice)): return .choices([choice])
        case (.truefalse, .bool(let value)): return .trueFalse(value)
        case (.shortanswer, .text(let text)), (.numerical, .text(let text)), (.essay, .text(let text)):
            return .text(String(text.prefix(20_000)))
        case (.numerical, .int(let number)): return .text(String(number))
        case (.matching, .map(let map)):
            var matches: [Int: Int] = [:]
            for (key, value) in map {
                guard let prompt = Int(key) else { return nil }
                matches[prompt] = value
            }
            return .matches(matches)
        default: return nil
        }
    }
}

/// Escaping for text that is not HTML, such as matching options.
enum HTMLText {
    static func escape(_ text: String) -> String {
        QuestionText.html(FormattedText(text, format: .plain))
    }
}

/// An attempt's grade as the API and the result page show it.
struct AttemptResultBody: Codable, Equatable, Sendable {
    struct QuestionResult: Codable, Equatable, Sendable {
        var id: String
        var credit: Double?
        var maxCredit: Double
        /// Sanitized HTML, for what was answered and the question's general feedback.
        var feedback: [String]
        var answered: Bool
    }

    var attemptId: String
    var quizId: String
    var status: Attempt.Status
    var score: Double
    var maximum: Double
    var percent: Double
    var passed: Bool
    var submittedAt: Date?
    var questions: [QuestionResult]

    init?(_ attempt: Attempt) {
        guard let result = attempt.result else { return nil }
        attemptId = attempt.id
        quizId = attempt.quizID
        status = attempt.status
        score = result.score
        maximum = result.maximum
        percent = result.percent
        passed = result.passed
        submittedAt = attempt.submittedAt
        questions = result.questions.map {
            QuestionResult(id: $0.id, credit: $0.credit, maxCredit: $0.maxCredit, feedback: $0.feedback.map(QuestionText.html), answered: $0.answered)
        }
    }
}
