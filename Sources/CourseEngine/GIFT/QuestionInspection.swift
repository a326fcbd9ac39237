import Foundation

/// What `binhdan quiz inspect FILE --json` prints: every question of a GIFT file with the fields its type uses.
public struct QuizInspection: Encodable, Sendable {
    /// One question; keys that do not apply to its type are left out of the JSON.
    public struct Entry: Encodable, Sendable {
        public var type: String
        public var name: String
        public var text: String
        public var textFormat: String
        public var generalFeedback: String
        public var category: String?
        public var idNumber: String?
        public var tags: [String]?
        public var single: Bool?
        public var answers: [AnswerEntry]?
        public var correct: Bool?
        public var feedbackTrue: String?
        public var feedbackFalse: String?
        public var pairs: [PairEntry]?

        init(_ question: Question) {
            type = question.type.rawValue
            name = question.name
            text = question.text.text
            textFormat = question.text.format.rawValue
            generalFeedback = question.generalFeedback.text
            category = question.category
            idNumber = question.idNumber
            tags = question.tags.isEmpty ? nil : question.tags
            switch question.type {
            case .multichoice:
                single = question.single ?? false
                answers = question.answers.map(AnswerEntry.init)
            case .shortanswer, .numerical:
                answers = question.answers.map(AnswerEntry.init)
            case .truefalse:
                correct = question.correct ?? false
                feedbackTrue = question.feedbackTrue?.text ?? ""
                feedbackFalse = question.feedbackFalse?.text ?? ""
            case .matching:
                pairs = question.pairs.map(PairEntry.init)
            case .essay, .description:
                break
            }
        }

        private enum CodingKeys: String, CodingKey {
            case type, name, text, textFormat, generalFeedback, category, idNumber, tags, single, answers, correct
            case feedbackTrue, feedbackFalse, pairs
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(name, forKey: .name)
            try container.encode(text, forKey: .text)
            try container.encode(textFormat, forKey: .textFormat)
            try container.encode(generalFeedback, forKey: .generalFeedback)
            try container.encodeIfPresent(category, forKey: .category)
            try container.encodeIfPresent(idNumber, forKey: .idNumber)
            try container.encodeIfPresent(tags, forKey: .tags)
            try container.encodeIfPresent(single, forKey: .single)
            try container.encodeIfPresent(answers, forKey: .answers)
            try container.encodeIfPresent(correct, forKey: .correct)
            try container.encodeIfPresent(feedbackTrue, forKey: .feedbackTrue)
            try container.encodeIfPresent(feedbackFalse, forKey: .feedbackFalse)
            try container.encodeIfPresent(pairs, forKey: .pairs)
        }
    }

    /// One answer with its credit; numerical answers also give their tolerance, and the catch-all has text `*`.
    public struct AnswerEntry: Encodable, Sendable {
        public var text: String
        public var fraction: Double
        public var feedback: String
        public var tolerance: Double?

        init(_ answer: Answer) {
            text = answer.text.text
            fraction = answer.fraction
            feedback = answer.feedback.text
            tolerance = answer.tolerance
        }
    }

    /// One matching pair.
    public struct PairEntry: Encodable, Sendable {
        public var question: String
        public var answer: String

        init(_ pair: MatchPair) {
            question = pair.question.text
            answer = pair.answer
        }
    }

    public var questions: [Entry]

    /// The inspection of questions as `GIFTParser.parse` returned them.
    public init(questions: [Question]) {
        self.questions = questions.map(Entry.init)
    }

    /// A readable plain-text summary of the questions, for `binhdan quiz inspect` without `--json`.
    public static func summary(_ questions: [Question]) -> String {
        var counts: [QuestionType: Int] = [:]
        for question in questions { counts[question.type, default: 0] += 1 }
        let kinds = QuestionType.allCases.compactMap { type in counts[type].map { "\($0) \(type.rawValue)" } }
        var lines = [
            "\(questions.count) question\(questions.count == 1 ? "" : "s")"
                + (kinds.isEmpty ? "" : " (\(kinds.joined(separator: ", ")))")
        ]
        var category: String?
        for (number, question) in questions.enumerated() {
            if let next = question.category, next != category {
                lines.append("")
                lines.append("Category: \(next)")
            }
            category = question.category
            lines.append("")
            var heading =
                "\(number + 1). \(oneLine(question.name)) [\(kindDescription(question))] line \(question.line)"
            if let id = question.idNumber { heading += ", id \(id)" }
            if !question.tags.isEmpty { heading += ", tags: \(question.tags.joined(separator: ", "))" }
            lines.append(heading)
            if !question.text.text.isEmpty { lines.append("   \(oneLine(question.text.text))") }
            for answer in question.answers {
                var line = "   \(percent(answer.fraction).leftPadded(to: 5))  \(oneLine(answer.text.text))"
                if let tolerance = answer.tolerance, tolerance != 0 { line += " ± \(PHPNumber.text(of: tolerance))" }
                if !answer.feedback.text.isEmpty { line += "  # \(oneLine(answer.feedback.text))" }
                lines.append(line)
            }
            if let correct = question.correct {
                lines.append("   answer: \(correct ? "true" : "false")")
                if let feedback = question.feedbackTrue, !feedback.text.isEmpty {
                    lines.append("   if 'true': \(oneLine(feedback.text))")
                }
                if let feedback = question.feedbackFalse, !feedback.text.isEmpty {
                    lines.append("   if 'false': \(oneLine(feedback.text))")
                }
            }
            for pair in question.pairs {
                lines.append("   \(oneLine(pair.question.text)) -> \(oneLine(pair.answer))")
            }
            if !question.generalFeedback.text.isEmpty {
                lines.append("   general feedback: \(oneLine(question.generalFeedback.text))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func kindDescription(_ question: Question) -> String {
        switch question.type {
        case .multichoice: question.single == true ? "multichoice, one answer" : "multichoice, several answers"
        default: question.type.rawValue
        }
    }

    private static func percent(_ fraction: Double) -> String {
        let value = (fraction * 100 * 10_000).rounded() / 10_000
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
