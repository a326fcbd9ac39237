import CourseEngine
import Foundation

/// The page that introduces a quiz: what it asks, the pass mark, attempts used and how to start.
struct QuizPage {
    struct PastAttempt {
        let href: String
        let label: String
        let status: String
    }

    let title: String
    let facts: [String]
    let signedIn: Bool
    let startAction: String
    let startLabel: String
    let canStart: Bool
    let limitReached: String?
    let signInHref: String
    let attempts: [PastAttempt]
    let hasAttempts: Bool
}

/// One or all questions of an attempt, as a form.
struct AttemptPage {
    struct Choice {
        let id: Int
        /// The question's id, the form field name; `id` would mean the choice inside a Mustache section.
        let name: String
        let inputID: String
        let html: String
        let checked: Bool
    }

    struct Prompt {
        let selectID: String
        let name: String
        let html: String
        let options: [SelectOption]
    }

    struct SelectOption {
        let id: Int
        let text: String
        let selected: Bool
    }

    struct QuestionView {
        let id: String
        let counter: String
        let html: String
        let isDescription: Bool
        let isSingle: Bool
        let isMultiple: Bool
        let isTrueFalse: Bool
        let isShortText: Bool
        let isNumerical: Bool
        let isEssay: Bool
        let isMatching: Bool
        let choices: [Choice]
        let trueChecked: Bool
        let falseChecked: Bool
        let textValue: String
        let prompts: [Prompt]
        let hint: String?
    }

    let title: String
    let counter: String?
    let progressValue: Int
    let progressMax: Int
    let questions: [QuestionView]
    let action: String
    let isOnePerPage: Bool
    let hasPrevious: Bool
    let isLast: Bool
}

/// The grade of a submitted attempt with feedback per question.
struct ResultPage {
    struct QuestionResult {
        let counter: String
        let html: String
        let outcome: String
        let outcomeClass: String
        let feedback: [String]
    }

    let title: String
    let summary: String
    let verdict: String
    let passed: Bool
    let pending: Bool
    let questions: [QuestionResult]
    let quizHref: String
    let retakeLabel: String
}

extension AttemptPage.QuestionView {
    init(item: AttemptPaper.Item, counter: String, response: QuestionResponse?, messages: MessageCatalogue, language: Language) {
        let question = item.question
        let presented = PresentedQuestion(item)
        id = item.id
        self.counter = counter
        html = presented.text
        isDescription = question.type == .description
        isSingle = question.type == .multichoice && question.single != false
        isMultiple = question.type == .multichoice && question.single == false
        isTrueFalse = question.type == .truefalse
        isShortText = question.type == .shortanswer
        isNumerical = question.type == .numerical
        isEssay = question.type == .essay
        isMatching = question.type == .matching
        var chosen: Set<Int> = []
        switch response {
        case .choice(let choice): chosen = [choice]
        case .choices(let choices): chosen = Set(choices)
        default: break
        }
        choices = (presented.choices ?? []).map {
            AttemptPage.Choice(id: $0.id, name: item.id, inputID: "\(item.id)-c\($0.id)", html: $0.text, checked: chosen.contains($0.id))
        }
        if case .trueFalse(let value) = response {
            trueChecked = value
            falseChecked = !value
        } else {
            trueChecked = false
            falseChecked = false
        }
        if case .text(let text) = response { textValue = text } else { textValue = "" }
        var matches: [Int: Int] = [:]
        if case .matches(let saved) = response { matches = saved }
        prompts = (presented.prompts ?? []).map { prompt in
            AttemptPage.Prompt(
                selectID: "\(item.id)-p\(prompt.id)", name: "\(item.id)-p\(prompt.id)", html: prompt.text,
                options: (presented.options ?? []).map { AttemptPage.SelectOption(id: $0.id, text: $0.text, selected: matches[prompt.id] == $0.id) })
        }
        hint = question.type == .numerical ? messages.text("quiz_numerical_hint", language)
            : question.type == .multichoice && question.single == false ? messages.text("quiz_multiple_hint", language) : nil
    }
}

/// Reads a quiz form: `q1=2`, `q2=1&q2=3`, `q3-p1=2`, `q4=text`.
enum QuizForm {
    static func responses(_ fields: [String: [String]], paper: AttemptPaper, only ids: Set<String>? = nil) -> [String: QuestionResponse] {
        var responses: [String: QuestionResponse] = [:]
        for item in paper.items where ids?.contains(item.id) ?? true {
            let values = fields[item.id] ?? []
            switch item.question.type {
            case .multichoice where item.question.single == false:
                let choices = values.compactMap { Int($0) }
                if !choices.isEmpty || ids != nil { responses[item.id] = .choices(choices) }
            case .multichoice:
                if let choice = values.first.flatMap({ Int($0) }) { responses[item.id] = .choice(choice) }
            case .truefalse:
                if let value = values.first { responses[item.id] = .trueFalse(value == "true") }
            case .shortanswer, .numerical, .essay:
                if let text = values.first, !text.isEmpty { responses[item.id] = .text(String(text.prefix(20_000))) }
            case .matching:
                var matches: [Int: Int] = [:]
                for prompt in 1...max(item.promptOrder.count, 1) {
                    if let option = fields["\(item.id)-p\(prompt)"]?.first.flatMap({ Int($0) }) { matches[prompt] = option }
                }
                if !matches.isEmpty { responses[item.id] = .matches(matches) }
            case .description:
                break
            }
        }
        return responses
    }
}

/// URL-encoded form bodies with repeated keys kept.
enum FormFields {
    static func parse(_ body: String) -> [String: [String]] {
        var fields: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            guard let key = parts.first else { continue }
            fields[key, default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }
}
