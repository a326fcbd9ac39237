import CourseEngine
import Foundation

/// The trainer's page "Học viên vướng ở đâu": the filters as a form, one table per lesson with a row per guided
/// step, one table per quiz with a row per question.
struct FunnelPage {
    struct Option {
        let value: String
        let label: String
        let selected: Bool
    }

    struct Row {
        let label: String
        let reached: Int
        let stopped: Int
        let time: String
        let help: Int
        let retry: String
        /// The step where the most learners stopped, when any did.
        let mostStopped: Bool
    }

    struct LessonTable {
        let id: String
        let caption: String
        let whole: Row
        let steps: [Row]
    }

    struct QuestionRow {
        let label: String
        let textHTML: String
        let attempts: Int
        let share: String
        let wrong: String
    }

    struct QuizTable {
        let id: String
        let caption: String
        let questions: [QuestionRow]
        let hasQuestions: Bool
    }

    let title: String
    let action: String
    let audiences: [Option]
    let unitCode: String
    let lessons: [LessonTable]
    let quizzes: [QuizTable]
    let hasQuizzes: Bool
    let courseHref: String

    init(report: FunnelController.Report, messages: MessageCatalogue, language: Language) {
        func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
            messages.text(key, language, arguments)
        }
        title = text("funnel_title", ["course": report.title])
        action = SitePath.courseFunnel(report.courseId).path
        audiences = [("", "funnel_audience_all"), ("citizens", "funnel_audience_citizens"), ("officials", "funnel_audience_officials")]
            .map { Option(value: $0.0, label: text($0.1), selected: ($0.0.isEmpty ? nil : $0.0) == report.audience) }
        unitCode = report.unitCode ?? ""
        courseHref = SitePath.course(report.courseId).path
        func time(_ seconds: Int?) -> String {
            guard let seconds else { return "—" }
            return seconds < 60
                ? text("funnel_seconds", ["seconds": "\(seconds)"])
                : text("funnel_minutes", ["minutes": "\(seconds / 60)", "seconds": "\(seconds % 60)"])
        }
        lessons = report.lessons.enumerated().map { index, lesson in
            let most = lesson.steps.map(\.stopped).max() ?? 0
            return LessonTable(
                id: "funnel-lesson-\(index + 1)",
                caption: text("funnel_lesson_caption", ["number": "\(index + 1)", "title": lesson.title]),
                whole: Row(
                    label: text("funnel_whole_lesson"), reached: lesson.reached, stopped: lesson.stopped,
                    time: time(lesson.medianSeconds), help: lesson.askedForHelp,
                    retry: lesson.answeredRetry.map(String.init) ?? "—", mostStopped: false),
                steps: lesson.steps.map { step in
                    Row(
                        label: text("funnel_step", ["number": "\(step.number)", "title": step.title]),
                        reached: step.reached, stopped: step.stopped, time: time(step.medianSeconds),
                        help: step.askedForHelp, retry: step.answeredRetry.map(String.init) ?? "—",
                        mostStopped: most > 0 && step.stopped == most)
                })
        }
        quizzes = report.quizzes.enumerated().map { index, quiz in
            QuizTable(
                id: "funnel-quiz-\(index + 1)",
                caption: text("funnel_quiz_caption", ["title": quiz.title, "attempts": "\(quiz.attempts)"]),
                questions: quiz.questions.map { question in
                    let wrong = question.mostChosenWrong.map { answer in
                        let shown = switch (question.type, answer.text) {
                        case (.truefalse, "true"): text("funnel_true")
                        case (.truefalse, "false"): text("funnel_false")
                        default: answer.text
                        }
                        return text("funnel_wrong_answer", ["answer": shown, "count": "\(answer.count)"])
                    }
                    return QuestionRow(
                        label: text("funnel_question", ["number": "\(question.number)"]),
                        textHTML: QuestionText.html(question.text), attempts: question.attempts,
                        share: question.rightShare.map { "\(UnitReport.number($0))%" } ?? "—", wrong: wrong ?? "—")
                },
                hasQuestions: !quiz.questions.isEmpty)
        }
        hasQuizzes = !quizzes.isEmpty
    }
}
