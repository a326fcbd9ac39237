import Foundation

/// Whose learning a funnel counts: one kind of learner, the learners of some units, or everyone.
public struct FunnelFilter: Sendable, Hashable {
    /// Citizens or officials; nil for both.
    public var kind: LearnerKind?
    /// The units whose learners count (a unit, those below it and those merged into them); nil for every learner,
    /// with or without a unit.
    public var unitCodes: Set<String>?

    public init(kind: LearnerKind? = nil, unitCodes: Set<String>? = nil) {
        self.kind = kind
        self.unitCodes = unitCodes
    }
}

/// What the database counts for a course's funnel, grouped so that its size follows the course, not the number of
/// learners. `step` 0 stands for the whole lesson.
public struct FunnelTallies: Sendable, Hashable {
    /// Learners whose summary of a lesson reached `furthestStep` (0: no step), completed or not.
    public struct Reach: Sendable, Hashable {
        public var lessonID: String
        public var furthestStep: Int
        public var completed: Bool
        public var learners: Int

        public init(lessonID: String, furthestStep: Int, completed: Bool, learners: Int) {
            self.lessonID = lessonID
            self.furthestStep = furthestStep
            self.completed = completed
            self.learners = learners
        }
    }

    /// Learners who spent `seconds` on a step, or on the whole lesson for step 0.
    public struct Duration: Sendable, Hashable {
        public var lessonID: String
        public var step: Int
        public var seconds: Int
        public var learners: Int

        public init(lessonID: String, step: Int, seconds: Int, learners: Int) {
            self.lessonID = lessonID
            self.step = step
            self.seconds = seconds
            self.learners = learners
        }
    }

    /// Distinct learners who did something on a step, or anywhere in the lesson for step 0.
    public struct Learners: Sendable, Hashable {
        public var lessonID: String
        public var step: Int
        public var learners: Int

        public init(lessonID: String, step: Int, learners: Int) {
            self.lessonID = lessonID
            self.step = step
            self.learners = learners
        }
    }

    public var reach: [Reach]
    public var durations: [Duration]
    /// Learners who opened "Tôi cần giúp đỡ".
    public var help: [Learners]
    /// Learners who answered "Cần làm lại" on the last step (step 0 only).
    public var retries: [Learners]

    public init(reach: [Reach] = [], durations: [Duration] = [], help: [Learners] = [], retries: [Learners] = []) {
        self.reach = reach
        self.durations = durations
        self.help = help
        self.retries = retries
    }
}

/// Where learners get stuck in a course: per lesson and guided step, how many reached it, stopped there, how long
/// they spent, asked for help and wanted to go again; per quiz question, how often it was answered right and the
/// most chosen wrong answer.
public struct CourseFunnel: Sendable, Hashable, Codable {
    /// One step of a guided lesson.
    public struct StepRow: Sendable, Hashable, Codable {
        public var number: Int
        public var title: String
        /// Learners whose furthest step is this one or later.
        public var reached: Int
        /// Learners whose furthest step is this one and who have not completed the lesson.
        public var stopped: Int
        /// The median time on this step, from the gaps between a learner's events; nil when none could be measured.
        public var medianSeconds: Int?
        /// Distinct learners who opened "Tôi cần giúp đỡ" on this step.
        public var askedForHelp: Int
        /// Learners who answered "Cần làm lại"; on the last step only.
        public var answeredRetry: Int?
    }

    /// One lesson, with its steps if it is guided.
    public struct LessonRow: Sendable, Hashable, Codable {
        public var lessonId: String
        public var title: String
        public var kind: LessonKind
        /// Learners who opened the lesson.
        public var reached: Int
        public var completed: Int
        /// Learners who opened the lesson and have not completed it.
        public var stopped: Int
        /// The median time on the lesson: the time a client reported, or else the gaps between events.
        public var medianSeconds: Int?
        /// Distinct learners who asked for help on any step of the lesson.
        public var askedForHelp: Int
        /// Learners who answered "Cần làm lại" on the last step; guided lessons only.
        public var answeredRetry: Int?
        public var steps: [StepRow]
    }

    /// The wrong answer chosen most often, and how many times.
    public struct WrongAnswer: Sendable, Hashable, Codable {
        /// The answer as written in the bank; `true` or `false` for true/false questions; for short answers and
        /// numbers what learners typed (normalised); for matching `prompt → option`.
        public var text: String
        public var count: Int

        public init(text: String, count: Int) {
            self.text = text
            self.count = count
        }
    }

    /// One question of a quiz bank.
    public struct QuestionRow: Sendable, Hashable, Codable {
        /// 1-based position in the bank.
        public var number: Int
        public var name: String
        public var type: QuestionType
        public var text: FormattedText
        /// Submitted attempts that showed the question.
        public var attempts: Int
        /// Of those, the attempts that earned full credit.
        public var right: Int
        /// `right` in percent of `attempts`, to one decimal; nil without attempts.
        public var rightShare: Double?
        public var mostChosenWrong: WrongAnswer?
    }

    /// A quiz of the course: a lesson's or the final one.
    public struct QuizRow: Sendable, Hashable, Codable {
        public var quizId: String
        public var title: String
        /// Submitted attempts counted.
        public var attempts: Int
        public var questions: [QuestionRow]
    }

    public var courseId: String
    public var title: String
    public var lessons: [LessonRow]
    public var quizzes: [QuizRow]

    /// The quizzes of a course, in the order a learner meets them: lessons' quizzes, then the final quiz, each once.
    public static func quizIDs(of course: Course) -> [String] {
        var ids: [String] = []
        for id in course.lessons.compactMap(\.quiz) + [course.finalQuiz].compactMap({ $0 }) where !ids.contains(id) {
            ids.append(id)
        }
        return ids
    }

    /// Puts the counts in the course's order; lessons and steps nobody reached show zeros. Counts for lessons or
    /// steps no longer published are left out.
    public init(course: Course, tallies: FunnelTallies, quizzes: [QuizAnswerTally] = []) {
        courseId = course.id
        title = course.title
        var reach: [String: [FunnelTallies.Reach]] = [:]
        for item in tallies.reach { reach[item.lessonID, default: []].append(item) }
        var durations: [String: [Int: [(seconds: Int, count: Int)]]] = [:]
        for item in tallies.durations {
            durations[item.lessonID, default: [:]][item.step, default: []].append((item.seconds, item.learners))
        }
        func count(_ items: [FunnelTallies.Learners]) -> [String: [Int: Int]] {
            var result: [String: [Int: Int]] = [:]
            for item in items { result[item.lessonID, default: [:]][item.step, default: 0] += item.learners }
            return result
        }
        let help = count(tallies.help)
        let retries = count(tallies.retries)
        lessons = course.lessons.map { lesson in
            let rows = reach[lesson.id] ?? []
            let reached = rows.reduce(0) { $0 + $1.learners }
            let completed = rows.filter(\.completed).reduce(0) { $0 + $1.learners }
            let guided = lesson.kind == .guided
            let retry = guided ? retries[lesson.id]?[0] ?? 0 : nil
            let steps = guided ? lesson.steps.map { step in
                StepRow(
                    number: step.number, title: step.title,
                    reached: rows.filter { $0.furthestStep >= step.number }.reduce(0) { $0 + $1.learners },
                    stopped: rows.filter { $0.furthestStep == step.number && !$0.completed }.reduce(0) { $0 + $1.learners },
                    medianSeconds: Self.median(durations[lesson.id]?[step.number] ?? []),
                    askedForHelp: help[lesson.id]?[step.number] ?? 0,
                    answeredRetry: step.number == lesson.steps.count ? retry : nil)
            } : []
            return LessonRow(
                lessonId: lesson.id, title: lesson.title, kind: lesson.kind, reached: reached, completed: completed,
                stopped: reached - completed, medianSeconds: Self.median(durations[lesson.id]?[0] ?? []),
                askedForHelp: help[lesson.id]?[0] ?? 0, answeredRetry: retry, steps: steps)
        }
        self.quizzes = quizzes.map(\.row)
    }

    /// The median of values given with how often each occurs: the middle one, or the mean of the two middle ones
    /// rounded to the nearest whole; nil when there is none.
    public static func median(_ histogram: [(seconds: Int, count: Int)]) -> Int? {
        let sorted = histogram.filter { $0.count > 0 }.sorted { $0.seconds < $1.seconds }
        let total = sorted.reduce(0) { $0 + $1.count }
        guard total > 0 else { return nil }
        func value(at index: Int) -> Int {
            var seen = 0
            for item in sorted {
                seen += item.count
                if index < seen { return item.seconds }
            }
            return sorted.last!.seconds
        }
        let low = value(at: (total - 1) / 2)
        let high = value(at: total / 2)
        return Int((Double(low + high) / 2).rounded())
    }
}
