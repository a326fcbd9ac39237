import Foundation

/// How submitted attempts answered each question of a quiz bank: how many were right, and which wrong answers were
/// chosen. Attempts are added one at a time, so memory follows the bank, not the number of attempts.
public struct QuizAnswerTally: Sendable {
    public let quizID: String
    public let title: String
    /// The bank's questions that carry marks and can be tallied (essays and descriptions are left out), with their
    /// 1-based position in the bank.
    private let questions: [(number: Int, question: Question)]
    /// A question as an attempt's paper holds it → its index in `questions`.
    private let index: [String: Int]
    private var seen: [Int]
    private var right: [Int]
    private var wrong: [[String: Int]]
    /// Submitted attempts added.
    public private(set) var attempts = 0

    /// Distinct wrong answers kept per question; typed answers beyond it are not counted, so one question where
    /// everyone types something different cannot grow without bound.
    public static let wrongAnswerLimit = 500

    public init(quiz: Quiz) {
        quizID = quiz.id
        title = quiz.title
        questions = quiz.questions.enumerated().compactMap { offset, question in
            question.type == .essay || question.type == .description ? nil : (offset + 1, question)
        }
        var index: [String: Int] = [:]
        for (position, entry) in questions.enumerated() where index[Self.key(entry.question)] == nil {
            index[Self.key(entry.question)] = position
        }
        self.index = index
        seen = Array(repeating: 0, count: questions.count)
        right = seen
        wrong = Array(repeating: [:], count: questions.count)
    }

    /// A question is the same one in an attempt and in the bank while its type, name and text are unchanged; an
    /// attempt at an earlier wording counts for nothing here.
    private static func key(_ question: Question) -> String {
        "\(question.type.rawValue)\u{0}\(question.name)\u{0}\(question.text.text)"
    }

    /// Counts one submitted attempt: each question its paper showed, right when it earned full credit, and otherwise
    /// what was chosen or typed. Choice ids are mapped through the paper's own order back to the answers.
    public mutating func add(paper: AttemptPaper, responses: [String: QuestionResponse], result: Grader.Result?) {
        attempts += 1
        for item in paper.items {
            guard let position = index[Self.key(item.question)] else { continue }
            let response = responses[item.id]
            let grade = result?.questions.first { $0.id == item.id } ?? Grader.grade(item, response: response)
            seen[position] += 1
            if let credit = grade.credit, credit >= grade.maxCredit - 1e-9 {
                right[position] += 1
                continue
            }
            for text in Self.wrongAnswers(item, response: response) where !text.isEmpty {
                if wrong[position][text] != nil || wrong[position].count < Self.wrongAnswerLimit {
                    wrong[position][text, default: 0] += 1
                }
            }
        }
    }

    /// What a learner chose or typed that was not right, as the texts to count.
    static func wrongAnswers(_ item: AttemptPaper.Item, response: QuestionResponse?) -> [String] {
        let question = item.question
        func answer(_ choice: Int) -> Answer? {
            guard item.choiceOrder.indices.contains(choice - 1),
                question.answers.indices.contains(item.choiceOrder[choice - 1])
            else { return nil }
            return question.answers[item.choiceOrder[choice - 1]]
        }
        switch (question.type, response) {
        case (.multichoice, .choice(let choice)):
            return [answer(choice)].compactMap { $0 }.filter { $0.fraction < 1 }.map(\.text.text)
        case (.multichoice, .choices(let choices)):
            // Several answers: the ticked ones that earn nothing are the mistakes.
            return Set(choices).sorted().compactMap(answer).filter { $0.fraction <= 0 }.map(\.text.text)
        case (.truefalse, .trueFalse(let value)):
            return value == question.correct ? [] : [value ? "true" : "false"]
        case (.shortanswer, .text(let text)), (.numerical, .text(let text)):
            return [ShortAnswer.normalize(text)]
        case (.matching, .matches(let matches)):
            return item.promptOrder.enumerated().compactMap { position, pairIndex in
                guard question.pairs.indices.contains(pairIndex), let option = matches[position + 1],
                    item.matchOptions.indices.contains(option - 1)
                else { return nil }
                let chosen = item.matchOptions[option - 1]
                let pair = question.pairs[pairIndex]
                return chosen == pair.answer ? nil : "\(pair.question.text) → \(chosen)"
            }
        default:
            return []
        }
    }

    /// The counts as the funnel shows them, in bank order.
    public var row: CourseFunnel.QuizRow {
        CourseFunnel.QuizRow(
            quizId: quizID, title: title, attempts: attempts,
            questions: questions.enumerated().map { position, entry in
                let mostChosen = wrong[position].max { a, b in (a.value, b.key) < (b.value, a.key) }
                return CourseFunnel.QuestionRow(
                    number: entry.number, name: entry.question.name, type: entry.question.type,
                    text: entry.question.text, attempts: seen[position], right: right[position],
                    rightShare: seen[position] == 0
                        ? nil : (Double(right[position]) / Double(seen[position]) * 1000).rounded() / 10,
                    mostChosenWrong: mostChosen.map { CourseFunnel.WrongAnswer(text: $0.key, count: $0.value) })
            })
    }
}
