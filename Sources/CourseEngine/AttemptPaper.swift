/// The questions one attempt shows, in its order, with its shuffled choices. Kept with the attempt, so grading
/// uses exactly what the learner saw even if the bank changes later.
public struct AttemptPaper: Sendable, Hashable, Codable {
    /// One question as this attempt shows it.
    public struct Item: Sendable, Hashable, Codable {
        /// `q1`, `q2`… in the attempt's order.
        public var id: String
        public var question: Question
        /// Multiple choice: indexes into `question.answers`, in the order shown. Choice ids are positions in this
        /// order, so they say nothing about which answer is right.
        public var choiceOrder: [Int]
        /// Matching: indexes into `question.pairs` of the prompts shown (those with a prompt), in order.
        public var promptOrder: [Int]
        /// Matching: the distinct answers offered in every select, in the order shown.
        public var matchOptions: [String]
    }

    public var items: [Item]

    /// Draws an attempt from a quiz: a random subset when the settings ask for one, shuffled choices unless not.
    public static func draw(from quiz: Quiz, using generator: inout some RandomNumberGenerator) -> AttemptPaper {
        var indexes = Array(quiz.questions.indices)
        if let count = quiz.settings.questionCount, count < indexes.count {
            indexes.shuffle(using: &generator)
            indexes = Array(indexes.prefix(count)).sorted()
        }
        let shuffle = quiz.settings.shuffleAnswers
        let items = indexes.enumerated().map { position, index in
            let question = quiz.questions[index]
            var choices = Array(question.answers.indices)
            var prompts = question.pairs.indices.filter { !question.pairs[$0].question.text.isEmpty }
            var options: [String] = []
            for pair in question.pairs where !options.contains(pair.answer) { options.append(pair.answer) }
            if shuffle {
                choices.shuffle(using: &generator)
                prompts.shuffle(using: &generator)
            }
            if question.type == .matching { options.shuffle(using: &generator) }
            return Item(
                id: "q\(position + 1)", question: question,
                choiceOrder: question.type == .multichoice ? choices : [],
                promptOrder: question.type == .matching ? prompts : [], matchOptions: question.type == .matching ? options : [])
        }
        return AttemptPaper(items: items)
    }
}

/// What a learner answered to one question.
public enum QuestionResponse: Sendable, Hashable, Codable {
    /// Multiple choice, one answer: the choice id (1-based position shown).
    case choice(Int)
    /// Multiple choice, several answers: the choice ids ticked.
    case choices([Int])
    case trueFalse(Bool)
    /// Short answer, numerical and essay.
    case text(String)
    /// Matching: prompt id (1-based position shown) → option id (1-based position in the select).
    case matches([Int: Int])
}
