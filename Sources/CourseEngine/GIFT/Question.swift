/// The text formats GIFT knows: `[moodle]` (the default), `[html]`, `[plain]` and `[markdown]`.
public enum TextFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case moodle
    case html
    case plain
    case markdown
}

/// A piece of question text with the format it is written in.
public struct FormattedText: Sendable, Hashable, Codable {
    public var text: String
    public var format: TextFormat

    public init(_ text: String, format: TextFormat = .moodle) {
        self.text = text
        self.format = format
    }

    public static let empty = FormattedText("")
}

/// The kinds of question GIFT can express, named as `binhdan quiz inspect` prints them.
public enum QuestionType: String, Sendable, Hashable, Codable, CaseIterable {
    case multichoice
    case truefalse
    case shortanswer
    case matching
    case numerical
    case essay
    case description
}

/// One answer of a multiple-choice, short-answer or numerical question.
public struct Answer: Sendable, Hashable, Codable {
    /// The answer as written; for numerical questions the number (the middle of a range), or `*` for the catch-all.
    /// Short-answer and numerical answers keep a `[format]` prefix's format where Moodle keeps only the text.
    public var text: FormattedText
    /// The credit Moodle stores: 1 for right, 0.5 for 50%, -1 for -100%.
    public var fraction: Double
    public var feedback: FormattedText
    /// Numerical answers only: the accepted error either side of `text`; 0 for the `*` catch-all.
    public var tolerance: Double?

    public init(text: FormattedText, fraction: Double, feedback: FormattedText = .empty, tolerance: Double? = nil) {
        self.text = text
        self.fraction = fraction
        self.feedback = feedback
        self.tolerance = tolerance
    }
}

/// One pair of a matching question: a prompt and the answer it goes with.
public struct MatchPair: Sendable, Hashable, Codable {
    public var question: FormattedText
    public var answer: String

    public init(question: FormattedText, answer: String) {
        self.question = question
        self.answer = answer
    }
}

/// One question of a GIFT bank, as Moodle's importer reads it.
public struct Question: Sendable, Hashable, Codable {
    public var type: QuestionType
    public var name: String
    public var text: FormattedText
    public var generalFeedback: FormattedText
    /// The `$CATEGORY:` in force where the question stands, if any.
    public var category: String?
    /// From a `// [id:...]` comment.
    public var idNumber: String?
    /// From `// [tag:...]` comments.
    public var tags: [String]
    /// Multiple choice only: true when the block contains an unescaped `=` anywhere (Moodle's rule, which counts
    /// `=` inside feedback too; `%100%` weights do not make a question single).
    public var single: Bool?
    /// Multiple choice, short answer and numerical.
    public var answers: [Answer]
    /// True/false only.
    public var correct: Bool?
    public var feedbackTrue: FormattedText?
    public var feedbackFalse: FormattedText?
    /// Matching only.
    public var pairs: [MatchPair]
    /// The file line where the question starts.
    public var line: Int

    public init(
        type: QuestionType, name: String, text: FormattedText, generalFeedback: FormattedText = .empty,
        category: String? = nil, idNumber: String? = nil, tags: [String] = [], single: Bool? = nil,
        answers: [Answer] = [], correct: Bool? = nil, feedbackTrue: FormattedText? = nil,
        feedbackFalse: FormattedText? = nil, pairs: [MatchPair] = [], line: Int = 1
    ) {
        self.type = type
        self.name = name
        self.text = text
        self.generalFeedback = generalFeedback
        self.category = category
        self.idNumber = idNumber
        self.tags = tags
        self.single = single
        self.answers = answers
        self.correct = correct
        self.feedbackTrue = feedbackTrue
        self.feedbackFalse = feedbackFalse
        self.pairs = pairs
        self.line = line
    }
}
