import Foundation

/// Grades an attempt the way Moodle does. Pure: the same paper and responses always give the same grade.
public enum Grader {
    /// The grade of one question.
    public struct QuestionGrade: Sendable, Hashable, Codable {
        public var id: String
        /// The credit earned, 0...1 (a wrong single answer may be negative when the bank says so); nil while an
        /// essay waits for a trainer.
        public var credit: Double?
        /// 1 for questions with marks, 0 for descriptions.
        public var maxCredit: Double
        /// Feedback for what was answered, then the general feedback.
        public var feedback: [FormattedText]
        public var answered: Bool
    }

    /// Where an attempt stands once submitted.
    public enum Status: String, Sendable, Hashable, Codable {
        case graded
        case pendingReview = "pending_review"
    }

    public struct Result: Sendable, Hashable, Codable {
        public var questions: [QuestionGrade]
        public var score: Double
        public var maximum: Double
        public var percent: Double
        public var passed: Bool
        public var status: Status
    }

    public static func grade(_ paper: AttemptPaper, responses: [String: QuestionResponse], passPercent: Int) -> Result {
        let grades = paper.items.map { grade($0, response: responses[$0.id]) }
        return total(grades, passPercent: passPercent)
    }

    /// Adds up question grades; used again when a trainer grades an essay.
    public static func total(_ grades: [QuestionGrade], passPercent: Int) -> Result {
        let maximum = grades.reduce(0) { $0 + $1.maxCredit }
        let score = max(0, grades.reduce(0) { $0 + ($1.credit ?? 0) })
        let percent = maximum > 0 ? (score / maximum * 1000).rounded() / 10 : 100
        let pending = grades.contains { $0.credit == nil && $0.maxCredit > 0 }
        return Result(
            questions: grades, score: score, maximum: maximum, percent: percent,
            passed: !pending && percent >= Double(passPercent), status: pending ? .pendingReview : .graded)
    }

    static func grade(_ item: AttemptPaper.Item, response: QuestionResponse?) -> QuestionGrade {
        let question = item.question
        var feedback: [FormattedText] = []
        var credit: Double? = 0
        switch (question.type, response) {
        case (.description, _):
            return QuestionGrade(id: item.id, credit: 0, maxCredit: 0, feedback: [], answered: false)
        case (.multichoice, .choice(let choice)) where question.single != false:
            if let answer = answer(at: choice, in: item) {
                credit = min(answer.fraction, 1)
                feedback.append(answer.feedback)
            }
        case (.multichoice, .choices(let choices)) where question.single != false:
            // One right answer: ticking several is not a way to collect credit.
            if choices.count == 1, let answer = answer(at: choices[0], in: item) {
                credit = min(answer.fraction, 1)
                feedback.append(answer.feedback)
            }
        case (.multichoice, .choices(let choices)):
            let chosen = Set(choices).compactMap { answer(at: $0, in: item) }
            credit = min(max(chosen.reduce(0) { $0 + $1.fraction }, 0), 1)
            feedback += chosen.map(\.feedback)
        case (.multichoice, .choice(let choice)):
            if let answer = answer(at: choice, in: item) {
                credit = min(max(answer.fraction, 0), 1)
                feedback.append(answer.feedback)
            }
        case (.truefalse, .trueFalse(let value)):
            credit = value == question.correct ? 1 : 0
            if let chosen = value ? question.feedbackTrue : question.feedbackFalse { feedback.append(chosen) }
        case (.shortanswer, .text(let text)):
            if let answer = question.answers.first(where: { ShortAnswer.matches(text, pattern: $0.text.text) }) {
                credit = answer.fraction
                feedback.append(answer.feedback)
            }
        case (.numerical, .text(let text)):
            if let value = NumberInput.parse(text),
                let answer = question.answers.first(where: { NumberInput.accepts(value, answer: $0) })
            {
                credit = answer.fraction
                feedback.append(answer.feedback)
            } else if let catchAll = question.answers.first(where: { $0.text.text == "*" }) {
                feedback.append(catchAll.feedback)
            }
        case (.matching, .matches(let matches)):
            let prompts = item.promptOrder
            let right = prompts.enumerated().filter { position, pairIndex in
                guard let option = matches[position + 1], item.matchOptions.indices.contains(option - 1) else { return false }
                return item.matchOptions[option - 1] == question.pairs[pairIndex].answer
            }.count
            credit = prompts.isEmpty ? 0 : Double(right) / Double(prompts.count)
        case (.essay, .text(let text)) where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            credit = nil
        default:
            break
        }
        if !question.generalFeedback.text.isEmpty { feedback.append(question.generalFeedback) }
        return QuestionGrade(
            id: item.id, credit: credit, maxCredit: 1, feedback: feedback.filter { !$0.text.isEmpty },
            answered: response != nil)
    }

    private static func answer(at choice: Int, in item: AttemptPaper.Item) -> Answer? {
        guard item.choiceOrder.indices.contains(choice - 1) else { return nil }
        return item.question.answers[item.choiceOrder[choice - 1]]
    }
}

/// Short-answer comparison as Moodle does it without "case sensitive": case-insensitive, `*` as a wildcard, here
/// after Unicode normalisation so precomposed and decomposed Vietnamese match.
public enum ShortAnswer {
    public static func normalize(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping.lowercased()
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    public static func matches(_ response: String, pattern: String) -> Bool {
        let response = Array(normalize(response))
        let pattern = Array(normalize(pattern))
        guard !response.isEmpty else { return false }
        // Iterative wildcard matching: '*' matches any run of characters.
        var r = 0, p = 0, star = -1, mark = 0
        while r < response.count {
            if p < pattern.count && pattern[p] != "*" && pattern[p] == response[r] {
                r += 1; p += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p; mark = r; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; r = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}

/// Numbers as learners type them: "3.5", "3,5" (the Vietnamese decimal comma), " 12 ".
public enum NumberInput {
    public static func parse(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard !trimmed.isEmpty, let value = Double(trimmed), value.isFinite else { return nil }
        return value
    }

    static func accepts(_ value: Double, answer: Answer) -> Bool {
        guard answer.text.text != "*", let target = Double(answer.text.text) else { return false }
        return abs(value - target) <= abs(answer.tolerance ?? 0) + 1e-9 * max(1, abs(target))
    }
}
